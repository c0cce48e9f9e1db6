/**
 * Who may do what, checked on the server: a Jira admin (asked as the viewer), the deciders for waivers
 * and kill-list decisions (admins and the review board), and edit rights on a pilot.
 */
export { assertJiraAdmin, assertMayEditPilot, isJiraAdmin, mayEditPilot } from './jira-permissions';
export { assertDecider, decidersSentence, isDecider, knownDecider } from './governance-permission';
