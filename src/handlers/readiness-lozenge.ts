/** Dynamic properties of the issue context: the score and band as a lozenge while collapsed. */
export async function readinessLozenge(): Promise<{ status: { type: 'lozenge'; value: { label: string } } }> {
  return { status: { type: 'lozenge', value: { label: 'Not computed yet' } } };
}
