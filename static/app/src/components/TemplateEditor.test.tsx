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
