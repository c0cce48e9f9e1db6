/**
 * JQL through Atlassian's own grammar (@atlaskit/jql-parser, ANTLR): the parse tree is reduced to
 * a small AST the evaluator walks. Syntax the emulator does not evaluate (functions, `~`, WAS,
 * CHANGED) is refused here with a 400 that names it, never answered with a wrong result.
 */
import { CharStreams, CommonTokenStream } from 'antlr4ts';
import type { ANTLRErrorListener } from 'antlr4ts/ANTLRErrorListener';
import { JQLLexer } from '@atlaskit/jql-parser/JQLLexer';
import {
  JQLParser,
  JqlChangedClauseContext,
  JqlComparisonClauseContext,
  JqlCustomFieldContext,
  JqlEqualsClauseContext,
  JqlInClauseContext,
  JqlIsClauseContext,
  JqlLikeClauseContext,
  JqlNonNumberFieldContext,
  JqlNumberFieldContext,
  JqlWasClauseContext,
  JqlWasInClauseContext,
  type JqlAndClauseContext,
  type JqlFieldContext,
  type JqlFunctionContext,
  type JqlNotClauseContext,
  type JqlOperandContext,
  type JqlOrClauseContext,
  type JqlStringContext,
  type JqlTerminalClauseContext,
  type JqlValueContext,
} from '@atlaskit/jql-parser/JQLParser';
import { badRequest } from './errors';

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export type FieldRef =
  | { kind: 'name'; name: string; text: string }
  | { kind: 'custom'; id: number; text: string }
  | { kind: 'property'; propertyKey: string; path: string; text: string };

export type Operand =
  { kind: 'value'; text: string } | { kind: 'empty' } | { kind: 'list'; items: Operand[] };

export type JqlNode =
  | { kind: 'and'; children: JqlNode[] }
  | { kind: 'or'; children: JqlNode[] }
  | { kind: 'not'; child: JqlNode }
  | { kind: 'clause'; field: FieldRef; operator: Operator; operand: Operand };

export interface SortKey {
  field: FieldRef;
  direction: 'asc' | 'desc';
}

export interface JqlAst {
  where: JqlNode | null;
  orderBy: SortKey[];
}

/** Jira's limit on ORDER BY fields in search/jql. */
export const MAX_ORDER_BY_FIELDS = 7;

function unsupported(what: string): never {
  throw badRequest([
    `${what} is not supported by the sandbox's Jira emulator (it would not give Jira's answer).`,
  ]);
}

/** The text of a JQL string token: quotes removed, backslash escapes resolved. */
export function unquote(raw: string): string {
  const quote = raw[0];
  if ((quote !== '"' && quote !== "'") || raw.length < 2 || raw[raw.length - 1] !== quote) {
    return raw.replace(/\\(.)/g, '$1');
  }
  return raw.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) => {
    if (escaped.length === 5) return String.fromCharCode(parseInt(escaped.slice(1), 16));
    return escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped === 'r' ? '\r' : escaped;
  });
}

function stringText(context: JqlStringContext | undefined): string {
  return context ? unquote(context.text) : '';
}

function functionName(context: JqlFunctionContext): string {
  const name = context.jqlFunctionName();
  return name.jqlString() ? stringText(name.jqlString()) : name.text;
}

function field(context: JqlFieldContext): FieldRef {
  if (context instanceof JqlNumberFieldContext)
    return { kind: 'name', name: context.text, text: context.text };
  if (!(context instanceof JqlNonNumberFieldContext)) return unsupported(`The field '${context.text}'`);
  const custom: JqlCustomFieldContext | undefined = context.jqlCustomField();
  if (custom) return { kind: 'custom', id: Number(custom.POSNUMBER().text), text: context.text };
  const name = stringText(context.jqlString());
  const properties = context.jqlFieldProperty();
  if (properties.length === 0) return { kind: 'name', name, text: name };
  const property = properties[0];
  if (name.toLowerCase() !== 'issue.property' || properties.length !== 1 || !property) {
    return unsupported(`The field '${context.text}'`);
  }
  const argument = property.jqlArgument();
  const propertyKey = argument?.jqlString() ? stringText(argument.jqlString()) : (argument?.text ?? '');
  const path = property
    .jqlPropertyArgument()
    .map((part) => unquote(part.jqlArgument().text))
    .join('')
    .replace(/^\./, '');
  return { kind: 'property', propertyKey, path, text: `issue.property[${propertyKey}].${path}` };
}

function value(context: JqlValueContext): Operand {
  const string = context.jqlString();
  return { kind: 'value', text: string ? stringText(string) : context.text };
}

function operand(context: JqlOperandContext): Operand {
  if (context.jqlEmpty()) return { kind: 'empty' };
  const fn = context.jqlFunction();
  if (fn) return unsupported(`The JQL function '${functionName(fn)}()'`);
  const list = context.jqlList();
  if (list) return { kind: 'list', items: list.jqlOperand().map(operand) };
  const valueContext = context.jqlValue();
  if (valueContext) return value(valueContext);
  return unsupported(`The operand '${context.text}'`);
}

function single(parts: {
  jqlEmpty(): unknown;
  jqlValue(): JqlValueContext | undefined;
  jqlFunction(): JqlFunctionContext | undefined;
}): Operand {
  if (parts.jqlEmpty()) return { kind: 'empty' };
  const fn = parts.jqlFunction();
  if (fn) return unsupported(`The JQL function '${functionName(fn)}()'`);
  const valueContext = parts.jqlValue();
  return valueContext ? value(valueContext) : { kind: 'empty' };
}

function terminal(context: JqlTerminalClauseContext): JqlNode {
  const fieldRef = field(context.jqlField());
  const rhs = context.jqlTerminalClauseRhs();
  if (rhs instanceof JqlEqualsClauseContext) {
    const operator: Operator = rhs.jqlEqualsOperator().NOT_EQUALS() ? '!=' : '=';
    return { kind: 'clause', field: fieldRef, operator, operand: single(rhs) };
  }
  if (rhs instanceof JqlComparisonClauseContext) {
    const op = rhs.jqlComparisonOperator();
    const operator: Operator = op.LT() ? '<' : op.LTEQ() ? '<=' : op.GT() ? '>' : '>=';
    const fn = rhs.jqlFunction();
    if (fn) return unsupported(`The JQL function '${functionName(fn)}()'`);
    const valueContext = rhs.jqlValue();
    if (!valueContext) return unsupported(`The clause '${context.text}'`);
    return { kind: 'clause', field: fieldRef, operator, operand: value(valueContext) };
  }
  if (rhs instanceof JqlInClauseContext) {
    const fn = rhs.jqlFunction();
    if (fn) return unsupported(`The JQL function '${functionName(fn)}()'`);
    const list = rhs.jqlList();
    const items = list ? list.jqlOperand().map(operand) : [];
    return {
      kind: 'clause',
      field: fieldRef,
      operator: rhs.jqlInOperator().NOT() ? 'not in' : 'in',
      operand: { kind: 'list', items },
    };
  }
  if (rhs instanceof JqlIsClauseContext) {
    return {
      kind: 'clause',
      field: fieldRef,
      operator: rhs.jqlIsOperator().NOT() ? 'is not' : 'is',
      operand: { kind: 'empty' },
    };
  }
  if (rhs instanceof JqlLikeClauseContext) {
    return unsupported(`The operator '${rhs.jqlLikeOperator().NOT_LIKE() ? '!~' : '~'}' (text search)`);
  }
  if (rhs instanceof JqlWasClauseContext || rhs instanceof JqlWasInClauseContext) {
    return unsupported("The history operator 'WAS'");
  }
  if (rhs instanceof JqlChangedClauseContext) return unsupported("The history operator 'CHANGED'");
  return unsupported(`The clause '${context.text}'`);
}

function notClause(context: JqlNotClauseContext): JqlNode {
  const inner = context.jqlNotClause();
  if (inner) return { kind: 'not', child: notClause(inner) };
  const sub = context.jqlSubClause();
  if (sub) return orClause(sub.jqlOrClause());
  const clause = context.jqlTerminalClause();
  if (!clause) return unsupported(`The clause '${context.text}'`);
  return terminal(clause);
}

function andClause(context: JqlAndClauseContext): JqlNode {
  const children = context.jqlNotClause().map(notClause);
  return children.length === 1 && children[0] ? children[0] : { kind: 'and', children };
}

function orClause(context: JqlOrClauseContext): JqlNode {
  const children = context.jqlAndClause().map(andClause);
  return children.length === 1 && children[0] ? children[0] : { kind: 'or', children };
}

/** Parses JQL; throws a 400 JiraError with Jira's "Error in the JQL Query" message on a syntax error. */
export function parseJql(jql: string): JqlAst {
  const problems: string[] = [];
  const listener = {
    syntaxError: (_recognizer: unknown, _symbol: unknown, line: number, column: number, message: string) => {
      problems.push(`Error in the JQL Query: ${message} (line ${line}, character ${column + 1})`);
    },
  };
  const lexer = new JQLLexer(CharStreams.fromString(jql));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener as ANTLRErrorListener<number>);
  const parser = new JQLParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  const tree = parser.jqlQuery();
  if (problems.length > 0) throw badRequest(problems.slice(0, 1));

  const where = tree.jqlWhere();
  const orderBy = tree.jqlOrderBy();
  const sorts = orderBy
    ? orderBy.jqlSearchSort().map((sort) => ({
        field: field(sort.jqlField()),
        direction: sort.DESC() ? ('desc' as const) : ('asc' as const),
      }))
    : [];
  if (sorts.length > MAX_ORDER_BY_FIELDS) {
    throw badRequest([`The ORDER BY clause can contain at most ${MAX_ORDER_BY_FIELDS} fields.`]);
  }
  return { where: where ? orClause(where.jqlOrClause()) : null, orderBy: sorts };
}
