/**
 * Entry point. @forge/bridge reaches for `globalThis.__bridge` as soon as it loads, so the app is
 * loaded only once a host (Jira, or the sandbox host page) has provided it; opened anywhere else,
 * the page says so instead of staying blank.
 */
import './styles.css';

interface BridgeHost {
  __bridge?: { callBridge?: unknown };
}

function bridgeReady(): boolean {
  return typeof (globalThis as BridgeHost).__bridge?.callBridge === 'function';
}

function waitForBridge(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (bridgeReady()) resolve(true);
      else if (Date.now() - started >= timeoutMs) resolve(false);
      else setTimeout(check, 50);
    };
    check();
  });
}

const container = document.getElementById('root');
if (container) {
  void waitForBridge(3000).then(async (ready) => {
    if (!ready) {
      container.innerHTML =
        '<p class="message message-info">Pilot Pathway runs inside Jira: open an AI Pilot or an epic to see its readiness.</p>';
      return;
    }
    const { start } = await import('./start');
    start(container);
  });
}
