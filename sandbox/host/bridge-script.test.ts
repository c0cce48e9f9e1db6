/**
 * @jest-environment jsdom
 *
 * The injected bridge script, run in a DOM: it must exist before @forge/bridge loads, forward
 * invoke/getContext to the sandbox server, set the theme and answer the page-local calls.
 */
import { BRIDGE_SCRIPT } from './bridge-script';

type Bridge = { callBridge: (name: string, payload?: unknown) => Promise<unknown> };
const w = window as unknown as { __SANDBOX_FORGE__: unknown; __bridge: Bridge; fetch: unknown };

const calls: { url: string; body: Record<string, unknown> }[] = [];

beforeAll(() => {
  w.__SANDBOX_FORGE__ = {
    moduleKey: 'readiness-panel',
    localId: 'p1',
    accountId: 'acc-1',
    theme: 'dark',
    extension: { issue: { key: 'AIP-1' } },
  };
  w.fetch = async (url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as Record<string, unknown>;
    calls.push({ url, body });
    const payload = body.payload as { functionKey?: string } | null;
    if (url === '/__sandbox/bridge/submit')
      return {
        ok: true,
        status: 200,
        json: async () => ({ result: (payload as { project?: string })?.project === 'AIP' }),
      };
    if (payload?.functionKey === 'boom')
      return {
        ok: false,
        status: 500,
        json: async () => ({ message: 'There was an error invoking the function - boom' }),
      };
    return { ok: true, status: 200, json: async () => ({ result: { echoed: payload } }) };
  };
  window.eval(BRIDGE_SCRIPT);
});

test('defines __bridge and sets the theme on <html>', () => {
  expect(typeof w.__bridge.callBridge).toBe('function');
  expect(document.documentElement.getAttribute('data-color-mode')).toBe('dark');
  expect(document.documentElement.getAttribute('data-theme')).toContain('dark:dark');
});

test('invoke posts the module, user, context and call to the server and returns the result', async () => {
  await expect(
    w.__bridge.callBridge('invoke', { functionKey: 'getPanel', payload: { a: 1 } }),
  ).resolves.toEqual({
    echoed: { functionKey: 'getPanel', payload: { a: 1 } },
  });
  expect(calls.at(-1)).toEqual({
    url: '/__sandbox/bridge/invoke',
    body: {
      moduleKey: 'readiness-panel',
      accountId: 'acc-1',
      extension: { issue: { key: 'AIP-1' } },
      theme: 'dark',
      localId: 'p1',
      payload: { functionKey: 'getPanel', payload: { a: 1 } },
    },
  });
  await expect(
    w.__bridge.callBridge('invoke', {
      functionKey: 'x',
      payload: {},
      metadata: { rateLimitProperties: true },
    }),
  ).resolves.toMatchObject({ body: { echoed: {} }, metadata: {} });
  await expect(w.__bridge.callBridge('invoke', { functionKey: 'boom' })).rejects.toThrow(
    'There was an error invoking the function - boom',
  );
});

test('events reach subscribers; unknown calls reject', async () => {
  const seen: unknown[] = [];
  const sub = (await w.__bridge.callBridge('on', {
    event: 'refreshed',
    callback: (p: unknown) => seen.push(p),
  })) as { unsubscribe(): void };
  await w.__bridge.callBridge('emit', { event: 'refreshed', payload: { n: 1 } });
  sub.unsubscribe();
  await w.__bridge.callBridge('emit', { event: 'refreshed', payload: { n: 2 } });
  expect(seen).toEqual([{ n: 1 }]);
  await expect(w.__bridge.callBridge('openRovo')).rejects.toThrow('does not support "openRovo"');
});

test('the real @forge/bridge invoke() and view.getContext() go through it', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bridge = require('@forge/bridge') as typeof import('@forge/bridge');
  await expect(bridge.invoke('getPanel', { issueKey: 'AIP-1' })).resolves.toEqual({
    echoed: { functionKey: 'getPanel', payload: { issueKey: 'AIP-1' } },
  });
  await bridge.view.getContext();
  expect(calls.at(-1)?.url).toBe('/__sandbox/bridge/getContext');
});

test("submit saves through the server and, once saved, tells the host page (a gadget's edit view closes)", async () => {
  const told: unknown[] = [];
  const listen = (event: MessageEvent) => told.push(event.data);
  window.addEventListener('message', listen);
  try {
    await expect(w.__bridge.callBridge('submit', { project: 'AIP' })).resolves.toBe(true);
    expect(calls.at(-1)).toMatchObject({
      url: '/__sandbox/bridge/submit',
      body: { payload: { project: 'AIP' } },
    });
    await expect(w.__bridge.callBridge('submit', { project: 'NOPE' })).resolves.toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(told).toEqual([{ type: 'forge-sandbox-submitted', localId: 'p1' }]);
  } finally {
    window.removeEventListener('message', listen);
  }
});
