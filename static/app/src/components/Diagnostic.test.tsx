/**
 * @jest-environment jsdom
 */
import { render, screen, within } from '@testing-library/react';
import type { DiagnosticAnswer } from '../contract';
import { Diagnostic } from './Diagnostic';
import { KillClock } from './KillClock';

function answers(noIds: number[]): DiagnosticAnswer[] {
  return [1, 2, 3, 4, 5, 6, 7].map((id) => ({
    id,
    yes: !noIds.includes(id),
    evidence: `Evidence for question ${id}`,
  }));
}

describe('Diagnostic', () => {
  it('shows seven yes/no lines with their evidence, in question order', () => {
    render(<Diagnostic answers={answers([3, 4]).reverse()} noCount={2} />);
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(7);
    expect(items[0]?.textContent).toContain('A named production owner exists');
    expect(items[0]?.textContent).toContain('Yes');
    expect(items[0]?.textContent).toContain('Evidence for question 1');
    expect(items[2]?.textContent).toContain('Security, compliance and legal are engaged');
    expect(items[2]?.textContent).toContain('No');
    expect(items[6]?.textContent).toContain('The business committed to change management');
  });

  it('counts the no answers without warning below three', () => {
    const { container } = render(<Diagnostic answers={answers([3, 4])} noCount={2} />);
    expect(container.textContent).toContain('2 of 7 answers are no.');
    expect(container.textContent).not.toContain('heading to purgatory');
  });

  it('warns "heading to purgatory" at three no answers', () => {
    const { container } = render(<Diagnostic answers={answers([1, 3, 4])} noCount={3} />);
    expect(container.textContent).toContain('3 of 7 answers are no.');
    expect(screen.getByText('3 or more: heading to purgatory.')).toBeTruthy();
  });

  it("shows the seeds' scorecard beside the no count, as the server words it", () => {
    const { container } = render(
      <Diagnostic
        answers={answers([1, 3, 4])}
        noCount={3}
        scorecard={{
          yes: 4,
          questions: 7,
          step: 'name-production-owner',
          nextStep: 'name a production owner now',
          urgent: true,
        }}
      />,
    );
    const line = screen.getByText(/The seeds' scorecard/).closest('p');
    expect(line?.textContent).toBe("The seeds' scorecard: 4 of 7 yes: name a production owner now.");
    expect(line?.className).toContain('message-warning');
    expect(container.querySelectorAll('.message-warning')).toHaveLength(2);
  });

  it('shows no next step when every answer is yes', () => {
    render(
      <Diagnostic
        answers={answers([])}
        noCount={0}
        scorecard={{ yes: 7, questions: 7, step: 'none', nextStep: null, urgent: false }}
      />,
    );
    const line = screen.getByText(/The seeds' scorecard/).closest('p');
    expect(line?.textContent).toBe("The seeds' scorecard: 7 of 7 yes.");
    expect(line?.className).not.toContain('message-warning');
  });

  it('marks yes and no with different icons, not colour alone', () => {
    const { container } = render(<Diagnostic answers={answers([2])} noCount={1} />);
    const icons = [...container.querySelectorAll('.answer svg')].map((svg) => svg.getAttribute('data-icon'));
    expect(icons).toEqual(['check', 'cross', 'check', 'check', 'check', 'check', 'check']);
  });
});

describe('KillClock', () => {
  it('waits for the demo', () => {
    const { container } = render(
      <KillClock daysSinceDemo={null} demoDate={null} reviewRequired={false} graduated={false} />,
    );
    expect(container.textContent).toContain('the 90-day clock starts at the demo');
  });

  it('counts the days since the demo and the days left', () => {
    const { container } = render(
      <KillClock daysSinceDemo={12} demoDate="2026-03-02" reviewRequired={false} graduated={false} />,
    );
    expect(container.textContent).toContain('12 days since the demo on 2 Mar 2026');
    expect(container.textContent).toContain('78 days left before a review is due');
    expect(container.textContent).not.toContain('Review required');
  });

  it('asks for a decision when a review is required', () => {
    const { container } = render(
      <KillClock daysSinceDemo={120} demoDate="2025-11-14" reviewRequired graduated={false} />,
    );
    expect(container.textContent).toContain('30 days past the 90-day mark');
    expect(screen.getByText('Review required: accelerate, pause or kill.')).toBeTruthy();
  });
});
