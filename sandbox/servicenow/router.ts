/**
 * Concern: which endpoint answers an authenticated request, by path and method: the Table API
 * (after the write ACLs), a table's fields (`ui/meta`), the Service Catalog's order_now; any other
 * path answers 400 as ServiceNow does. The token endpoint is routed before authentication, by the instance.
 */
import type { SandboxResponse } from '../contracts';
import { checkWriteAcl } from './auth';
import { orderNow } from './catalog';
import { ServiceNowError, parseJsonObject } from './responses';
import { type AuthenticatedRequest, tableApi, tableMeta } from './table-api';

const TABLE_PATH = /^\/api\/now\/(?:v2\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/;
const META_PATH = /^\/api\/now\/ui\/meta\/([^/]+)\/?$/;
const ORDER_NOW_PATH = /^\/api\/sn_sc\/(?:v1\/)?servicecatalog\/items\/([^/]+)\/order_now\/?$/;

export function route(request: AuthenticatedRequest): SandboxResponse {
  const { method, url, user, records } = request;
  const table = TABLE_PATH.exec(url.pathname);
  if (table) {
    const def = records.definition(decodeURIComponent(table[1] as string));
    if (method !== 'GET') checkWriteAcl(user, method, def);
    return tableApi(request, def, table[2] ? decodeURIComponent(table[2]) : undefined);
  }
  const meta = META_PATH.exec(url.pathname);
  if (meta) return tableMeta(request, records.definition(decodeURIComponent(meta[1] as string)));
  const order = ORDER_NOW_PATH.exec(url.pathname);
  if (order) {
    if (method !== 'POST')
      throw new ServiceNowError(405, 'Method not Supported', `${method} is not supported on order_now`);
    checkWriteAcl(user, method, records.definition('sc_req_item'));
    return orderNow(records, decodeURIComponent(order[1] as string), parseJsonObject(request.body), user);
  }
  throw new ServiceNowError(
    400,
    'Requested URI does not represent any resource',
    `No resource at ${url.pathname}`,
  );
}
