/**
 * The dashboard gadget's setting (product.md §15 "Across projects"): the pilot project it shows, or
 * every project its viewer may browse. Jira keeps it with the gadget, written by whoever may edit the
 * dashboard, so it is input to check, never a permission: the viewer's own browse rights decide what
 * the gadget shows.
 */
import { z } from 'zod';

/** The setting's value for every project the viewer may browse. */
export const ALL_PROJECTS = 'all';

export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;

export interface GadgetSettings {
  /** A project key, or ALL_PROJECTS. */
  project: string;
}

/** A gadget saved without a setting (just added) shows every project. */
export const DEFAULT_GADGET_SETTINGS: GadgetSettings = { project: ALL_PROJECTS };

const NO_PROJECT = 'The gadget names no project: edit the gadget and choose a project, or every project';

/** Forge keeps the gadget's own `refresh` (minutes) beside the app's setting; it is not ours to check. */
export const gadgetSettingsSchema = z.looseObject(
  {
    project: z
      .string({ error: NO_PROJECT })
      .refine((project) => project === ALL_PROJECTS || PROJECT_KEY_PATTERN.test(project), {
        error: NO_PROJECT,
      }),
  },
  { error: NO_PROJECT },
);

/** The setting the gadget was saved with; a gadget never saved shows every project. */
export function gadgetSettingsOf(
  stored: unknown,
): { ok: true; settings: GadgetSettings } | { ok: false; message: string } {
  if (stored === undefined || stored === null) return { ok: true, settings: DEFAULT_GADGET_SETTINGS };
  const parsed = gadgetSettingsSchema.safeParse(stored);
  return parsed.success
    ? { ok: true, settings: { project: parsed.data.project } }
    : {
        ok: false,
        message: parsed.error.issues[0]?.message ?? 'The gadget setting is not one the app knows',
      };
}
