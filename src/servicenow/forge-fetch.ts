import { fetch } from '@forge/api';
import type { FetchFunction } from './client';

/** Forge's fetch, which the ServiceNow client calls through: the manifest's egress permissions apply (a blocked host answers 403). */
export const forgeFetch: FetchFunction = (url, init) => fetch(url, init);
