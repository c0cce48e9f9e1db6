/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_TEMPLATE } from '../../../../src/domain/default-template';
import { answer, invoke, resetBridge } from '../test-support/bridge-mock';
import { TemplateEditor } from './TemplateEditor';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

beforeEach(resetBridge);

describe('TemplateEditor: review kinds question 3 asks about', () => {
  const engagedBox = (index: number) =>
    screen.getByLabelText(`Review kind ${index + 1} engaged from week 1`) as HTMLInputElement;

  it('shows which kinds are engaged from week 1 and sends a change with the preview', async () => {
    answer({ previewTemplateChange: { ok: false, error: { code: 'invalid-input', message: 'stop here' } } });
    render(<TemplateEditor template={DEFAULT_TEMPLATE} onApplied={jest.fn()} />);
    const kinds = DEFAULT_TEMPLATE.reviewKinds;
    kinds.forEach((kind, index) => expect(engagedBox(index).checked).toBe(kind.engagedEarly === true));

    const privacy = kinds.findIndex((kind) => kind.kind === 'privacy');
    fireEvent.click(engagedBox(privacy));
    fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));

    await waitFor(() => expect(invoke).toHaveBeenCalledWith('previewTemplateChange', expect.anything()));
    const sent = invoke.mock.calls[0]?.[1] as { template: typeof DEFAULT_TEMPLATE };
    expect(sent.template.reviewKinds[privacy]?.engagedEarly).toBe(true);
    expect(sent.template.reviewKinds.filter((kind) => kind.engagedEarly).map((kind) => kind.kind)).toEqual([
      'security',
      'compliance',
      'legal',
      'privacy',
    ]);
  });
});

describe('TemplateEditor: controls outside the tables', () => {
  /** The text of the <label> elements tied to a control: what a sighted user reads beside it. */
  const visibleLabels = (control: HTMLElement) =>
    [...((control as HTMLInputElement).labels ?? [])].map((label) => label.textContent?.trim());

  it('labels each score weight with visible text, and the group with the points they share', () => {
    render(<TemplateEditor template={DEFAULT_TEMPLATE} onApplied={jest.fn()} />);
    const group = screen.getByRole('group', { name: /Score weights/ });
    const weights = [...group.querySelectorAll('input')];
    expect(weights.map(visibleLabels)).toEqual([['Workstreams'], ['Reviews'], ['Data access']]);
    expect(weights.map((input) => input.getAttribute('aria-label'))).toEqual([null, null, null]);
    expect(weights.map((input) => Number((input as HTMLInputElement).value))).toEqual([
      DEFAULT_TEMPLATE.weights.workstreams,
      DEFAULT_TEMPLATE.weights.reviews,
      DEFAULT_TEMPLATE.weights.dataAccess,
    ]);
  });

  it('labels the rejected resolutions with visible text', () => {
    render(<TemplateEditor template={DEFAULT_TEMPLATE} onApplied={jest.fn()} />);
    const resolutions = screen.getByRole('textbox', { name: /Resolutions that count as rejected/ });
    expect(visibleLabels(resolutions)).toEqual(['Resolutions that count as rejected']);
  });

  it("shows a weight's error beside it, and sends the edited weight", async () => {
    answer({
      previewTemplateChange: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The template was not changed',
          fieldErrors: { 'template.weights.reviews': 'reviews must be a positive number' },
        },
      },
    });
    render(<TemplateEditor template={DEFAULT_TEMPLATE} onApplied={jest.fn()} />);
    fireEvent.change(screen.getByLabelText('Reviews'), { target: { value: '-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));
    await screen.findByText('reviews must be a positive number');
    const reviews = screen.getByLabelText('Reviews');
    expect(reviews.getAttribute('aria-invalid')).toBe('true');
    expect(reviews.getAttribute('aria-describedby')).toBeTruthy();
    const sent = invoke.mock.calls[0]?.[1] as { template: typeof DEFAULT_TEMPLATE };
    expect(sent.template.weights.reviews).toBe(-1);
  });
});

describe('TemplateEditor: the preview', () => {
  it('lists each active pilot it would change with what changes, and the pilots it leaves alone', async () => {
    answer({
      previewTemplateChange: {
        ok: true,
        data: {
          fromVersion: 1,
          toVersion: 2,
          revision: 4,
          pilots: 2,
          pilotsChanged: 2,
          workstreamsToAdd: 1,
          reviewsToAdd: 1,
          dueDatesToMove: 1,
          summary: 'adds 1 workstream to 1 pilot',
          confirmation: 'abc',
          changes: [
            {
              key: 'AIP-4',
              summary: 'Fraud model',
              workstreamsToAdd: ['Model risk review'],
              reviewsToAdd: [],
              dueDatesToMove: [],
            },
            {
              key: 'AIP-9',
              summary: 'Churn model',
              workstreamsToAdd: [],
              reviewsToAdd: ['privacy'],
              dueDatesToMove: [{ key: 'AIP-12', from: '2026-03-16', to: '2026-03-23' }],
            },
          ],
          skipped: { killed: ['AIP-30'], closed: ['AIP-31'] },
        },
      },
    });
    render(<TemplateEditor template={DEFAULT_TEMPLATE} onApplied={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));
    const list = await screen.findByRole('list', { name: 'Pilots the change would change' });
    const items = [...list.querySelectorAll('li')].map((item) => item.textContent);
    expect(items).toEqual([
      'AIP-4 Fraud model: adds Model risk review',
      'AIP-9 Churn model: adds the privacy review; moves AIP-12 from 16 Mar 2026 to 23 Mar 2026',
    ]);
    expect(screen.getByText(/Left as they are:/).textContent).toMatch(/AIP-30; closed AIP-31\.$/);
    expect(screen.getByText(/of 2 active pilots change/)).toBeTruthy();
  });

  it('sends the revision the preview read with the apply', async () => {
    answer({
      previewTemplateChange: {
        ok: true,
        data: {
          fromVersion: 1,
          toVersion: 2,
          revision: 7,
          pilots: 0,
          pilotsChanged: 0,
          workstreamsToAdd: 0,
          reviewsToAdd: 0,
          dueDatesToMove: 0,
          summary: 'changes no pilot',
          confirmation: 'abc',
          changes: [],
          skipped: { killed: [], closed: [] },
        },
      },
      applyTemplateChange: { ok: false, error: { code: 'changed-meanwhile', message: 'reload' } },
    });
    const reload = jest.fn();
    render(<TemplateEditor template={DEFAULT_TEMPLATE} onApplied={jest.fn()} onReload={reload} />);
    fireEvent.click(screen.getByRole('button', { name: 'Preview changes' }));
    await screen.findByText(/changes no pilot/);
    fireEvent.click(screen.getByRole('button', { name: /^Apply/ }));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('applyTemplateChange', expect.anything()));
    expect(invoke.mock.calls.find(([key]) => key === 'applyTemplateChange')?.[1]).toMatchObject({
      revision: 7,
      confirmation: 'abc',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalled();
  });
});

describe('TemplateEditor: how far the latest apply is', () => {
  it('says how many pilots are queued of how many, and reads it again from a keyboard-usable button', () => {
    const onReload = jest.fn();
    const progress = { version: 3, pilots: 10_000, queued: 6_223, done: false, minutesLeft: 3 };
    const { rerender } = render(
      <TemplateEditor
        template={DEFAULT_TEMPLATE}
        applyProgress={progress}
        onApplied={jest.fn()}
        onReload={onReload}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Template v3: 6,223 of 10,000 pilots queued for re-sync, about 3 minutes left.',
    );
    const refresh = screen.getByRole('button', { name: 'Refresh progress' });
    refresh.focus();
    expect(document.activeElement).toBe(refresh);
    fireEvent.click(refresh);
    expect(onReload).toHaveBeenCalledTimes(1);

    rerender(
      <TemplateEditor
        template={DEFAULT_TEMPLATE}
        applyProgress={{ ...progress, queued: 10_000, done: true, minutesLeft: 0 }}
        onApplied={jest.fn()}
        onReload={onReload}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Template v3: all 10,000 pilots queued for re-sync.');
    expect(screen.queryByRole('button', { name: 'Refresh progress' })).toBeNull();
  });
});
