import { DEFAULT_TEMPLATE } from './default-template';
import {
  DEFAULT_SERVICENOW_STATE_MAP,
  countingReviewIssue,
  countingWorkstreamIssue,
  dataAccessCredit,
  isRejectedResolution,
  jiraDataAccessState,
  reviewCredit,
  reviewKindState,
  reviewState,
  rowState,
  serviceNowDataAccessState,
  stateInWords,
  workstreamCredit,
  workstreamState,
} from './states';
import type { ReviewIssue, StatusCategory, WorkstreamIssue } from './types';

const REJECTED = DEFAULT_TEMPLATE.rejectedResolutions;

describe('workstreamState (§4 status categories)', () => {
  test.each<[StatusCategory, string]>([
    ['new', 'to-do'],
    ['indeterminate', 'in-progress'],
    ['done', 'done'],
  ])('%s → %s', (category, expected) => {
    expect(workstreamState(category)).toBe(expected);
  });
});

describe('reviewState (§3)', () => {
  test.each<[StatusCategory, string | null, string]>([
    ['new', null, 'not-started'],
    ['indeterminate', null, 'in-progress'],
    ['indeterminate', 'Declined', 'in-progress'],
    ['done', 'Done', 'approved'],
    ['done', 'Fixed', 'approved'],
    ['done', null, 'approved'],
    ['done', "Won't Do", 'rejected'],
    ['done', 'Declined', 'rejected'],
    ['done', 'Rejected', 'rejected'],
    ['done', 'won\u2019t do', 'rejected'],
    ['done', ' DECLINED ', 'rejected'],
  ])('%s with resolution %p → %s', (statusCategory, resolution, expected) => {
    expect(reviewState({ statusCategory, resolution }, REJECTED)).toBe(expected);
  });

  it('uses the configured rejected set, not the default one', () => {
    expect(reviewState({ statusCategory: 'done', resolution: 'Duplicate' }, ['Duplicate'])).toBe('rejected');
    expect(reviewState({ statusCategory: 'done', resolution: 'Declined' }, ['Duplicate'])).toBe('approved');
  });
});

describe('isRejectedResolution', () => {
  it('is false without a resolution and for one outside the set', () => {
    expect(isRejectedResolution(null, REJECTED)).toBe(false);
    expect(isRejectedResolution('Done', REJECTED)).toBe(false);
    expect(isRejectedResolution('Wont Do', REJECTED)).toBe(false);
  });
});

describe('jiraDataAccessState (§4)', () => {
  test.each<[StatusCategory, string | null, string]>([
    ['new', null, 'requested'],
    ['indeterminate', null, 'in-progress'],
    ['done', 'Done', 'approved'],
    ['done', null, 'approved'],
    ['done', "Won't Do", 'rejected'],
    ['done', 'Rejected', 'rejected'],
  ])('%s with resolution %p → %s', (category, resolution, expected) => {
    expect(jiraDataAccessState(category, resolution, REJECTED)).toBe(expected);
  });
});

describe('serviceNowDataAccessState (§4 default mapping)', () => {
  test.each([
    ['-5', 'requested'],
    ['1', 'requested'],
    ['2', 'in-progress'],
    ['3', 'approved'],
    ['4', 'rejected'],
    ['7', 'rejected'],
    [' 3 ', 'approved'],
  ])('state %p → %s', (code, expected) => {
    expect(serviceNowDataAccessState(code, DEFAULT_SERVICENOW_STATE_MAP)).toBe(expected);
  });

  test.each(['5', '6', '0', '', 'closed', '3.0', 'toString', '__proto__', 'constructor'])(
    'unknown state %p → null (reported, never guessed)',
    (code) => {
      expect(serviceNowDataAccessState(code, DEFAULT_SERVICENOW_STATE_MAP)).toBeNull();
    },
  );

  it('uses a configured mapping instead of the default', () => {
    const mapping = { '10': 'approved', '20': 'rejected' } as const;
    expect(serviceNowDataAccessState('10', mapping)).toBe('approved');
    expect(serviceNowDataAccessState('3', mapping)).toBeNull();
  });

  it('defaults to the default mapping', () => {
    expect(serviceNowDataAccessState('2')).toBe('in-progress');
  });
});

describe('credits (§5)', () => {
  test.each([
    ['to-do', 0],
    ['in-progress', 0.5],
    ['done', 1],
  ] as const)('workstream %s earns %d', (state, credit) => {
    expect(workstreamCredit(state)).toBe(credit);
  });

  test.each([
    ['not-started', 0],
    ['in-progress', 0.5],
    ['approved', 1],
    ['rejected', 0],
  ] as const)('review %s earns %d', (state, credit) => {
    expect(reviewCredit(state)).toBe(credit);
  });

  test.each([
    ['requested', 0.25],
    ['in-progress', 0.5],
    ['approved', 1],
    ['rejected', 0],
  ] as const)('data access %s earns %d', (state, credit) => {
    expect(dataAccessCredit(state)).toBe(credit);
  });
});

function subTask(key: string, statusCategory: StatusCategory): WorkstreamIssue {
  return { key, row: 'mlops', statusCategory, assigneeAccountId: null, dueDate: null, doneDate: null };
}

function reviewTicket(key: string, statusCategory: StatusCategory, resolution: string | null): ReviewIssue {
  return { key, kind: 'security', statusCategory, resolution };
}

describe('rowState: a row is as far as its least advanced sub-task', () => {
  it('is null with no sub-task', () => {
    expect(rowState([])).toBeNull();
  });

  test.each<[StatusCategory[], string]>([
    [['done'], 'done'],
    [['done', 'indeterminate'], 'in-progress'],
    [['indeterminate', 'done', 'new'], 'to-do'],
  ])('%p → %s', (categories, expected) => {
    expect(rowState(categories.map((category, index) => subTask(`AIP-${index}`, category)))).toBe(expected);
  });
});

describe('reviewKindState', () => {
  it('is null with no ticket', () => {
    expect(reviewKindState([], REJECTED)).toBeNull();
  });

  it('is rejected when any ticket of the kind is rejected, even next to an approved one', () => {
    const tickets = [reviewTicket('AIP-10', 'done', 'Done'), reviewTicket('AIP-20', 'done', 'Declined')];
    expect(reviewKindState(tickets, REJECTED)).toBe('rejected');
  });

  it('is not started when a duplicate has not started', () => {
    const tickets = [reviewTicket('AIP-10', 'done', 'Done'), reviewTicket('AIP-20', 'new', null)];
    expect(reviewKindState(tickets, REJECTED)).toBe('not-started');
  });
});

describe('stateInWords', () => {
  test.each([
    ['to-do', 'to do'],
    ['in-progress', 'in progress'],
    ['not-started', 'not started'],
    ['requested', 'requested'],
  ] as const)('%s → %s', (state, words) => {
    expect(stateInWords(state)).toBe(words);
  });
});

describe('the issue that stands for a row or a review kind', () => {
  const subTask = (key: string, statusCategory: 'new' | 'indeterminate' | 'done') => ({
    key,
    row: 'model-validation',
    statusCategory,
    assigneeAccountId: null,
    dueDate: null,
    doneDate: null,
  });

  it('is the least advanced sub-task of the row, the one the score counts', () => {
    const issues = [subTask('AIP-2', 'done'), subTask('AIP-9', 'new')];
    expect(countingWorkstreamIssue(issues, 'model-validation')?.key).toBe('AIP-9');
    expect(rowState(issues)).toBe('to-do');
    expect(countingWorkstreamIssue(issues, 'mlops')).toBeUndefined();
  });

  it('is the least advanced review ticket of the kind, a rejected one first', () => {
    const reviews = [
      { key: 'AIP-3', kind: 'legal', statusCategory: 'done' as const, resolution: 'Done' },
      { key: 'AIP-8', kind: 'legal', statusCategory: 'done' as const, resolution: "Won't Do" },
    ];
    expect(countingReviewIssue(reviews, 'legal', ["Won't Do"])?.key).toBe('AIP-8');
  });
});
