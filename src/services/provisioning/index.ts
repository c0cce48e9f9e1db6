/**
 * Making the site ready for AI pilots (the install, "Repair installation"): the AI Pilot issue type, the
 * Data access link type, each pilot project; and the stored provisioning every use case starts from.
 */
export { ensureProvisioned, projectProvisioning, provisionSite, refreshSiteTimeZone } from './provision-site';
