/**
 * Rich text the emulator receives (a description, a comment, `update.comment`, a link's comment) is
 * checked with Atlassian's own ADF validator (`@atlaskit/adf-utils`, on the full schema of
 * `@atlaskit/adf-schema`): an unknown node or mark, an empty text node, a missing attribute or a node
 * where the schema allows none is refused, as Jira Cloud refuses it.
 *
 * Jira answers such a body with a bare `400 {"errorMessages":["INVALID_INPUT"],"errors":{}}`
 * (docs/forge-notes.md, "Where the sandbox still differs"); the validator's own message goes to the
 * emulator's log, so a developer sees which node was wrong.
 */
import { validator } from '@atlaskit/adf-utils/validator';
import type { ADFEntity } from '@atlaskit/adf-utils/types';
import { setBooleanFeatureFlagResolver } from '@atlaskit/platform-feature-flags';
import { JiraError } from './errors';

/** Jira's whole answer to a document that breaks the ADF schema. */
export const INVALID_INPUT = 'INVALID_INPUT';

let validate: ReturnType<typeof validator> | undefined;

function adfValidator(): ReturnType<typeof validator> {
  if (!validate) {
    // The validator reads one platform feature flag when it is made. No product has set a resolver
    // here, so Atlassian's client would warn that it is not initialised and answer false: answer
    // false without the warning (every platform flag off, as on a site that never turned one on).
    setBooleanFeatureFlagResolver(() => false);
    validate = validator();
  }
  return validate;
}

/**
 * What is wrong with a document under the ADF schema (the validator's first complaint), or
 * undefined when it is valid. `document` has already been found to be `{type: 'doc', ...}`.
 */
export function documentProblem(document: Record<string, unknown>): string | undefined {
  try {
    // Without an error callback the validator throws at the first problem instead of repairing it.
    adfValidator()(document as ADFEntity);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Refuses a document that breaks the ADF schema, as Jira does; `where` names it in the log. */
export function checkDocument(document: Record<string, unknown>, where: string): void {
  const problem = documentProblem(document);
  if (problem !== undefined) {
    throw new JiraError(400, [INVALID_INPUT], {}, {}, `${where} is not valid ADF: ${problem}`);
  }
}
