/**
 * Who may do what, checked on the server: a Jira admin (asked as the viewer), a pilot's production
 * owner or an admin for waivers and kill-list decisions, and edit rights on a pilot.
 */
export { assertJiraAdmin, assertMayEditPilot, isJiraAdmin } from './jira-permissions';
export { isAdminOrProductionOwner, isDecider, knownAdminOrProductionOwner } from './governance-permission';
