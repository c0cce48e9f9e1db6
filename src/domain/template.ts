import { z } from 'zod';
import { EARLY_ENGAGED_REVIEW_KINDS } from './default-template';
import { MAX_SCORE } from './score-scale';
import type { OwnershipTemplate } from './types';

/** Most rows a template may have (each row becomes one sub-task per pilot). */
export const ROW_LIMIT = 50;
/** Milestone and start weeks are counted from kickoff, within one year. */
export const MAX_WEEK = 52;
/** Jira rejects summaries longer than this; a workstream name is a sub-task summary. */
export const SUMMARY_MAX_LENGTH = 255;
/** Keys become property values and JQL operands; names are labels: both stay short. */
export const KEY_MAX_LENGTH = 64;
export const NAME_MAX_LENGTH = 255;
/** Milestones, review kinds and rejected resolutions an edit may list. */
export const LIST_LIMIT = 50;
/** The score weights are the score's points: they add up to its maximum (product.md §5). */
export const WEIGHTS_TOTAL = MAX_SCORE;

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** A Jira project key: an uppercase letter, then uppercase letters, digits or underscores. */
const PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;

export type TemplateParseResult = { ok: true; template: OwnershipTemplate } | { ok: false; errors: string[] };

/** One rule a field value must follow: the problem in words, or null when the value is fine. */
type Rule<T> = (value: T, label: string) => string | null;

/** How a value reads in an error message: what the admin typed, or what kind of thing it is. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mustBe(label: string, what: string) {
  return (issue: { input?: unknown }) => `${label} must be ${what} (got ${describeValue(issue.input)})`;
}

/** Applies the rules in order and reports only the first broken one, so one mistake reads as one error. */
function withRules<T>(schema: z.ZodType<T>, label: string, rules: Rule<T>[]): z.ZodType<T> {
  return schema.superRefine((value, ctx) => {
    const problem = rules.map((rule) => rule(value, label)).find((found) => found !== null);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
}

function text(label: string, ...rules: Rule<string>[]) {
  return withRules(z.string({ error: mustBe(label, 'text') }), label, rules);
}

function numeric(label: string, ...rules: Rule<number>[]) {
  return withRules(z.number({ error: mustBe(label, 'a number') }), label, rules);
}

function list<T>(label: string, item: z.ZodType<T>) {
  return z.array(item, { error: mustBe(label, 'a list') });
}

const notEmpty: Rule<string> = (value, label) => (value.trim() === '' ? `${label} must not be empty` : null);

const singleLine: Rule<string> = (value, label) =>
  /[\r\n]/.test(value) ? `${label} must be a single line` : null;

function notLongerThan(max: number): Rule<string> {
  return (value, label) =>
    value.length > max ? `${label} must be at most ${max} characters (got ${value.length})` : null;
}
const shortKey = notLongerThan(KEY_MAX_LENGTH);

/**
 * An owner team is a key of the owner → assignee mapping, and `__proto__` is the one key JavaScript
 * objects (and zod's records) cannot hold as data: refused by name rather than lost on save.
 */
const storableAsKey: Rule<string> = (value, label) =>
  value.trim() === '__proto__' ? `${label} cannot be named "__proto__": choose another name` : null;
const shortName = notLongerThan(NAME_MAX_LENGTH);

const notLongerThanSummary: Rule<string> = (value, label) =>
  value.length > SUMMARY_MAX_LENGTH
    ? `${label} must be at most ${SUMMARY_MAX_LENGTH} characters (got ${value.length})`
    : null;

function kebabCase(example: string): Rule<string> {
  return (value, label) =>
    KEBAB_CASE.test(value)
      ? null
      : `${label} must be lowercase kebab-case, like "${example}" (got ${describeValue(value)})`;
}

const positive: Rule<number> = (value, label) =>
  value > 0 ? null : `${label} must be a positive number (got ${value})`;

const positiveInteger: Rule<number> = (value, label) =>
  Number.isInteger(value) && value > 0 ? null : `${label} must be a positive integer (got ${value})`;

function isWeek(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_WEEK;
}

const week: Rule<number> = (value, label) => {
  if (!Number.isInteger(value)) return `${label} must be a whole number (got ${value})`;
  return isWeek(value) ? null : `${label} must be between 1 and ${MAX_WEEK} (got ${value})`;
};

const jiraProjectKey: Rule<string> = (value, label) =>
  PROJECT_KEY.test(value)
    ? null
    : `${label} must be a Jira project key like "SEC", or null for the pilot's own project (got ${describeValue(value)})`;

const milestoneSchema = z.object(
  {
    key: text('key', notEmpty, shortKey, kebabCase('demo-sign-off')),
    name: text('milestone name', notEmpty, shortName),
    week: numeric('week', week),
  },
  { error: mustBe('each milestone', 'an object') },
);

const rowSchema = z.object(
  {
    key: text('key', notEmpty, shortKey, kebabCase('data-access')),
    workstream: text('workstream name', notEmpty, singleLine, notLongerThanSummary),
    ownerTeam: text('owner team', notEmpty, shortName, storableAsKey),
    startWeek: numeric('start week', week),
    milestone: text('milestone', notEmpty, shortKey),
    weight: numeric('weight', positive),
  },
  { error: mustBe('each row', 'an object') },
);

const reviewKindSchema = z.object(
  {
    kind: text('kind', notEmpty, shortKey, kebabCase('security')),
    projectKey: withRules(
      z.string({ error: mustBe('project key', 'text or null') }).nullable(),
      'project key',
      [(value, label) => (value === null ? null : jiraProjectKey(value, label))],
    ),
    issueTypeName: text('issue type name', notEmpty, shortName),
    engagedEarly: z.boolean({ error: mustBe('engaged early', 'true or false') }).optional(),
  },
  { error: mustBe('each review kind', 'an object') },
);

const weightsSchema = z.object(
  {
    workstreams: numeric('workstreams', positive),
    reviews: numeric('reviews', positive),
    dataAccess: numeric('data access', positive),
  },
  { error: mustBe('Score weights', 'an object with workstreams, reviews and dataAccess') },
);

function atLeastOne(what: string) {
  return { error: () => `The template must have at least one ${what}` };
}

// ---- Checks across fields. They run on whatever was given, even when some fields are malformed,
// ---- so an admin sees every problem at once; each check skips values it cannot read.

interface CrossIssue {
  path: (string | number)[];
  message: string;
}

function listIn(value: unknown, field: string): unknown[] {
  const found = isRecord(value) ? value[field] : undefined;
  return Array.isArray(found) ? found : [];
}

function stringIn(value: unknown, field: string): string | undefined {
  const found = isRecord(value) ? value[field] : undefined;
  return typeof found === 'string' ? found : undefined;
}

function numberIn(value: unknown, field: string): number | undefined {
  const found = isRecord(value) ? value[field] : undefined;
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

/** Every repeat of an identifier, reported on the later item and naming the first. */
function duplicates(items: unknown[], section: string, field: string, noun: string, itemNoun: string) {
  const firstIndex = new Map<string, number>();
  return items.flatMap((item, index): CrossIssue[] => {
    const id = stringIn(item, field);
    if (id === undefined) return [];
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      return [];
    }
    return [
      { path: [section, index, field], message: `duplicate ${noun} "${id}" (also ${itemNoun} ${first + 1})` },
    ];
  });
}

/** Week of each milestone by key (undefined when the week is unreadable); the first wins on repeats. */
function milestoneWeeks(template: unknown): Map<string, number | undefined> {
  const weeks = new Map<string, number | undefined>();
  for (const milestone of listIn(template, 'milestones')) {
    const key = stringIn(milestone, 'key');
    if (key !== undefined && !weeks.has(key)) weeks.set(key, numberIn(milestone, 'week'));
  }
  return weeks;
}

function rowMilestoneIssue(
  row: unknown,
  index: number,
  weeks: Map<string, number | undefined>,
): CrossIssue[] {
  const milestone = stringIn(row, 'milestone');
  if (milestone === undefined || milestone.trim() === '') return [];
  if (!weeks.has(milestone)) {
    const known = [...weeks.keys()].join(', ');
    return [
      {
        path: ['rows', index, 'milestone'],
        message: `unknown milestone "${milestone}"; known milestones: ${known}`,
      },
    ];
  }
  const startWeek = numberIn(row, 'startWeek');
  const milestoneWeek = weeks.get(milestone);
  if (startWeek === undefined || milestoneWeek === undefined) return [];
  // Out-of-range weeks are reported by their own rule; comparing them would repeat the mistake.
  if (!isWeek(startWeek) || !isWeek(milestoneWeek) || startWeek <= milestoneWeek) return [];
  return [
    {
      path: ['rows', index, 'startWeek'],
      message: `starts in week ${startWeek}, after its milestone "${milestone}" (week ${milestoneWeek})`,
    },
  ];
}

/** Each row must name a milestone of the template, and must not start after it. */
function rowMilestoneIssues(template: unknown): CrossIssue[] {
  const weeks = milestoneWeeks(template);
  // With no milestones at all, "at least one milestone" already says it all.
  if (weeks.size === 0) return [];
  return listIn(template, 'rows').flatMap((row, index) => rowMilestoneIssue(row, index, weeks));
}

function weightTotalIssues(template: unknown): CrossIssue[] {
  const weights = isRecord(template) ? template.weights : undefined;
  const parts = ['workstreams', 'reviews', 'dataAccess'].map((part) => numberIn(weights, part));
  if (parts.some((part) => part === undefined)) return [];
  const total = parts.reduce<number>((sum, part) => sum + (part ?? 0), 0);
  return Math.abs(total - WEIGHTS_TOTAL) < 1e-9
    ? []
    : [{ path: ['weights'], message: `Score weights must sum to ${WEIGHTS_TOTAL} (got ${total})` }];
}

function crossFieldIssues(template: unknown): CrossIssue[] {
  return [
    ...duplicates(listIn(template, 'milestones'), 'milestones', 'key', 'key', 'milestone'),
    ...duplicates(listIn(template, 'rows'), 'rows', 'key', 'key', 'row'),
    ...rowMilestoneIssues(template),
    ...duplicates(listIn(template, 'reviewKinds'), 'reviewKinds', 'kind', 'kind', 'review kind'),
    ...weightTotalIssues(template),
  ];
}

/** The ownership template (product.md §1–§3, §5) with every rule an admin edit must follow. */
export const ownershipTemplateSchema: z.ZodType<OwnershipTemplate> = z
  .object(
    {
      version: numeric('Version', positiveInteger),
      milestones: list('Milestones', milestoneSchema)
        .min(1, atLeastOne('milestone'))
        .max(LIST_LIMIT, { error: `The template may have at most ${LIST_LIMIT} milestones` }),
      rows: list('Rows', rowSchema)
        .min(1, atLeastOne('row'))
        .max(ROW_LIMIT, {
          error: (issue) =>
            `The template has ${Array.isArray(issue.input) ? issue.input.length : 'too many'} rows; ` +
            `at most ${ROW_LIMIT} are allowed`,
        }),
      reviewKinds: list('Review kinds', reviewKindSchema)
        .min(1, atLeastOne('review kind'))
        .max(LIST_LIMIT, { error: `The template may have at most ${LIST_LIMIT} review kinds` }),
      weights: weightsSchema,
      rejectedResolutions: list('Rejected resolutions', text('resolution name', notEmpty, shortName)).max(
        LIST_LIMIT,
        { error: `The template may list at most ${LIST_LIMIT} rejected resolutions` },
      ),
    },
    { error: mustBe('The template', 'an object') },
  )
  .superRefine(
    (template: unknown, ctx) => {
      for (const issue of crossFieldIssues(template)) ctx.addIssue({ code: 'custom', ...issue });
    },
    { when: (payload) => isRecord(payload.value) },
  )
  .transform(withEngagedEarlyDefaults);

/**
 * Templates saved before review kinds carried `engagedEarly` mark none: such a template keeps
 * product.md §8's default (security, compliance and legal) instead of leaving question 3 with
 * nothing to ask. A template where an admin set the flag on any kind, true or false, is kept as is.
 */
export function withEngagedEarlyDefaults(template: OwnershipTemplate): OwnershipTemplate {
  if (template.reviewKinds.some((kind) => kind.engagedEarly !== undefined)) return template;
  return {
    ...template,
    reviewKinds: template.reviewKinds.map((kind) => ({
      ...kind,
      engagedEarly: EARLY_ENGAGED_REVIEW_KINDS.includes(kind.kind),
    })),
  };
}

// ---- Turning issues into sentences that name the row (or milestone, or review kind).

const ITEM_SECTIONS: Record<string, { noun: string; idField: string | null }> = {
  milestones: { noun: 'Milestone', idField: 'key' },
  rows: { noun: 'Row', idField: 'key' },
  reviewKinds: { noun: 'Review kind', idField: 'kind' },
  rejectedResolutions: { noun: 'Rejected resolution', idField: null },
};

const SECTION_ORDER = ['', 'version', 'milestones', 'rows', 'reviewKinds', 'weights', 'rejectedResolutions'];

/** `Row 3 ("mlops"): ` for a problem inside row 3, `Score weights: ` for one weight, '' otherwise. */
function prefixFor(path: readonly PropertyKey[], input: unknown): string {
  const [section, index] = path;
  if (section === 'weights' && path.length > 1) return 'Score weights: ';
  const itemSection = typeof section === 'string' ? ITEM_SECTIONS[section] : undefined;
  if (itemSection === undefined || typeof index !== 'number') return '';
  const item = listIn(input, section as string)[index];
  const id = itemSection.idField === null ? undefined : stringIn(item, itemSection.idField);
  const label = id === undefined || id === '' ? '' : ` (${JSON.stringify(id)})`;
  return `${itemSection.noun} ${index + 1}${label}: `;
}

/** Orders problems by where they are (version, milestones, rows, …; item by item), not by check. */
function byPosition(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  const rank = (path: readonly PropertyKey[]) => SECTION_ORDER.indexOf(String(path[0] ?? ''));
  const index = (path: readonly PropertyKey[]) => (typeof path[1] === 'number' ? path[1] : -1);
  return rank(a) - rank(b) || index(a) - index(b);
}

/**
 * Validates an admin-supplied template. Collects every problem, each as a sentence naming the
 * row, milestone or review kind, e.g. `Row 3 ("mlops"): start week must be between 1 and 52 (got 0)`.
 */
export function parseTemplate(input: unknown): TemplateParseResult {
  const result = ownershipTemplateSchema.safeParse(input);
  if (result.success) return { ok: true, template: result.data };
  const errors = [...result.error.issues]
    .sort((a, b) => byPosition(a.path, b.path))
    .map((issue) => prefixFor(issue.path, input) + issue.message);
  return { ok: false, errors: [...new Set(errors)] };
}

/**
 * The same problems keyed by where they are (`rows.2.startWeek`, `weights`, `milestones.0.key`), so
 * a form can show each next to the field that caused it; the first problem of a field wins.
 */
export function templateFieldErrors(input: unknown): Record<string, string> {
  const result = ownershipTemplateSchema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || 'template';
    errors[path] ??= issue.message;
  }
  return errors;
}
