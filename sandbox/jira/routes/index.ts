/** Every operation the emulator implements, by the operationId of Atlassian's OpenAPI description. */
import type { RouteTable } from '../context';
import { configurationRoutes } from './configuration';
import { fieldRoutes } from './fields';
import { issueDataRoutes } from './issue-data';
import { issueRoutes } from './issues';
import { linkRoutes } from './links';
import { notifyRoutes } from './notify';
import { peopleRoutes } from './people';
import { searchRoutes } from './search';
import { statusRoutes } from './statuses';
import { workflowRoutes } from './workflow';

export const ROUTES: RouteTable = {
  ...issueRoutes,
  ...searchRoutes,
  ...workflowRoutes,
  ...issueDataRoutes,
  ...linkRoutes,
  ...notifyRoutes,
  ...configurationRoutes,
  ...peopleRoutes,
  ...fieldRoutes,
  ...statusRoutes,
};
