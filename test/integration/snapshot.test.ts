/**
 * A saved sandbox restores into another one that answers like the original: the same issues, links,
 * storage, secrets and ServiceNow records, the same search answers and panel, the same clock; and
 * the two go on alike (a new pilot gets the same key and path in both, a ServiceNow change pushes to
 * the restoring sandbox, not to the saver's port). The control API saves and restores by name.
 */
import { rm } from 'node:fs/promises';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { loadSnapshot, readSnapshot, saveSnapshot, snapshotFile } from '../../sandbox/snapshot';
import { createPilot, jqlKeys, site } from '../support/jira-steps';
import { fingerprintDifferences, stateFingerprint } from '../support/state-fingerprint';

const PM = SANDBOX_USERS.projectManager.accountId;
const NAME = `snapshot-test-${process.pid}`;
const LAG_MS = 120_000;

let original: Sandbox;
let restored: Sandbox;
let file: string;

beforeAll(async () => {
  original = await createSandbox({ seed: 'demo', log: () => undefined });
  restored = await createSandbox({ seed: 'empty', log: () => undefined });
  file = snapshotFile(original.runtime.appDir, NAME);
  // Long enough that the index still lags behind the last write when the tests search.
  original.jira.setBehaviour?.({ searchLagMs: LAG_MS });
  // A pilot written a moment ago: the lagging index has not caught up with it when saved.
  await createPilot(original, 'Written just before saving');
  await saveSnapshot(original, file, { purpose: 'test' });
  await loadSnapshot(restored, file);
}, 120_000);

afterAll(async () => {
  await original?.close();
  await restored?.close();
  await rm(file, { force: true });
});

const panelOf = async (sandbox: Sandbox, key: string) => {
  const issue = (await sandbox.jiraAs(PM, 'GET', `/rest/api/3/issue/${key}?fields=issuetype,project`))
    .json as { id: string; key: string; fields: { issuetype: { id: string }; project: { id: string } } };
  return sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey: 'getPanel',
    payload: {},
    accountId: PM,
    extension: {
      type: 'jira:issuePanel',
      issue: { id: issue.id, key: issue.key, type: 'AI Pilot', typeId: issue.fields.issuetype.id },
      project: { id: issue.fields.project.id, key: 'AIP', type: 'software' },
    },
  });
};

describe('a sandbox restored from a snapshot', () => {
  it('holds what the original holds, its clock where the original’s was', async () => {
    // The one difference: the ServiceNow push's target, moved from the saver's port to this one's.
    expect(fingerprintDifferences(stateFingerprint(original), stateFingerprint(restored))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\$\\.servicenow\\.sys_properties\\.\\d+\\.value: "${original.url}/x1/servicenow-webhook" → "${restored.url}/x1/servicenow-webhook"$`,
        ),
      ),
    ]);
    expect(Math.abs(restored.clock.nowMs() - original.clock.nowMs())).toBeLessThan(60_000);
    const saved = await readSnapshot(file);
    expect(saved.meta).toEqual({ purpose: 'test' });
    expect(restored.jira.setBehaviour?.({})).toEqual(original.jira.setBehaviour?.({}));
  });

  it('answers searches and the panel as the original does, lagging index included', async () => {
    const queries = [
      'project = AIP ORDER BY key',
      'issuetype = "AI Pilot" ORDER BY key',
      'issue.property[pilot-pathway-origin].row = "data-access" ORDER BY key',
      'statusCategory = Done ORDER BY key',
    ];
    for (const jql of queries) {
      expect({ jql, keys: await jqlKeys(restored, jql) }).toEqual({
        jql,
        keys: await jqlKeys(original, jql),
      });
    }
    // The pilot written just before saving is not in the (restored) lagging index yet.
    const searched = await jqlKeys(restored, 'issuetype = "AI Pilot" ORDER BY key');
    const held = site(restored)
      .issues()
      .filter((issue) => issue.issueType === 'AI Pilot');
    expect(held.length).toBe(searched.length + 1);
    const pilots = original.demo?.pilots.map((pilot) => pilot.key) ?? [];
    expect(pilots.length).toBeGreaterThan(0);
    for (const key of pilots) expect(await panelOf(restored, key)).toEqual(await panelOf(original, key));
  });

  it('goes on as the original does: the next pilot gets the same key and the same path', async () => {
    const at = '2027-01-04T09:00:00.000Z';
    original.clock.set(at);
    restored.clock.set(at);
    const inOriginal = await createPilot(original, 'After the snapshot');
    const inRestored = await createPilot(restored, 'After the snapshot');
    expect(inRestored).toEqual(inOriginal);
    const path = (sandbox: Sandbox) =>
      jqlKeys(sandbox, `issue.property[pilot-pathway-origin].pilot = "${inOriginal.id}" ORDER BY key`);
    original.clock.advance(LAG_MS);
    restored.clock.advance(LAG_MS);
    expect(await path(restored)).toEqual(await path(original));
    expect((await path(restored)).length).toBeGreaterThan(5);
  });

  it('pushes a ServiceNow change to the restoring sandbox', async () => {
    const request = restored.servicenow.records('sc_req_item')[0];
    expect(request).toBeDefined();
    const { push } = await restored.servicenow.changeAsUser('sc_req_item', request?.sys_id as string, {
      state: '3',
    });
    expect(push?.status).toBe(200);
    expect(restored.servicenow.getPush().url.startsWith(`${restored.url}/`)).toBe(true);
  });
});

describe('the control API', () => {
  const control = async (sandbox: Sandbox, path: string, body?: unknown) => {
    const reply = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: reply.status, json: (await reply.json()) as Record<string, unknown> };
  };

  it('saves and restores by name, lists what it saved, and refuses bad names and unknown ones', async () => {
    const name = `${NAME}-control`;
    try {
      const saved = await control(restored, '/snapshot/save', { name });
      expect(saved.status).toBe(200);
      expect(saved.json['bytes']).toEqual(expect.any(Number));
      const listed = await control(restored, '/snapshot');
      expect(listed.json['snapshots']).toContainEqual({ name, bytes: saved.json['bytes'] });
      const before = stateFingerprint(restored);
      await createPilot(restored, 'Undone by the restore');
      expect(fingerprintDifferences(before, stateFingerprint(restored))).not.toEqual([]);
      expect((await control(restored, '/snapshot/restore', { name })).status).toBe(200);
      expect(fingerprintDifferences(before, stateFingerprint(restored))).toEqual([]);
      expect((await control(restored, '/snapshot/save', { name: '../outside' })).status).toBe(400);
      expect((await control(restored, '/snapshot/restore', { name: `${name}-missing` })).status).toBe(404);
    } finally {
      await rm(snapshotFile(restored.runtime.appDir, name), { force: true });
    }
  });
});
