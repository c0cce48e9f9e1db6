/**
 * Every document the app sends to Jira (comments, descriptions of path issues and data-access
 * tickets, warnings, generation and kill reports) is made by `adfParagraphs`; whatever the text,
 * the result passes Atlassian's ADF validator, the one the sandbox's Jira uses to refuse a body
 * with 400 INVALID_INPUT as Jira Cloud does.
 */
import fc from 'fast-check';
import { documentProblem } from '../../sandbox/jira/adf';
import type { ReviewToCreate, WorkstreamToCreate } from '../domain/generation-plan';
import { adfParagraphs } from './adf';
import { pathIssueUpdate } from './path-issues';

/** Lines as people and Jira write them: blank, only spaces, any Unicode, control characters, long. */
const line: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '   ', '\t', '\u00a0', '\u200b', '\u3000', '-', '🚀', 'e\u0301'),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\ufeff', '\ud83d', ' ', 'x') }),
  fc.integer({ min: 1_000, max: 40_000 }).map((length) => 'word '.repeat(length / 5)),
);

/** A text of such lines, with Unix, Windows or old Mac line ends. */
const text: fc.Arbitrary<string> = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, end]) => lines.join(end));

interface Paragraph {
  type: string;
  content?: { type: string; text?: string }[];
}

function paragraphTexts(document: unknown): string[] {
  const { content } = document as { content: Paragraph[] };
  return content.map((paragraph) => (paragraph.content ?? []).map((node) => node.text ?? '').join(''));
}

function expectValid(document: unknown): void {
  expect(documentProblem(document as Record<string, unknown>)).toBeUndefined();
}

test('any text becomes a valid document', () => {
  fc.assert(fc.property(text, (anyText) => expectValid(adfParagraphs(anyText))));
});

test('every line with something to read is a paragraph of its own, as written; blank lines are left out', () => {
  fc.assert(
    fc.property(text, (anyText) => {
      const readable = anyText.split(/\r\n|\r|\n/).filter((candidate) => candidate.trim() !== '');
      expect(paragraphTexts(adfParagraphs(anyText))).toEqual(readable);
    }),
  );
});

const iso = fc.constantFrom('2026-11-02', '2027-01-31');

test('the production path’s sub-tasks and review tickets have valid descriptions, whatever the template says', () => {
  fc.assert(
    fc.property(text, text, iso, (workstreamText, reviewText, date) => {
      const workstream: WorkstreamToCreate = {
        row: 'row-1',
        summary: 'Model card',
        ownerTeam: 'Data science team',
        assigneeAccountId: null,
        description: workstreamText,
        startDate: date,
        dueDate: date,
        origin: { pilot: '10042', row: 'row-1' },
      };
      const review: ReviewToCreate = {
        kind: 'security',
        summary: 'Security review: Claims triage',
        projectKey: 'SEC',
        issueTypeName: 'Task',
        description: reviewText,
        origin: { pilot: '10042', review: 'security' },
      };
      const pilot = { key: 'AIP-1', projectKey: 'AIP' };
      for (const update of [
        pathIssueUpdate({ kind: 'workstream', workstream, pilot, subtaskIssueTypeId: '10003' }, 'Review'),
        pathIssueUpdate({ kind: 'review', review, pilot }, 'Review'),
      ]) {
        expectValid(update.fields['description']);
      }
    }),
  );
});
