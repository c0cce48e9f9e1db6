import { kvs } from '@forge/kvs';
import type { Provisioning } from '../domain/site-provisioning';
import { storageKeys } from './keys';

/** What the install found or created on the site (see domain/site-provisioning.ts). */
export async function readProvisioning(): Promise<Provisioning | undefined> {
  return kvs.get<Provisioning>(storageKeys.provisioning);
}

export async function writeProvisioning(provisioning: Provisioning): Promise<void> {
  await kvs.set(storageKeys.provisioning, provisioning);
}
