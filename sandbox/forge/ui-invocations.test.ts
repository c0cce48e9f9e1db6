/** What a UI module's dynamicProperties function receives: the documented payload, nothing more. */
import type { FunctionInvoker, Invocation } from './invoker';
import { parseManifest } from './manifest';
import { UiInvocations } from './ui-invocations';

const MANIFEST = `
modules:
  jira:issueContext:
    - key: lozenge-context
      resource: main
      resolver:
        function: resolver
      title: Readiness
      label: Readiness
      dynamicProperties:
        function: lozenge
  function:
    - key: resolver
      handler: index.resolver
    - key: lozenge
      handler: index.lozenge
resources:
  - key: main
    path: static
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
  runtime:
    name: nodejs22.x
`;

function recordingInvocations() {
  const calls: Invocation[] = [];
  const invoker = {
    call: async (invocation: Invocation) => {
      calls.push(invocation);
      return { status: { type: 'lozenge', value: { label: '42 · at risk', type: 'moved' } } };
    },
  } as unknown as FunctionInvoker;
  return { calls, ui: new UiInvocations(parseManifest(MANIFEST), invoker, () => 'http://localhost') };
}

test('dynamicProperties gets {extension} alone, for the viewer as principal: no frontend context', async () => {
  const { calls, ui } = recordingInvocations();
  const extension = {
    issue: { id: '10000', key: 'AIP-1', type: 'AI Pilot', typeId: '10005' },
    project: { id: '10000', key: 'AIP', type: 'software' },
  };
  await ui.invokeDynamicProperties({ moduleKey: 'lozenge-context', accountId: 'viewer-1', extension });
  expect(calls).toHaveLength(1);
  const [request, runtimeContext] = calls[0]?.args as [unknown, { principal?: unknown }];
  expect(request).toEqual({ extension: { type: 'jira:issueContext', ...extension } });
  expect(runtimeContext.principal).toEqual({ accountId: 'viewer-1' });
  expect(calls[0]).toMatchObject({ kind: 'dynamicProperties', functionKey: 'lozenge' });
});
