import type { Pilot } from '../../domain/pilot';
import type { JiraClient } from '../../jira/client';
import { UserFacingError } from '../errors';

/** Whether the viewer administers Jira (the ADMINISTER global permission), asked as the viewer. */
export async function isJiraAdmin(asUser: JiraClient): Promise<boolean> {
  return (await asUser.myPermissions(['ADMINISTER'])).ADMINISTER === true;
}

/** Admin actions check, on the server, that the caller administers Jira; the admin page's module gate is not enough. */
export async function assertJiraAdmin(asUser: JiraClient): Promise<void> {
  if (!(await isJiraAdmin(asUser))) {
    throw new UserFacingError('no-permission', 'Only a Jira admin can change Pilot Pathway settings.');
  }
}

/** Whether the viewer may edit the pilot (Edit Issues on it), asked as the viewer. */
export async function mayEditPilot(asUser: JiraClient, pilot: Pick<Pilot, 'id'>): Promise<boolean> {
  const { EDIT_ISSUES } = await asUser.myPermissions(['EDIT_ISSUES'], { issueId: pilot.id });
  return EDIT_ISSUES === true;
}

/** Filing in ServiceNow links the record to the pilot: only someone who may edit the pilot may. */
export async function assertMayEditPilot(
  asUser: JiraClient,
  pilot: Pick<Pilot, 'id' | 'key'>,
): Promise<void> {
  if (!(await mayEditPilot(asUser, pilot)))
    throw new UserFacingError(
      'no-permission',
      `You need permission to edit ${pilot.key} to file a request for it.`,
    );
}
