/**
 * The data sources a production system needs (product.md §15 "Every data steward"): the production spec
 * lists them, and diagnostic question 2 asks that each has a data-access request. A request names its
 * source in its title, `Data access: <source> for <pilot key>`, whether it is a Jira ticket or a
 * ServiceNow record the app filed; a ticket someone linked by hand names it somewhere in its summary.
 */
import { z } from 'zod';

/** The longest data source name (as the data-access request form takes it). */
export const DATA_SOURCE_MAX_LENGTH = 200;
/** The most data sources a production spec lists: a production system's inputs, not a catalogue. */
export const MAX_DATA_SOURCES = 20;

/** One data source's name: one line of text, as a request and the spec both take it. */
export const dataSourceNameSchema = z
  .string({ error: 'Name the data source' })
  .trim()
  .min(1, 'Name the data source')
  .max(DATA_SOURCE_MAX_LENGTH, `Keep the data source under ${DATA_SOURCE_MAX_LENGTH} characters`)
  .regex(/^[^\r\n]*$/, 'Write the data source on one line');

/** Case, spacing and Unicode forms aside, two names are the same source. */
export function normalizedSourceName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The production spec's list as an edit sends it: blank entries dropped, each name checked, a name
 * listed twice (in any case) refused, at most MAX_DATA_SOURCES. Messages name the entry by position.
 */
export const dataSourceListSchema = z
  .array(z.string({ error: 'Write each data source as text' }), {
    error: 'Send the data sources as a list of names',
  })
  .transform((names) => names.map((name) => name.trim()).filter((name) => name !== ''))
  .superRefine((names, context) => {
    if (names.length > MAX_DATA_SOURCES) {
      context.addIssue({
        code: 'custom',
        message: `List at most ${MAX_DATA_SOURCES} data sources (${names.length} sent)`,
      });
      return;
    }
    const seen = new Map<string, number>();
    names.forEach((name, index) => {
      const checked = dataSourceNameSchema.safeParse(name);
      if (!checked.success) {
        context.addIssue({
          code: 'custom',
          message: `Data source ${index + 1}: ${checked.error.issues[0]?.message ?? 'not a name'}`,
        });
        return;
      }
      const first = seen.get(normalizedSourceName(name));
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          message: `Data source ${index + 1} repeats data source ${first + 1} ("${name}"): list each source once`,
        });
      }
      seen.set(normalizedSourceName(name), first ?? index);
    });
  });

/**
 * The list as stored on the pilot, which anyone who can edit the pilot can write by hand: only names an
 * edit would accept count, each once, at most MAX_DATA_SOURCES.
 */
export function listedDataSources(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const names = new Map<string, string>();
  for (const entry of stored) {
    if (typeof entry !== 'string') continue;
    const checked = dataSourceNameSchema.safeParse(entry);
    if (checked.success && !names.has(normalizedSourceName(checked.data)))
      names.set(normalizedSourceName(checked.data), checked.data);
  }
  return [...names.values()].slice(0, MAX_DATA_SOURCES);
}

/** The title of a data-access request the app files, in Jira (summary) and ServiceNow (short description). */
export function dataAccessRequestTitle(dataSource: string, pilotKey: string): string {
  return `Data access: ${dataSource} for ${pilotKey}`;
}

const REQUEST_TITLE = /^Data access: (.+) for [A-Z][A-Z0-9_]*-\d+$/;

/**
 * The data source a Jira data-access ticket is about: the source its title names when the app filed it,
 * else its whole summary (a ticket linked by hand names its source only there).
 */
export function dataSourceOfTicket(summary: string): string {
  return REQUEST_TITLE.exec(summary.trim())?.[1]?.trim() ?? summary.trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A request covers a listed source when it names it: the same name, or the name as a phrase within its own. */
export function requestCoversSource(requestSource: string, listed: string): boolean {
  const request = normalizedSourceName(requestSource);
  const source = normalizedSourceName(listed);
  if (source === '') return false;
  if (request === source) return true;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(source)}($|[^\\p{L}\\p{N}])`, 'u').test(request);
}

/** The listed sources no request names, in the spec's order. */
export function sourcesWithoutRequest(
  listed: readonly string[],
  requests: ReadonlyArray<{ dataSource?: string }>,
): string[] {
  return listed.filter(
    (source) =>
      !requests.some(
        (request) => request.dataSource !== undefined && requestCoversSource(request.dataSource, source),
      ),
  );
}
