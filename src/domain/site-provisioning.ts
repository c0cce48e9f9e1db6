/**
 * What the install found or created on the Jira site (stored by src/storage/provisioning.ts): the ids
 * the app needs on every pilot, and the rules that read them.
 */
import { DEFAULT_SITE_TIME_ZONE } from './site-dates';

export interface Provisioning {
  /** The global (company-managed) AI Pilot issue type. */
  aiPilotIssueTypeId: string;
  dataAccessLinkType: { id: string; name: string };
  reviewLinkTypeName: string;
  fields: {
    readiness: string | null;
    productionOwner: string | null;
    kickoffDate: string | null;
    demoSignOffDate: string | null;
  };
  projects: Record<string, ProjectProvisioning>;
  /**
   * The site's default time zone (what the app's own account sees, product.md §2): timestamps become
   * calendar dates in it. Absent in provisioning stored before it was recorded: UTC.
   */
  siteTimeZone?: string;
  provisionedAt: string;
}

export interface ProjectProvisioning {
  projectId: string;
  style: 'company-managed' | 'team-managed';
  aiPilotAvailable: boolean;
  /**
   * The project's AI Pilot issue type: the global one in a company-managed project, the project's own
   * (project-scoped) type in a team-managed one; null while it has none.
   */
  aiPilotIssueTypeId?: string | null;
  subtaskIssueTypeId: string | null;
  /** For team-managed projects: what the project admin has to do by hand. */
  instructions: string[];
}

/** Every issue type that is an AI Pilot on this site: the global type and each project's own. */
export function pilotIssueTypeIds(provisioning: Provisioning): string[] {
  const projectTypes = Object.values(provisioning.projects)
    .map((project) => project.aiPilotIssueTypeId)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set([provisioning.aiPilotIssueTypeId, ...projectTypes])];
}

/** Is an issue of this type (id) an AI Pilot, in whichever project it lives? */
export function isPilotIssueType(provisioning: Provisioning, issueTypeId: string | undefined): boolean {
  return issueTypeId !== undefined && pilotIssueTypeIds(provisioning).includes(issueTypeId);
}

/** The site's time zone for calendar dates (product.md §2). */
export function siteTimeZone(provisioning: Pick<Provisioning, 'siteTimeZone'>): string {
  return provisioning.siteTimeZone ?? DEFAULT_SITE_TIME_ZONE;
}
