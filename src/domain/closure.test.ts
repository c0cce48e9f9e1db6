import { byHandMessage, doneTransition, killResolutionOf, stillOpen, type TransitionOption } from './closure';

const to = (id: string, name: string, category: string): TransitionOption => ({
  id,
  name,
  to: { name, statusCategory: { key: category } },
});

describe('doneTransition', () => {
  test('a transition into the done category', () => {
    expect(doneTransition([to('11', 'To Do', 'new'), to('31', 'Finished', 'done')])?.id).toBe('31');
  });
  test('prefers one named like Done or Close over another done one', () => {
    expect(doneTransition([to('41', "Won't do", 'done'), to('31', 'Done', 'done')])?.id).toBe('31');
  });
  test('null when the workflow offers no way to done', () => {
    expect(doneTransition([to('11', 'To Do', 'new'), to('21', 'In Progress', 'indeterminate')])).toBeNull();
    expect(doneTransition([])).toBeNull();
  });
  test('a transition without a target is not taken', () => {
    expect(doneTransition([{ id: '5', name: 'Done' }])).toBeNull();
  });
});

describe('stillOpen', () => {
  test('everything not in the done category', () => {
    const issues = [
      { key: 'A', statusCategory: 'new' as const },
      { key: 'B', statusCategory: 'done' as const },
      { key: 'C', statusCategory: 'indeterminate' as const },
    ];
    expect(stillOpen(issues).map((issue) => issue.key)).toEqual(['A', 'C']);
  });
});

describe('byHandMessage', () => {
  test('names each issue and why', () => {
    expect(byHandMessage([{ key: 'SEC-4', reason: 'its workflow has no transition to done' }])).toBe(
      'Close by hand: SEC-4 (its workflow has no transition to done).',
    );
    expect(byHandMessage([])).toBeNull();
  });
});

describe("killResolutionOf: Won't Do where the screen offers it", () => {
  const withResolutions = (...names: string[]): TransitionOption => ({
    ...to('31', 'Done', 'done'),
    fields: { resolution: { allowedValues: names.map((name, index) => ({ id: String(index), name })) } },
  });
  test("the screen's own spelling of Won't Do", () => {
    expect(killResolutionOf(withResolutions('Done', 'Won\u2019t Do', 'Declined'))).toEqual({
      name: 'Won\u2019t Do',
    });
  });
  test("none when the screen has no resolution, or no Won't Do among its values", () => {
    expect(killResolutionOf(to('31', 'Done', 'done'))).toBeNull();
    expect(killResolutionOf(withResolutions('Done', 'Fixed'))).toBeNull();
  });
});
