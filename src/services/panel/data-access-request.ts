import { z } from 'zod';
import { dataAccessRequestTitle, dataSourceNameSchema } from '../../domain/data-sources';
import type { Pilot } from '../../domain/pilot';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { PilotGateway } from '../../jira/pilots';
import { noteDataAccessLink } from '../../storage/pilot-state';
import type { DataAccessRequestInput, PilotView } from '../../ui-contract';
import { invalidInput, UserFacingError } from '../errors';
import { assertMayEditPilot } from '../permissions';
import { fileServiceNowRequest } from '../servicenow';
import { openPilot, recomputedView, type PanelRequest } from './pilot-panel';

/** Well under Jira's 32,767-character description limit, with room for the rest of the ticket. */
export const JUSTIFICATION_MAX_LENGTH = 5000;

const dataAccessRequestSchema = z.object({
  target: z.enum(['jira', 'servicenow'], { error: 'Choose where to file the request' }),
  dataSource: dataSourceNameSchema,
  stewardAccountId: z
    .string({ error: 'Choose the data steward' })
    .trim()
    .min(1, { error: 'Choose the data steward', abort: true })
    .max(128, 'This is not a Jira account id: choose the data steward from the list')
    .regex(/^[A-Za-z0-9:_-]+$/, 'This is not a Jira account id: choose the data steward from the list'),
  justification: z
    .string({ error: 'Explain why the pilot needs this data' })
    .trim()
    .min(10, 'Explain in at least 10 characters why the pilot needs this data')
    .max(
      JUSTIFICATION_MAX_LENGTH,
      `Keep the justification to ${JUSTIFICATION_MAX_LENGTH} characters or fewer`,
    ),
});

/**
 * Files a data-access request (product.md §4): a Jira ticket linked to the pilot with the *Data access*
 * link type, or a ServiceNow record the app files and links (§12).
 */
export async function requestDataAccess(
  request: PanelRequest,
  payload: unknown,
): Promise<{ key: string; view: PilotView }> {
  const input = dataAccessRequestSchema.safeParse(payload);
  if (!input.success)
    throw invalidInput(input.error, 'The data-access request was not filed: fix the marked entries.');
  const { pilot, provisioning } = await openPilot(request);
  const steward = await checkSteward(request.asUser, input.data.stewardAccountId);
  if (input.data.target === 'servicenow') {
    await assertMayEditPilot(request.asUser, pilot);
    const filed = await fileServiceNowRequest({
      pilot: { id: pilot.id, key: pilot.key },
      dataSource: input.data.dataSource,
      steward: { accountId: input.data.stewardAccountId, displayName: steward.displayName ?? '' },
      justification: input.data.justification,
      actorAccountId: request.accountId,
      now: request.now,
    });
    return {
      key: filed.number,
      view: await recomputedView(request, pilot, `${filed.number} was filed in ServiceNow`, {
        remoteLinksChanged: true,
      }),
    };
  }
  const ticket = await fileJiraDataAccessTicket(
    new PilotGateway(request.asUser, provisioning),
    pilot,
    input.data,
  );
  await noteDataAccessLink(pilot.id, ticket.id, true);
  return {
    key: ticket.key,
    view: await recomputedView(request, pilot, `${ticket.key} was filed and linked as data access`),
  };
}

async function checkSteward(jira: JiraClient, accountId: string): Promise<{ displayName?: string }> {
  const user = await jira.getUser(accountId).catch(() => undefined);
  if (!user || user.active === false) {
    throw new UserFacingError(
      'invalid-input',
      'The data-access request was not filed: fix the marked entries.',
      {
        stewardAccountId: user
          ? 'This person is deactivated: choose an active data steward'
          : 'No Jira user has this account id',
      },
    );
  }
  return user;
}

/** Files the ticket; a steward Jira will not assign in the pilot's project is named as such. */
async function fileJiraDataAccessTicket(gateway: PilotGateway, pilot: Pilot, input: DataAccessRequestInput) {
  try {
    return await gateway.fileDataAccessTicket(pilot, {
      summary: dataAccessRequestTitle(input.dataSource, pilot.key),
      assigneeAccountId: input.stewardAccountId,
      description: `Data source: ${input.dataSource}
Requested for AI pilot ${pilot.key}.
Justification: ${input.justification}`,
    });
  } catch (error) {
    const assigneeProblem =
      error instanceof JiraError && error.status === 400 ? error.body.errors?.assignee : undefined;
    if (!assigneeProblem) throw error;
    throw new UserFacingError(
      'invalid-input',
      'The data-access request was not filed: fix the marked entries.',
      {
        stewardAccountId: `This person cannot be assigned issues in ${pilot.projectKey}: choose another data steward, or ask a project admin to give them the Assignable user permission.`,
      },
    );
  }
}
