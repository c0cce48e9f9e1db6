import { provisionSite } from '../services/provisioning';

/** avi:forge:installed:app: provision the AI Pilot issue type and the Data access link type. */
export async function onAppInstalled(): Promise<void> {
  await provisionSite(new Date());
}
