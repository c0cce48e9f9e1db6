/**
 * Light and dark themes through Atlassian design tokens.
 *
 * In Jira, `view.theme.enable()` (bridge call `enableTheming`) makes the host set `data-color-mode`
 * and `data-theme` on our <html> and provide the token CSS. Elsewhere (the sandbox host, or a host
 * that ignores the call) we complete what is missing ourselves: the attributes, and the light and
 * dark token sheets from @atlaskit/tokens, loaded lazily and only when no token is defined.
 * `setGlobalTheme` is deliberately not used: it pulls in a feature-flag client and two dozen theme
 * chunks (~170 KB gzip), more than the whole bundle budget; the two sheets cost ~6 KB gzip.
 * Every colour in styles.css is `var(--ds-…, fallback)` with a light and a dark fallback, so the
 * panel follows `data-color-mode` even when no token sheet loads at all.
 */
export type ColorMode = 'light' | 'dark';

export type TokenSheetLoader = () => Promise<string[]>;

const STYLE_ID = 'pilot-pathway-tokens';

export const loadTokenSheets: TokenSheetLoader = async () => {
  const [light, dark] = await Promise.all([
    import('@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-light.js'),
    import('@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-dark.js'),
  ]);
  return [light.default, dark.default];
};

function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** True when some stylesheet (Jira's or ours) already defines the design tokens. */
export function tokensDefined(root: HTMLElement = document.documentElement): boolean {
  return getComputedStyle(root).getPropertyValue('--ds-text').trim() !== '';
}

export async function applyTheme(
  enableHostTheming: () => Promise<unknown>,
  loadSheets: TokenSheetLoader = loadTokenSheets,
): Promise<void> {
  try {
    await enableHostTheming();
  } catch {
    // A host without theming support: the fallbacks below still give a themed panel.
  }
  const html = document.documentElement;
  const mode = html.getAttribute('data-color-mode');
  if (mode !== 'light' && mode !== 'dark')
    html.setAttribute('data-color-mode', prefersDark() ? 'dark' : 'light');
  if (!html.getAttribute('data-theme')) html.setAttribute('data-theme', 'dark:dark light:light');
  if (tokensDefined(html) || document.getElementById(STYLE_ID)) return;
  try {
    const sheets = await loadSheets();
    const style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = sheets.join('\n');
    document.head.appendChild(style);
  } catch {
    // The CSS fallbacks in styles.css cover a failed load.
  }
}
