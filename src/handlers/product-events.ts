/** Product events: issue created/updated and issue link created/deleted. */
export async function onIssueChanged(_event: unknown): Promise<void> {}

export async function onIssueLinkChanged(_event: unknown): Promise<void> {}
