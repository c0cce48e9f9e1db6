import { kvs } from '@forge/kvs';
import { storageKeys } from './keys';

/** What the install found or created on the site: ids the app needs on every pilot. */
export interface Provisioning {
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
  provisionedAt: string;
}

export interface ProjectProvisioning {
  projectId: string;
  style: 'company-managed' | 'team-managed';
  aiPilotAvailable: boolean;
  subtaskIssueTypeId: string | null;
  /** For team-managed projects: what the project admin has to do by hand. */
  instructions: string[];
}

export async function readProvisioning(): Promise<Provisioning | undefined> {
  return kvs.get<Provisioning>(storageKeys.provisioning);
}

export async function writeProvisioning(provisioning: Provisioning): Promise<void> {
  await kvs.set(storageKeys.provisioning, provisioning);
}
