import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { callResolver } from '../bridge';
import {
  PEOPLE_QUERY_MAX_LENGTH,
  type GroupOption,
  type PersonOption,
  type ResolverResult,
} from '../contract';
import type { FieldControlProps } from './Field';

/** How long typing must pause before the picker asks Jira. */
export const SEARCH_DELAY_MS = 250;

type Search<T> =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; people: T[] }
  | { status: 'failed'; message: string };

/** What a search picker searches and how it names what it finds. */
interface PickerKind<T> {
  search: (query: string) => Promise<ResolverResult<T[]>>;
  idOf: (option: T) => string;
  nameOf: (option: T) => string;
  /** False: listed, marked, and not choosable. */
  choosable: (option: T) => boolean;
  listLabel: string;
  noneFound: string;
  countOf: (count: number) => string;
}

const PEOPLE: PickerKind<PersonOption> = {
  search: (query) => callResolver('findPeople', { query }),
  idOf: (person) => person.accountId,
  nameOf: (person) => person.displayName,
  choosable: (person) => person.active,
  listLabel: 'People found',
  noneFound: 'No one found',
  countOf: (count) => (count === 1 ? '1 person found' : `${count} people found`),
};

const GROUPS: PickerKind<GroupOption> = {
  search: (query) => callResolver('findGroups', { query }),
  idOf: (group) => group.groupId,
  nameOf: (group) => group.name,
  choosable: () => true,
  listLabel: 'Groups found',
  noneFound: 'No group found',
  countOf: (count) => (count === 1 ? '1 group found' : `${count} groups found`),
};

interface PickerProps<T> {
  control: FieldControlProps;
  value: T | null;
  onChange: (option: T | null) => void;
}

/**
 * Type a name, pick a person: an ARIA 1.2 combobox (list autocomplete) over the `findPeople` resolver.
 * The input shows the chosen person's name; `onChange` gets the person, or null once the text no
 * longer names them. Deactivated people are listed, marked, and cannot be chosen.
 */
export function PeoplePicker(props: PickerProps<PersonOption>) {
  return <SearchPicker kind={PEOPLE} {...props} />;
}

/** Type part of a group's name, pick the group: the same combobox over Jira's group picker. */
export function GroupPicker(props: PickerProps<GroupOption>) {
  return <SearchPicker kind={GROUPS} {...props} />;
}

function SearchPicker<T>({ kind, control, value, onChange }: PickerProps<T> & { kind: PickerKind<T> }) {
  const [text, setText] = useState(value ? kind.nameOf(value) : '');
  /** What the user typed last and is waiting for; null once a person is chosen. */
  const [query, setQuery] = useState<string | null>(null);
  const [search, setSearch] = useState<Search<T>>({ status: 'idle' });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => {
    const wanted = query?.trim() ?? '';
    if (!wanted) {
      setSearch({ status: 'idle' });
      return;
    }
    setSearch({ status: 'searching' });
    let current = true;
    const timer = setTimeout(() => {
      void kind.search(wanted).then((answer) => {
        if (!current) return;
        setActive(-1);
        setSearch(
          answer.ok
            ? { status: 'done', people: answer.data }
            : { status: 'failed', message: answer.error.message },
        );
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, kind]);

  const people = search.status === 'done' ? search.people : [];
  const expanded = open && people.length > 0;

  useEffect(() => {
    if (expanded && active >= 0)
      document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  });

  const type = (next: string) => {
    setText(next);
    setQuery(next);
    setOpen(next.trim() !== '');
    if (value && next !== kind.nameOf(value)) onChange(null);
  };

  const choose = (person: T | undefined) => {
    if (person === undefined || !kind.choosable(person)) return;
    setText(kind.nameOf(person));
    setQuery(null);
    setOpen(false);
    onChange(person);
  };

  const move = (step: 1 | -1) => {
    const first = step > 0 ? 0 : people.length - 1;
    setActive((current) =>
      !expanded || current < 0 ? first : (current + step + people.length) % people.length,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(text.trim() !== '');
      if (people.length > 0) move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && open) {
      // Choosing, not submitting the form.
      event.preventDefault();
      choose(people[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const message =
    search.status === 'searching'
      ? 'Searching…'
      : search.status === 'failed'
        ? search.message
        : search.status === 'done' && people.length === 0
          ? kind.noneFound
          : '';

  return (
    <div className="picker">
      <input
        {...control}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        maxLength={PEOPLE_QUERY_MAX_LENGTH}
        value={text}
        onChange={(event) => type(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={kind.listLabel} className="picker-list" hidden={!expanded}>
        {people.map((person, index) => (
          <li
            key={kind.idOf(person)}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            aria-disabled={kind.choosable(person) ? undefined : true}
            className="picker-option"
            // Keeps focus in the input, so choosing with the mouse does not close the list first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(person)}
          >
            {kind.nameOf(person)}
            {kind.choosable(person) ? null : ' (deactivated)'}
          </li>
        ))}
      </ul>
      <p role="status" className="picker-status">
        {open ? message : ''}
        {expanded ? <span className="visually-hidden">{kind.countOf(people.length)}</span> : null}
      </p>
    </div>
  );
}
