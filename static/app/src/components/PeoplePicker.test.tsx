/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { PersonOption } from '../contract';
import { expectNoAxeViolations } from '../test-support/axe';
import { answer, invoke, resetBridge } from '../test-support/bridge-mock';
import { PEOPLE } from '../test-support/fixtures';
import { Field } from './Field';
import { PeoplePicker, SEARCH_DELAY_MS } from './PeoplePicker';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

beforeEach(() => {
  resetBridge();
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

function Harness({ onChange }: { onChange: (person: PersonOption | null) => void }) {
  const [person, setPerson] = useState<PersonOption | null>(null);
  return (
    <Field label="Data steward">
      {(control) => (
        <PeoplePicker
          control={control}
          value={person}
          onChange={(next) => {
            setPerson(next);
            onChange(next);
          }}
        />
      )}
    </Field>
  );
}

function renderPicker() {
  const onChange = jest.fn();
  const { container } = render(<Harness onChange={onChange} />);
  return { onChange, container, input: screen.getByRole('combobox', { name: 'Data steward' }) };
}

const typeInto = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });
const press = (input: HTMLElement, key: string) => fireEvent.keyDown(input, { key });
const status = () => screen.getByRole('status').textContent;
const options = () => screen.queryAllByRole('option').map((option) => option.textContent);

async function pause(ms = SEARCH_DELAY_MS) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

/** Renders the picker, types `text` and lets the search answer with PEOPLE. */
async function searchFor(text: string) {
  answer({ findPeople: { ok: true, data: PEOPLE } });
  const rendered = renderPicker();
  typeInto(rendered.input, text);
  await pause();
  return rendered;
}

describe('PeoplePicker', () => {
  it('searches once typing pauses, then lists people, deactivated ones marked and disabled', async () => {
    answer({ findPeople: { ok: true, data: PEOPLE } });
    const { input } = renderPicker();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    typeInto(input, 'p');
    typeInto(input, 'pa');
    typeInto(input, ' pat ');
    expect(status()).toBe('Searching…');
    await pause(SEARCH_DELAY_MS - 1);
    expect(invoke).not.toHaveBeenCalled();
    await pause(1);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('findPeople', { query: 'pat' });

    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox');
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(options()).toEqual(['Pat Pathway', 'Priya PM', 'Fay Former (deactivated)']);
    expect(
      screen.getByRole('option', { name: 'Fay Former (deactivated)' }).getAttribute('aria-disabled'),
    ).toBe('true');
    expect(status()).toBe('3 people found');
  });

  it('moves with ArrowDown and ArrowUp and chooses with Enter, without searching again', async () => {
    const { input, onChange } = await searchFor('p');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();

    press(input, 'ArrowDown');
    const [pat, priya, fay] = screen.getAllByRole('option');
    expect(input.getAttribute('aria-activedescendant')).toBe(pat?.id);
    expect(pat?.getAttribute('aria-selected')).toBe('true');
    press(input, 'ArrowDown');
    press(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(fay?.id);
    press(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(pat?.id);
    press(input, 'ArrowUp');
    press(input, 'ArrowUp');
    expect(input.getAttribute('aria-activedescendant')).toBe(priya?.id);
    expect(priya?.getAttribute('aria-selected')).toBe('true');
    expect(pat?.getAttribute('aria-selected')).toBe('false');

    const enter = fireEvent.keyDown(input, { key: 'Enter' });
    expect(enter).toBe(false); // default prevented: Enter chooses, it does not submit the form
    expect(onChange).toHaveBeenLastCalledWith(PEOPLE[1]);
    expect((input as HTMLInputElement).value).toBe('Priya PM');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    await pause();
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('does not choose a deactivated person, by keyboard or by mouse', async () => {
    const { input, onChange } = await searchFor('f');
    press(input, 'ArrowUp');
    press(input, 'Enter');
    fireEvent.click(screen.getByRole('option', { name: 'Fay Former (deactivated)' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('option', { name: 'Pat Pathway' }));
    expect(onChange).toHaveBeenLastCalledWith(PEOPLE[0]);
  });

  it('closes with Escape and opens again with ArrowDown', async () => {
    const { input } = await searchFor('p');
    press(input, 'ArrowDown');
    press(input, 'Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    expect(status()).toBe('');
    press(input, 'ArrowDown');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]?.id);
  });

  it('says when no one matches, and shows a failed search in plain words', async () => {
    answer({
      findPeople: (payload: unknown) =>
        (payload as { query: string }).query === 'zed'
          ? { ok: true, data: [] }
          : {
              ok: false,
              error: { code: 'rate-limited', message: 'Jira is busy right now; try again in 5 seconds.' },
            },
    });
    const { input } = renderPicker();
    typeInto(input, 'zed');
    await pause();
    expect(status()).toBe('No one found');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    typeInto(input, 'zedd');
    await pause();
    expect(status()).toBe('Jira is busy right now; try again in 5 seconds.');
  });

  it('forgets the chosen person once the name is edited, and ignores answers to older searches', async () => {
    let release: (value: unknown) => void = () => undefined;
    answer({
      findPeople: (payload: unknown) =>
        (payload as { query: string }).query === 'pa'
          ? new Promise((resolve) => (release = resolve))
          : { ok: true, data: PEOPLE.slice(0, 1) },
    });
    const { input, onChange } = renderPicker();
    typeInto(input, 'pat');
    await pause();
    press(input, 'ArrowDown');
    press(input, 'Enter');
    expect(onChange).toHaveBeenLastCalledWith(PEOPLE[0]);

    typeInto(input, 'pa');
    expect(onChange).toHaveBeenLastCalledWith(null);
    await pause();
    typeInto(input, 'pat');
    await act(async () => release({ ok: true, data: PEOPLE }));
    expect(status()).toBe('Searching…');
    await pause();
    expect(options()).toEqual(['Pat Pathway']);
  });

  it('has no axe violation with the list open and an option active', async () => {
    const { input, container } = await searchFor('p');
    press(input, 'ArrowDown');
    jest.useRealTimers();
    await expectNoAxeViolations(container);
  });
});
