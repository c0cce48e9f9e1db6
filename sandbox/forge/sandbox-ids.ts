/**
 * The one site, environment and installation the sandbox emulates: the ids Forge puts in the app's
 * context, its events and `__forge_runtime__`.
 */
import { randomUUID } from 'node:crypto';

export const SANDBOX_CLOUD_ID = '7e1c4a52-9b3d-4f6e-8a21-5c0d9e3b7f10';
/** The sandbox's environment id: the same one sandbox/jira puts in the custom fields' schema.custom. */
export const SANDBOX_ENVIRONMENT_ID = '3f1d5b9e-8c2a-4d7f-9e6b-0a1c2d3e4f50';
export const SANDBOX_INSTALLATION_ID = '3f9b2c1d-7a6e-4b5c-9d8e-1f2a3b4c5d6e';
export const INSTALL_CONTEXT = `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}`;

/** A fresh `contextToken`, as Forge puts in every event it delivers. */
export function newContextToken(): string {
  return `sandbox-context-token-${randomUUID()}`;
}
