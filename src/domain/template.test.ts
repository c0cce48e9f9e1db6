import { DEFAULT_TEMPLATE } from './default-template';
import { ROW_LIMIT, ownershipTemplateSchema, parseTemplate, templateFieldErrors } from './template';

/** A loosely typed copy of the default template, so a test can break it in any way an admin could. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = any;

function defaultWith(change: (template: Editable) => void): unknown {
  const template: Editable = structuredClone(DEFAULT_TEMPLATE);
  change(template);
  return template;
}

function rowsNamed(count: number): Editable[] {
  return Array.from({ length: count }, (_, index) => ({
    ...DEFAULT_TEMPLATE.rows[0],
    key: `row-${index + 1}`,
  }));
}

const KNOWN_MILESTONES =
  'demo-sign-off, integration-testing, load-testing, user-rollout, production-deployment, production-go-live';

describe('parseTemplate accepts', () => {
  it('the default template, unchanged', () => {
    expect(parseTemplate(DEFAULT_TEMPLATE)).toEqual({ ok: true, template: DEFAULT_TEMPLATE });
    expect(ownershipTemplateSchema.safeParse(DEFAULT_TEMPLATE).success).toBe(true);
  });

  it.each<[string, (template: Editable) => void]>([
    [`exactly ${ROW_LIMIT} rows`, (t) => (t.rows = rowsNamed(ROW_LIMIT))],
    ['a row that starts in the week of its milestone', (t) => (t.rows[0].startWeek = 6)],
    ['weeks at both ends of the range', (t) => ((t.rows[0].startWeek = 1), (t.milestones[5].week = 52))],
    ['a fractional row weight', (t) => (t.rows[0].weight = 0.5)],
    [
      'weights that sum to 100 with decimals',
      (t) => (t.weights = { workstreams: 33.3, reviews: 33.3, dataAccess: 33.4 }),
    ],
    ['a review kind routed to another project', (t) => (t.reviewKinds[0].projectKey = 'SEC_OPS')],
    ['no rejected resolutions', (t) => (t.rejectedResolutions = [])],
    ['keys with digits', (t) => (t.rows[0].key = 'model-v2')],
    ['a workstream name of 255 characters', (t) => (t.rows[0].workstream = 'w'.repeat(255))],
  ])('%s', (_name, change) => {
    expect(parseTemplate(defaultWith(change))).toMatchObject({ ok: true });
  });

  it('and drops properties it does not know', () => {
    const result = parseTemplate(defaultWith((t) => (t.colour = 'blue')));
    expect(result).toEqual({ ok: true, template: DEFAULT_TEMPLATE });
  });
});

describe('parseTemplate rejects, naming the problem', () => {
  it.each<[string, (template: Editable) => void, string[]]>([
    // Rows
    [
      'a start week of 0',
      (t) => (t.rows[5].startWeek = 0),
      ['Row 6 ("mlops"): start week must be between 1 and 52 (got 0)'],
    ],
    [
      'a start week of 53',
      (t) => (t.rows[5].startWeek = 53),
      ['Row 6 ("mlops"): start week must be between 1 and 52 (got 53)'],
    ],
    [
      'a fractional start week',
      (t) => (t.rows[0].startWeek = 1.5),
      ['Row 1 ("model-validation"): start week must be a whole number (got 1.5)'],
    ],
    [
      'a start week given as text',
      (t) => (t.rows[1].startWeek = '3'),
      ['Row 2 ("data-access"): start week must be a number (got "3")'],
    ],
    [
      'a duplicate row key',
      (t) => (t.rows[0].key = 'data-access'),
      ['Row 2 ("data-access"): duplicate key "data-access" (also row 1)'],
    ],
    [
      'a key repeated three times',
      (t) => ((t.rows[3].key = 'mlops'), (t.rows[4].key = 'mlops')),
      [
        'Row 5 ("mlops"): duplicate key "mlops" (also row 4)',
        'Row 6 ("mlops"): duplicate key "mlops" (also row 4)',
      ],
    ],
    [
      'an unknown milestone',
      (t) => (t.rows[3].milestone = 'launch'),
      [`Row 4 ("infrastructure"): unknown milestone "launch"; known milestones: ${KNOWN_MILESTONES}`],
    ],
    [
      'an empty workstream name',
      (t) => (t.rows[4].workstream = ''),
      ['Row 5 ("legacy-integration"): workstream name must not be empty'],
    ],
    [
      'a blank workstream name',
      (t) => (t.rows[4].workstream = '   '),
      ['Row 5 ("legacy-integration"): workstream name must not be empty'],
    ],
    [
      'a workstream name too long for a Jira summary',
      (t) => (t.rows[0].workstream = 'w'.repeat(256)),
      ['Row 1 ("model-validation"): workstream name must be at most 255 characters (got 256)'],
    ],
    [
      'a workstream name on two lines',
      (t) => (t.rows[2].workstream = 'Security\ncompliance'),
      ['Row 3 ("security-compliance"): workstream name must be a single line'],
    ],
    [
      'an empty owner team',
      (t) => (t.rows[6].ownerTeam = ''),
      ['Row 7 ("change-management"): owner team must not be empty'],
    ],
    [
      'a negative weight',
      (t) => (t.rows[0].weight = -1),
      ['Row 1 ("model-validation"): weight must be a positive number (got -1)'],
    ],
    [
      'a zero weight',
      (t) => (t.rows[7].weight = 0),
      ['Row 8 ("monitoring"): weight must be a positive number (got 0)'],
    ],
    [
      'a row key with capitals and spaces',
      (t) => (t.rows[1].key = 'Data Access'),
      ['Row 2 ("Data Access"): key must be lowercase kebab-case, like "data-access" (got "Data Access")'],
    ],
    [
      'a row key with underscores',
      (t) => (t.rows[1].key = 'data_access'),
      ['Row 2 ("data_access"): key must be lowercase kebab-case, like "data-access" (got "data_access")'],
    ],
    [
      'a row key with a double hyphen',
      (t) => (t.rows[1].key = 'data--access'),
      ['Row 2 ("data--access"): key must be lowercase kebab-case, like "data-access" (got "data--access")'],
    ],
    ['an empty row key', (t) => (t.rows[1].key = ''), ['Row 2: key must not be empty']],
    ['a row without a key', (t) => delete t.rows[1].key, ['Row 2: key must be text (got nothing)']],
    [
      'a row that starts after its milestone',
      (t) => (t.rows[5].startWeek = 11),
      ['Row 6 ("mlops"): starts in week 11, after its milestone "load-testing" (week 10)'],
    ],
    [
      'a row that is not an object',
      (t) => (t.rows[2] = 'security'),
      ['Row 3: each row must be an object (got "security")'],
    ],
    [
      `${ROW_LIMIT + 1} rows`,
      (t) => (t.rows = rowsNamed(ROW_LIMIT + 1)),
      [`The template has ${ROW_LIMIT + 1} rows; at most ${ROW_LIMIT} are allowed`],
    ],
    ['no rows', (t) => (t.rows = []), ['The template must have at least one row']],
    ['rows that are not a list', (t) => (t.rows = {}), ['Rows must be a list (got an object)']],

    // Milestones
    [
      'a milestone week of 0',
      (t) => (t.milestones[0].week = 0),
      ['Milestone 1 ("demo-sign-off"): week must be between 1 and 52 (got 0)'],
    ],
    [
      'a milestone week of 53',
      (t) => (t.milestones[5].week = 53),
      ['Milestone 6 ("production-go-live"): week must be between 1 and 52 (got 53)'],
    ],
    [
      'a duplicate milestone key',
      (t) => t.milestones.push({ key: 'production-go-live', name: 'Go-live again', week: 13 }),
      ['Milestone 7 ("production-go-live"): duplicate key "production-go-live" (also milestone 6)'],
    ],
    [
      'an empty milestone name',
      (t) => (t.milestones[2].name = ' '),
      ['Milestone 3 ("load-testing"): milestone name must not be empty'],
    ],
    [
      'a milestone key that is not kebab-case',
      (t) => t.milestones.push({ key: 'Launch', name: 'Launch', week: 20 }),
      ['Milestone 7 ("Launch"): key must be lowercase kebab-case, like "demo-sign-off" (got "Launch")'],
    ],
    ['no milestones', (t) => (t.milestones = []), ['The template must have at least one milestone']],

    // Review kinds
    [
      'a duplicate review kind',
      (t) => (t.reviewKinds[3].kind = 'legal'),
      ['Review kind 4 ("legal"): duplicate kind "legal" (also review kind 3)'],
    ],
    ['an empty review kind', (t) => (t.reviewKinds[1].kind = ''), ['Review kind 2: kind must not be empty']],
    [
      'a review kind that is not kebab-case',
      (t) => (t.reviewKinds[1].kind = 'AI ethics'),
      ['Review kind 2 ("AI ethics"): kind must be lowercase kebab-case, like "security" (got "AI ethics")'],
    ],
    [
      'a lowercase project key',
      (t) => (t.reviewKinds[0].projectKey = 'sec'),
      [
        'Review kind 1 ("security"): project key must be a Jira project key like "SEC", ' +
          `or null for the pilot's own project (got "sec")`,
      ],
    ],
    [
      'an empty issue type name',
      (t) => (t.reviewKinds[4].issueTypeName = ''),
      ['Review kind 5 ("infrastructure"): issue type name must not be empty'],
    ],
    ['no review kinds', (t) => (t.reviewKinds = []), ['The template must have at least one review kind']],

    // Score weights
    [
      'a negative score weight',
      (t) => (t.weights = { workstreams: 110, reviews: -10, dataAccess: 0 }),
      [
        'Score weights: reviews must be a positive number (got -10)',
        'Score weights: data access must be a positive number (got 0)',
      ],
    ],
    [
      'weights that do not sum to 100',
      (t) => (t.weights.workstreams = 40),
      ['Score weights must sum to 100 (got 90)'],
    ],
    [
      'weights that sum to more than 100',
      (t) => (t.weights.dataAccess = 35),
      ['Score weights must sum to 100 (got 110)'],
    ],
    [
      'missing weights',
      (t) => delete t.weights,
      ['Score weights must be an object with workstreams, reviews and dataAccess (got nothing)'],
    ],

    // Version and resolutions
    ['a version of 0', (t) => (t.version = 0), ['Version must be a positive integer (got 0)']],
    ['a fractional version', (t) => (t.version = 1.5), ['Version must be a positive integer (got 1.5)']],
    ['a version given as text', (t) => (t.version = '1'), ['Version must be a number (got "1")']],
    [
      'an empty rejected resolution',
      (t) => (t.rejectedResolutions = ['Declined', '']),
      ['Rejected resolution 2: resolution name must not be empty'],
    ],
  ])('%s', (_name, change, errors) => {
    expect(parseTemplate(defaultWith(change))).toEqual({ ok: false, errors });
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'The template must be an object (got null)'],
    ['a list', [], 'The template must be an object (got a list)'],
    ['text', 'template', 'The template must be an object (got "template")'],
  ])('a template that is %s', (_name, input, error) => {
    expect(parseTemplate(input)).toEqual({ ok: false, errors: [error] });
  });

  it('every problem at once, in the order of the template', () => {
    const input = defaultWith((t) => {
      t.weights.reviews = 20;
      t.rows[7].weight = -1;
      t.rows[2].startWeek = 0;
      t.rows[1].key = 'model-validation';
      t.milestones[1].name = '';
      t.version = 0;
    });
    expect(parseTemplate(input)).toEqual({
      ok: false,
      errors: [
        'Version must be a positive integer (got 0)',
        'Milestone 2 ("integration-testing"): milestone name must not be empty',
        'Row 2 ("model-validation"): duplicate key "model-validation" (also row 1)',
        'Row 3 ("security-compliance"): start week must be between 1 and 52 (got 0)',
        'Row 8 ("monitoring"): weight must be a positive number (got -1)',
        'Score weights must sum to 100 (got 95)',
      ],
    });
  });

  it('an empty object, one message per missing part', () => {
    expect(parseTemplate({})).toEqual({
      ok: false,
      errors: [
        'Version must be a number (got nothing)',
        'Milestones must be a list (got nothing)',
        'Rows must be a list (got nothing)',
        'Review kinds must be a list (got nothing)',
        'Score weights must be an object with workstreams, reviews and dataAccess (got nothing)',
        'Rejected resolutions must be a list (got nothing)',
      ],
    });
  });
});

describe('templateFieldErrors', () => {
  test('each problem keyed by the field that caused it', () => {
    const rows = DEFAULT_TEMPLATE.rows.map((row, index) => (index === 2 ? { ...row, startWeek: 0 } : row));
    expect(templateFieldErrors({ ...DEFAULT_TEMPLATE, rows })).toEqual({
      'rows.2.startWeek': 'start week must be between 1 and 52 (got 0)',
    });
  });
  test('cross-field problems land on the later field', () => {
    const weights = { workstreams: 50, reviews: 25, dataAccess: 30 };
    expect(templateFieldErrors({ ...DEFAULT_TEMPLATE, weights })).toEqual({
      weights: 'Score weights must sum to 100 (got 105)',
    });
  });
  test('a valid template has none', () => {
    expect(templateFieldErrors(DEFAULT_TEMPLATE)).toEqual({});
  });
});

describe('review kinds question 3 asks about (engagedEarly)', () => {
  const engagedOf = (input: unknown) => {
    const parsed = parseTemplate(input);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return parsed.template.reviewKinds.filter((kind) => kind.engagedEarly).map((kind) => kind.kind);
  };

  it('a template stored before the flag existed keeps the default kinds of product.md §8', () => {
    const stored = defaultWith((template) => {
      for (const kind of template.reviewKinds) delete kind.engagedEarly;
    });
    expect(engagedOf(stored)).toEqual(['security', 'compliance', 'legal']);
  });

  it('an admin who set the flag keeps their choice, even none at all', () => {
    const noneEngaged = defaultWith((template) => {
      for (const kind of template.reviewKinds) kind.engagedEarly = false;
    });
    expect(engagedOf(noneEngaged)).toEqual([]);
    const privacyOnly = defaultWith((template) => {
      for (const kind of template.reviewKinds) kind.engagedEarly = kind.kind === 'privacy';
    });
    expect(engagedOf(privacyOnly)).toEqual(['privacy']);
  });
});
