import { kvs } from '@forge/kvs';
import type { Provisioning } from '../domain/site-provisioning';
import { storageKeys } from './keys';

/** The site's default time zone as the app last read it from Jira (the daily job reads it again). */
export interface SiteTimeZoneReading {
  timeZone: string;
  readAt: string;
}

/**
 * What the install found or created on the site (see domain/site-provisioning.ts), with the site's
 * time zone as last read: one storage request for both.
 */
export async function readProvisioning(): Promise<Provisioning | undefined> {
  const { successfulKeys } = await kvs.batchGet<unknown>([
    { key: storageKeys.provisioning },
    { key: storageKeys.siteTimeZone },
  ]);
  const valueOf = (key: string) => successfulKeys.find((found) => found.key === key)?.value;
  const provisioning = valueOf(storageKeys.provisioning) as Provisioning | undefined;
  const zone = valueOf(storageKeys.siteTimeZone) as SiteTimeZoneReading | undefined;
  if (!provisioning) return undefined;
  return zone ? { ...provisioning, siteTimeZone: zone.timeZone } : provisioning;
}

export async function writeProvisioning(provisioning: Provisioning): Promise<void> {
  await kvs.set(storageKeys.provisioning, provisioning);
}

/**
 * Records the zone Jira answers now. Its own key, written whole: whoever writes last wrote what Jira
 * said last, so no read-modify-write of the provisioning is needed.
 */
export async function writeSiteTimeZone(reading: SiteTimeZoneReading): Promise<void> {
  await kvs.set(storageKeys.siteTimeZone, reading);
}
