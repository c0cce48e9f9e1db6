/** A record's page on the instance: what a person opens from the pilot's remote link or panel. */
export function recordUrl(instanceUrl: string, table: string, sysId: string): string {
  return `${instanceUrl}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`;
}
