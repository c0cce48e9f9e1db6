/** avi:forge:installed:app: provision the site. */
export async function onAppInstalled(_event: unknown): Promise<void> {}
