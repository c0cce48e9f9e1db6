/**
 * Jira dashboards with the app's gadget (`jira:dashboardGadget`): one dashboard holding one gadget, and
 * the settings Jira keeps with each gadget. As in Jira, a gadget's edit view saves its settings with
 * `view.submit(settings)` (@forge/bridge `submit`), and from then on the platform hands them to the
 * gadget in its context (`extension.gadgetConfiguration`) and to its resolver: the browser never names
 * them, so a page cannot show a gadget settings it was not saved with.
 */
export const SANDBOX_DASHBOARD = { id: '10100', name: 'Pilot Pathway' } as const;
export const SANDBOX_GADGET = { id: '10101' } as const;

export type SubmitAnswer = { ok: true } | { ok: false; message: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class GadgetSettings {
  private readonly saved = new Map<string, Record<string, unknown>>();

  get(gadgetId: string): Record<string, unknown> | undefined {
    return this.saved.get(gadgetId);
  }

  /**
   * What the edit view's `view.submit(payload)` saves: an object; its `refresh` (the gadget's automatic
   * refresh in minutes, Forge's one field of its own) must be a positive integer when given.
   */
  submit(gadgetId: string, payload: unknown): SubmitAnswer {
    if (!isPlainObject(payload)) return { ok: false, message: 'A gadget saves its settings as an object' };
    const refresh = payload['refresh'];
    if (refresh !== undefined && !(Number.isInteger(refresh) && (refresh as number) > 0))
      return { ok: false, message: 'refresh must be a positive integer (minutes)' };
    this.saved.set(gadgetId, structuredClone(payload));
    return { ok: true };
  }

  clear(): void {
    this.saved.clear();
  }

  /**
   * The extension the platform gives a gadget's frame and resolver: the dashboard and gadget the page
   * named, whether it is the edit view, and the settings Jira keeps for that gadget (whatever the
   * browser sent under that name is dropped).
   */
  extensionFor(extension: Record<string, unknown> | undefined): Record<string, unknown> {
    const { gadgetConfiguration: _sent, ...named } = extension ?? {};
    const gadgetId = (named['gadget'] as { id?: unknown } | undefined)?.id;
    const settings = typeof gadgetId === 'string' ? this.get(gadgetId) : undefined;
    return { ...named, ...(settings ? { gadgetConfiguration: settings } : {}) };
  }
}
