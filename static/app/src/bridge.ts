/**
 * The only module that talks to @forge/bridge. Every resolver answer comes back as a ResolverResult:
 * a bridge failure or a malformed answer becomes a plain-words error, never an exception in a component.
 */
import { invoke, router, view } from '@forge/bridge';
import type { ResolverCalls, ResolverResult } from './contract';

export type CallKey = keyof ResolverCalls;
export type Payload<K extends CallKey> = ResolverCalls[K]['payload'];
export type Answer<K extends CallKey> = ResolverResult<ResolverCalls[K]['result']>;

const UNREACHABLE = 'Pilot Pathway could not be reached. Check your connection and try again.';
const MALFORMED = 'Pilot Pathway sent an answer the panel does not understand. Try again in a moment.';

function isResolverResult(answer: unknown): answer is ResolverResult<unknown> {
  if (typeof answer !== 'object' || answer === null || !('ok' in answer)) return false;
  if (answer.ok === true) return 'data' in answer;
  if (answer.ok !== false || !('error' in answer)) return false;
  const error = answer.error as { message?: unknown } | null;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

export async function callResolver<K extends CallKey>(key: K, payload: Payload<K>): Promise<Answer<K>> {
  let answer: unknown;
  try {
    answer = await invoke(key, payload as Record<string, unknown>);
  } catch {
    return { ok: false, error: { code: 'internal', message: UNREACHABLE } };
  }
  if (!isResolverResult(answer)) return { ok: false, error: { code: 'internal', message: MALFORMED } };
  return answer as Answer<K>;
}

/** Which module the app runs in: `moduleKey` and `extension.type` of the Forge context. */
export interface ModuleContext {
  moduleKey: string | null;
  extensionType: string | null;
  /** `edit` in a dashboard gadget's edit view. */
  entryPoint?: string | null;
  /** A dashboard gadget's saved settings, as the platform hands them over. */
  gadgetConfiguration?: unknown;
}

export async function getModuleContext(): Promise<ModuleContext> {
  const context = (await view.getContext()) as {
    moduleKey?: unknown;
    extension?: { type?: unknown; entryPoint?: unknown; gadgetConfiguration?: unknown };
  };
  return {
    moduleKey: typeof context?.moduleKey === 'string' ? context.moduleKey : null,
    extensionType: typeof context?.extension?.type === 'string' ? context.extension.type : null,
    entryPoint: typeof context?.extension?.entryPoint === 'string' ? context.extension.entryPoint : null,
    gadgetConfiguration: context?.extension?.gadgetConfiguration,
  };
}

/**
 * Saves a dashboard gadget's settings from its edit view: Jira keeps them with the gadget and shows the
 * gadget again. Answers a sentence when the host refuses, never throws.
 */
export async function submitGadgetSettings(settings: Record<string, unknown>): Promise<string | null> {
  try {
    await view.submit(settings);
    return null;
  } catch {
    return 'The gadget settings were not saved. Try again in a moment.';
  }
}

/**
 * Opens a Jira path (e.g. `/browse/AIP-4`) in the host page. Jira needs the bridge: a Custom UI iframe
 * cannot navigate its parent. A host without `navigate` still gets there through the plain link target.
 */
export function navigateTo(url: string, newTab: boolean): void {
  const go = newTab ? router.open(url) : router.navigate(url);
  Promise.resolve(go).catch(() => {
    window.open(url, newTab ? '_blank' : '_top', newTab ? 'noopener' : undefined);
  });
}

export function enableHostTheming(): Promise<unknown> {
  return view.theme.enable();
}
