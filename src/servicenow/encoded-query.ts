/**
 * ServiceNow encoded queries (`sysparm_query`) built from values that may come from a user.
 *
 * Conditions are joined with `^` (AND); `^OR`, `^NQ` (a new query OR-ed with everything before it)
 * and `ORDERBY` follow a caret too. A caret inside a value is written `^^`, ServiceNow's escape, so a
 * value can never end its condition and start another (`x^NQactive=true` would otherwise widen the
 * query to every active record). `=` needs no escape: a condition splits at its first operator, so
 * whatever follows is value. Field names are never user input: they are checked against a pattern.
 */

export type QueryOperator =
  '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'STARTSWITH' | 'IN' | 'ISEMPTY' | 'ISNOTEMPTY';

export class QueryValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryValueError';
  }
}

const FIELD = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*$/;

/** A value as it may stand in an encoded query: carets doubled; line breaks refused (they end a query). */
export function escapeQueryValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new QueryValueError('A ServiceNow query value cannot contain a line break');
  return value.replace(/\^/g, '^^');
}

function checkField(field: string): string {
  if (!FIELD.test(field)) throw new QueryValueError(`"${field}" is not a ServiceNow field name`);
  return field;
}

/** One condition, e.g. `condition('correlation_id', '=', pilotId)`. */
export function condition(
  field: string,
  operator: QueryOperator,
  value: string | readonly string[] = '',
): string {
  checkField(field);
  if (operator === 'ISEMPTY' || operator === 'ISNOTEMPTY') return `${field}${operator}`;
  if (operator === 'IN') {
    const values = typeof value === 'string' ? [value] : value;
    for (const v of values)
      if (v.includes(',')) throw new QueryValueError(`An IN value cannot contain a comma: "${v}"`);
    return `${field}IN${values.map(escapeQueryValue).join(',')}`;
  }
  if (typeof value !== 'string') throw new QueryValueError(`${operator} takes one value`);
  return `${field}${operator}${escapeQueryValue(value)}`;
}

/** Conditions AND-ed, then the order. */
export function encodedQuery(
  conditions: readonly string[],
  orderBy: ReadonlyArray<{ field: string; descending?: boolean }> = [],
): string {
  const order = orderBy.map((o) => `${o.descending ? 'ORDERBYDESC' : 'ORDERBY'}${checkField(o.field)}`);
  return [...conditions, ...order].join('^');
}

/** `Date` → ServiceNow's `YYYY-MM-DD HH:mm:ss` (UTC, what the Table API speaks by default). */
export function glideDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** ServiceNow's `YYYY-MM-DD HH:mm:ss` (UTC) → `Date`, or null. */
export function parseGlideDateTime(value: string | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
