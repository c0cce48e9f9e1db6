/** The ServiceNow web trigger: a record changed on the customer's instance. */
export async function onServiceNowWebhook(_request: unknown): Promise<{ statusCode: number; body: string }> {
  return { statusCode: 501, body: JSON.stringify({ error: 'ServiceNow push is not enabled yet' }) };
}
