/**
 * ServiceNow encoded queries (`sysparm_query`): conditions joined by `^` (AND), `^OR` (OR with the
 * condition before it, which binds tighter than AND) and `^NQ` (a new query OR-ed with the rest),
 * then `ORDERBY<field>` / `ORDERBYDESC<field>`.
 *
 * Operators: = != > >= < <= IN NOT IN LIKE NOTLIKE STARTSWITH ENDSWITH ISEMPTY ISNOTEMPTY.
 * A caret inside a value is written `^^` (ServiceNow's escape): it never starts a new condition.
 * Real ServiceNow silently ignores a condition it cannot parse (and returns every record); the
 * sandbox answers 400 instead, so a client bug shows up in the tests rather than in production.
 * A well-formed condition on a field the table does not have is another matter: what ServiceNow
 * does with it is a switch of the instance (see `withoutConditionsOn` and table-api.ts).
 */

export type Operator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'IN'
  | 'NOT IN'
  | 'LIKE'
  | 'NOTLIKE'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | 'ISEMPTY'
  | 'ISNOTEMPTY';

export interface Condition {
  field: string;
  operator: Operator;
  value: string;
}

export interface EncodedQuery {
  /** OR of groups (`^NQ`); each group is an AND of OR-clauses (`^OR`). */
  groups: Condition[][][];
  orderBy: { field: string; descending: boolean }[];
}

export class EncodedQueryError extends Error {}

// Longest first, so that `NOT IN` wins over `IN` and `>=` over `>`.
const OPERATORS: Operator[] = [
  'ISNOTEMPTY',
  'ISEMPTY',
  'NOT IN',
  'NOTLIKE',
  'STARTSWITH',
  'ENDSWITH',
  'LIKE',
  'IN',
  '!=',
  '>=',
  '<=',
  '=',
  '>',
  '<',
];
const FIELD = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*/;

function parseCondition(term: string): Condition {
  const field = FIELD.exec(term)?.[0];
  if (!field) throw new EncodedQueryError(`Invalid condition "${term}": expected a field name`);
  const rest = term.slice(field.length);
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  if (!operator) throw new EncodedQueryError(`Unsupported operator in condition "${term}"`);
  const value = rest.slice(operator.length);
  if ((operator === 'ISEMPTY' || operator === 'ISNOTEMPTY') && value !== '') {
    throw new EncodedQueryError(`Condition "${term}": ${operator} takes no value`);
  }
  if (value.startsWith('javascript:'))
    throw new EncodedQueryError(`Condition "${term}": javascript: values are not supported`);
  return { field, operator, value };
}

/**
 * Splits on single carets; `^^` is a literal caret inside a value. Returns the terms in order, each
 * marked when it starts a new query (`^NQ`).
 */
function splitTerms(query: string): { text: string; newQuery: boolean }[] {
  const terms: { text: string; newQuery: boolean }[] = [];
  let current = '';
  let newQuery = false;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (ch !== '^') {
      current += ch;
      continue;
    }
    if (query[i + 1] === '^') {
      current += '^';
      i += 1;
      continue;
    }
    terms.push({ text: current, newQuery });
    current = '';
    newQuery = query.startsWith('NQ', i + 1);
    if (newQuery) i += 2;
  }
  terms.push({ text: current, newQuery });
  return terms;
}

export function parseEncodedQuery(query: string | null | undefined): EncodedQuery {
  const result: EncodedQuery = { groups: [], orderBy: [] };
  if (!query) return result;
  const groupTexts: string[][] = [[]];
  for (const term of splitTerms(query)) {
    if (term.newQuery) groupTexts.push([]);
    groupTexts[groupTexts.length - 1]!.push(term.text);
  }
  for (const groupTerms of groupTexts) {
    const group: Condition[][] = [];
    for (const raw of groupTerms) {
      const term = raw.trim();
      if (term === '' || term === 'EQ') continue;
      if (term.startsWith('ORDERBYDESC')) {
        result.orderBy.push({ field: term.slice('ORDERBYDESC'.length), descending: true });
      } else if (term.startsWith('ORDERBY')) {
        result.orderBy.push({ field: term.slice('ORDERBY'.length), descending: false });
      } else if (term.startsWith('OR') && /^OR[a-z_]/.test(term)) {
        const last = group[group.length - 1];
        if (!last) throw new EncodedQueryError(`"^${term}" has no condition before it to OR with`);
        last.push(parseCondition(term.slice(2)));
      } else {
        group.push([parseCondition(term)]);
      }
    }
    for (const o of result.orderBy) {
      if (!FIELD.test(o.field) || FIELD.exec(o.field)?.[0] !== o.field)
        throw new EncodedQueryError(`Invalid ORDERBY field "${o.field}"`);
    }
    if (group.length > 0) result.groups.push(group);
  }
  return result;
}

/** Every field a query names, to check against the table. */
export function fieldsOf(query: EncodedQuery): string[] {
  const fields = query.groups.flat(2).map((c) => c.field);
  return [...fields, ...query.orderBy.map((o) => o.field)];
}

/**
 * The query as ServiceNow runs one naming a field the table does not have (by default, without
 * `glide.invalid_query.returns_no_rows`): every condition and ORDERBY on such a field is dropped and
 * the rest still applies. A group left with no condition matches every record, as the dropped part
 * no longer narrows it.
 */
export function withoutConditionsOn(query: EncodedQuery, unknown: ReadonlySet<string>): EncodedQuery {
  return {
    groups: query.groups.map((group) =>
      group
        .map((anyOf) => anyOf.filter((condition) => !unknown.has(condition.field)))
        .filter((anyOf) => anyOf.length > 0),
    ),
    orderBy: query.orderBy.filter((order) => !unknown.has(order.field)),
  };
}

const numeric = (s: string) => s.trim() !== '' && !Number.isNaN(Number(s));

function compare(a: string, b: string): number {
  if (numeric(a) && numeric(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function testCondition(actual: string, c: Condition): boolean {
  const lower = actual.toLowerCase();
  const wanted = c.value.toLowerCase();
  switch (c.operator) {
    case '=':
      return actual === c.value;
    case '!=':
      return actual !== c.value;
    case '>':
      return actual !== '' && compare(actual, c.value) > 0;
    case '>=':
      return actual !== '' && compare(actual, c.value) >= 0;
    case '<':
      return actual !== '' && compare(actual, c.value) < 0;
    case '<=':
      return actual !== '' && compare(actual, c.value) <= 0;
    case 'IN':
      return c.value.split(',').includes(actual);
    case 'NOT IN':
      return !c.value.split(',').includes(actual);
    case 'LIKE':
      return lower.includes(wanted);
    case 'NOTLIKE':
      return !lower.includes(wanted);
    case 'STARTSWITH':
      return lower.startsWith(wanted);
    case 'ENDSWITH':
      return lower.endsWith(wanted);
    case 'ISEMPTY':
      return actual === '';
    case 'ISNOTEMPTY':
      return actual !== '';
  }
}

export function matches(query: EncodedQuery, valueOf: (field: string) => string): boolean {
  if (query.groups.length === 0) return true;
  return query.groups.some((group) =>
    group.every((anyOf) => anyOf.some((c) => testCondition(valueOf(c.field), c))),
  );
}

export function sortBy<T>(
  records: T[],
  query: EncodedQuery,
  valueOf: (record: T, field: string) => string,
): T[] {
  if (query.orderBy.length === 0) return records;
  return [...records].sort((x, y) => {
    for (const o of query.orderBy) {
      const d = compare(valueOf(x, o.field), valueOf(y, o.field));
      if (d !== 0) return o.descending ? -d : d;
    }
    return 0;
  });
}
