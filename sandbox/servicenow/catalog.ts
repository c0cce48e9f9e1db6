/**
 * Concern: the Service Catalog's `POST /api/sn_sc/servicecatalog/items/{sys_id}/order_now`: an order
 * of an active catalog item creates a request (sc_request) and its requested item (sc_req_item),
 * both made by and for the ordering user, with the order's variables kept on the item.
 */
import type { SandboxResponse } from '../contracts';
import { type RecordStore, stringify } from './records';
import { ServiceNowError, json } from './responses';

export function orderNow(
  records: RecordStore,
  itemSysId: string,
  body: Record<string, unknown>,
  user: string,
): SandboxResponse {
  const item = records.find('sc_cat_item', itemSysId);
  if (!item || item.active !== 'true')
    throw new ServiceNowError(400, 'Invalid catalog item', `No active catalog item with sys_id ${itemSysId}`);
  const quantity = body.sysparm_quantity === undefined ? '1' : stringify(body.sysparm_quantity);
  if (!/^[1-9][0-9]*$/.test(quantity))
    throw new ServiceNowError(400, 'Invalid quantity', 'sysparm_quantity must be a positive integer');
  const variables = body.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables))
    throw new ServiceNowError(400, 'Invalid variables', 'variables must be an object');
  const requester = records.all('sys_user').find((u) => u.user_name === user)?.sys_id ?? '';
  const request = records.insert(
    'sc_request',
    {
      short_description: item.name,
      requested_for: requester,
      opened_by: requester,
      state: '1',
      request_state: 'requested',
      approval: 'requested',
      stage: 'requested',
    },
    user,
  );
  const ritm = records.insert(
    'sc_req_item',
    {
      request: request.sys_id,
      cat_item: item.sys_id,
      short_description: item.name,
      quantity,
      requested_for: requester,
      opened_by: requester,
      state: '1',
      approval: 'requested',
      stage: 'request_approved',
    },
    user,
  );
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(variables as Record<string, unknown>)) values[k] = stringify(v);
  records.setVariables(ritm.sys_id as string, values);
  return json(200, {
    result: {
      sys_id: request.sys_id,
      number: request.number,
      request_number: request.number,
      request_id: request.sys_id,
      table: 'sc_request',
    },
  });
}
