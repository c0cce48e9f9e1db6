/**
 * @jest-environment jsdom
 */
import { applyTheme } from './theme';

const SHEET = 'html[data-color-mode="dark"][data-theme~="dark:dark"] { --ds-text: #cecfd2; }';

beforeEach(() => {
  document.documentElement.removeAttribute('data-color-mode');
  document.documentElement.removeAttribute('data-theme');
  document.head.innerHTML = '';
});

describe('applyTheme', () => {
  it('asks the host to enable theming', async () => {
    const enable = jest.fn(() => Promise.resolve());
    await applyTheme(enable, async () => [SHEET]);
    expect(enable).toHaveBeenCalledTimes(1);
  });

  it('keeps the colour mode the host set', async () => {
    document.documentElement.setAttribute('data-color-mode', 'dark');
    document.documentElement.setAttribute('data-theme', 'dark:dark light:light spacing:spacing');
    await applyTheme(
      () => Promise.resolve(),
      async () => [SHEET],
    );
    expect(document.documentElement.getAttribute('data-color-mode')).toBe('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark:dark light:light spacing:spacing');
  });

  it('completes a host that does not theme: attributes and the token sheets', async () => {
    const load = jest.fn(async () => ['light-sheet', 'dark-sheet']);
    await applyTheme(() => Promise.reject(new Error('enableTheming is not supported')), load);
    expect(document.documentElement.getAttribute('data-color-mode')).toBe('light');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark:dark light:light');
    expect(document.getElementById('pilot-pathway-tokens')?.textContent).toBe('light-sheet\ndark-sheet');
  });

  it('does not load the sheets twice', async () => {
    const load = jest.fn(async () => ['sheet']);
    await applyTheme(() => Promise.resolve(), load);
    await applyTheme(() => Promise.resolve(), load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('leaves the tokens to the host when they are already defined', async () => {
    document.documentElement.style.setProperty('--ds-text', '#292a2e');
    const load = jest.fn(async () => ['sheet']);
    await applyTheme(() => Promise.resolve(), load);
    expect(load).not.toHaveBeenCalled();
    document.documentElement.style.removeProperty('--ds-text');
  });

  it('survives a sheet that fails to load', async () => {
    await expect(
      applyTheme(
        () => Promise.resolve(),
        () => Promise.reject(new Error('chunk failed')),
      ),
    ).resolves.toBeUndefined();
    expect(document.documentElement.getAttribute('data-color-mode')).toBe('light');
  });
});
