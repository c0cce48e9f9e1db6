/** The people picker of the panel, the portfolio and the admin page: Jira users, searched as the viewer. */
export { findPeople } from './people';
