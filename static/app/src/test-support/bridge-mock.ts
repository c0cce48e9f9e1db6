/**
 * The @forge/bridge double shared by component tests. Each test file declares
 * `jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule)`
 * and scripts `invoke` through `answer(...)`.
 */
export const invoke = jest.fn<Promise<unknown>, [string, unknown?]>();
export const navigate = jest.fn<Promise<void>, [unknown]>(() => Promise.resolve());
export const open = jest.fn<Promise<void>, [unknown]>(() => Promise.resolve());
export const getContext = jest.fn<Promise<unknown>, []>();
export const enableTheming = jest.fn<Promise<void>, []>(() => Promise.resolve());
export const submit = jest.fn<Promise<void>, [unknown?]>(() => Promise.resolve());

export const bridgeModule = {
  invoke,
  router: { navigate, open },
  view: { getContext, submit, theme: { enable: enableTheming } },
};

/** Scripts resolver answers by function key; a key with no script fails the test loudly. */
export function answer(script: Record<string, unknown | ((payload: unknown) => unknown)>): void {
  invoke.mockImplementation(async (key: string, payload?: unknown) => {
    if (!(key in script)) throw new Error(`unexpected resolver call ${key}`);
    const value = script[key];
    return typeof value === 'function' ? (value as (p: unknown) => unknown)(payload) : value;
  });
}

export function resetBridge(): void {
  invoke.mockReset();
  navigate.mockClear();
  open.mockClear();
  getContext.mockReset();
  enableTheming.mockClear();
  submit.mockReset();
  submit.mockImplementation(() => Promise.resolve());
}
