import { validate } from '@forge/manifest';
import { load } from 'js-yaml';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as app from '../src';

const root = path.resolve(__dirname, '..');
const manifestPath = path.join(root, 'manifest.yml');

interface FunctionModule {
  key: string;
  handler: string;
}
interface Manifest {
  app: { runtime: { name: string } };
  permissions: {
    scopes: string[];
    external?: { fetch?: Record<string, unknown[]> } & Record<string, unknown>;
  };
  modules: Record<string, Array<Record<string, unknown>>>;
  resources: Array<{ key: string; path: string }>;
}

const manifest = load(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
const modules = (type: string) => manifest.modules[type] ?? [];
const functions = modules('function') as unknown as FunctionModule[];

async function validationErrorsOf(manifestFile: string): Promise<string[]> {
  const result = await validate(false, manifestFile);
  return result.success ? [] : (result.errors ?? []).map((error) => error.message);
}

describe('manifest.yml', () => {
  it('passes the full offline validation of @forge/manifest', async () => {
    expect(await validationErrorsOf(manifestPath)).toEqual([]);
  });

  it('is validated with the @forge/manifest version the Forge CLI bundles (pinned)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    // @forge/cli 13.3.0 depends on @forge/manifest 13.3.0 exactly.
    expect(pkg.devDependencies['@forge/manifest']).toBe('13.3.0');
  });

  it('names only handlers that src/index.ts exports as functions', () => {
    const exported = app as unknown as Record<string, unknown>;
    for (const fn of functions) {
      const [file, name] = fn.handler.split('.');
      expect(file).toBe('index');
      expect({ key: fn.key, type: typeof exported[name ?? ''] }).toEqual({ key: fn.key, type: 'function' });
    }
  });

  it('references only functions that exist, and every function is used', () => {
    const functionKeys = new Set(functions.map((fn) => fn.key));
    const referenced = new Set<string>();
    for (const [type, list] of Object.entries(manifest.modules)) {
      if (type === 'function') continue;
      for (const module of list) {
        const resolver = module.resolver as { function?: string } | undefined;
        const dynamic = module.dynamicProperties as { function?: string } | undefined;
        for (const key of [module.function, resolver?.function, dynamic?.function]) {
          if (typeof key === 'string') referenced.add(key);
        }
      }
    }
    expect([...referenced].filter((key) => !functionKeys.has(key))).toEqual([]);
    expect([...functionKeys].filter((key) => !referenced.has(key))).toEqual([]);
  });

  it('runs on nodejs22.x and asks for the scopes it needs and no more', () => {
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect([...manifest.permissions.scopes].sort()).toEqual(
      [
        'manage:jira-configuration',
        'read:jira-user',
        'read:jira-work',
        'storage:app',
        'write:jira-work',
        'write:app-data:jira',
      ].sort(),
    );
  });

  it('writes egress as address or remote objects, the form CLI 13.3.0 expects (plain strings are deprecated)', () => {
    const { fetch = {}, ...others } = manifest.permissions.external ?? {};
    const entries = [...Object.values(fetch), ...Object.values(others)].flatMap((list) =>
      Array.isArray(list) ? list : [],
    );
    expect(entries.length).toBeGreaterThan(0);
    const isObjectForm = (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      (typeof (entry as { remote?: unknown }).remote === 'string' ||
        typeof (entry as { address?: unknown }).address === 'string');
    expect(entries.filter((entry) => !isObjectForm(entry))).toEqual([]);
  });

  it('declares the panel, context, project page, admin page, global page and gadget as Custom UI on one resource', () => {
    const customUi = [
      'jira:issuePanel',
      'jira:issueContext',
      'jira:projectPage',
      'jira:adminPage',
      'jira:globalPage',
      'jira:dashboardGadget',
    ];
    for (const type of customUi) {
      expect(modules(type)).toHaveLength(1);
      expect(modules(type)[0]).toMatchObject({ resource: 'app', resolver: { function: 'ui-resolver' } });
      expect(modules(type)[0]).not.toHaveProperty('render');
    }
    for (const type of ['jira:issuePanel', 'jira:issueContext']) {
      const condition = (modules(type)[0]?.displayConditions as { jiraExpression: string }).jiraExpression;
      expect(condition).toContain("'AI Pilot'");
      expect(condition).toContain('hierarchyLevel == 1');
    }
    // The gadget's edit view is the same resource: Forge tells the app which it shows (entryPoint).
    expect(modules('jira:dashboardGadget')[0]).toMatchObject({ edit: { resource: 'app' } });
    expect(manifest.resources).toEqual([{ key: 'app', path: 'static/app/dist' }]);
  });

  it('listens to the product events it handles, ignoring its own writes', () => {
    const events = modules('trigger').map((trigger) => ({
      events: trigger.events,
      ignoreSelf: (trigger.filter as { ignoreSelf?: boolean } | undefined)?.ignoreSelf ?? false,
    }));
    expect(events).toEqual([
      { events: ['avi:jira:created:issue', 'avi:jira:updated:issue'], ignoreSelf: true },
      { events: ['avi:jira:deleted:issue'], ignoreSelf: true },
      { events: ['avi:jira:created:issuelink', 'avi:jira:deleted:issuelink'], ignoreSelf: true },
      { events: ['avi:forge:installed:app'], ignoreSelf: false },
    ]);
    expect(modules('scheduledTrigger')).toEqual([
      expect.objectContaining({ interval: 'day' }),
      expect.objectContaining({ key: 'servicenow-poll-trigger', interval: 'fiveMinute' }),
    ]);
    expect(modules('webtrigger')).toHaveLength(1);
    expect(modules('consumer')).toEqual([expect.objectContaining({ queue: 'pilot-work' })]);
  });

  it('indexes pilot-readiness for JQL on the documented paths', () => {
    const property = modules('jira:entityProperty').find(
      (module) => module.propertyKey === 'pilot-readiness',
    );
    expect(property).toMatchObject({ entityType: 'issue', propertyKey: 'pilot-readiness' });
    expect(property?.values).toEqual([
      { path: 'score', type: 'number' },
      { path: 'band', type: 'string' },
      { path: 'graduated', type: 'string' },
      { path: 'reviewRequired', type: 'string' },
      { path: 'daysSinceDemo', type: 'number' },
      { path: 'valueReviewDue', type: 'string' },
      { path: 'valueReview.status', type: 'string' },
    ]);
  });

  it('indexes pilot-pathway-origin so one search finds every issue the app made for a pilot', () => {
    const property = modules('jira:entityProperty').find(
      (module) => module.propertyKey === 'pilot-pathway-origin',
    );
    expect(property?.values).toEqual([
      { path: 'pilot', type: 'string' },
      { path: 'row', type: 'string' },
      { path: 'review', type: 'string' },
    ]);
  });

  it('declares the custom fields of product.md §10, with a read-only Readiness number', () => {
    const fields = modules('jira:customField').map(({ name, type, readOnly }) => ({ name, type, readOnly }));
    expect(fields).toEqual([
      { name: 'Readiness', type: 'number', readOnly: true },
      { name: 'Production owner', type: 'user', readOnly: undefined },
      { name: 'Kickoff date', type: 'date', readOnly: undefined },
      { name: 'Demo sign-off date', type: 'date', readOnly: undefined },
    ]);
  });

  it('fails validation for a broken manifest (the validator really runs)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    fs.cpSync(path.join(root, 'src'), path.join(dir, 'src'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'static', 'app', 'dist'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'static', 'app', 'dist', 'index.html'), '<!doctype html>');
    const broken = fs.readFileSync(manifestPath, 'utf8').replace('nodejs22.x', 'nodejs12.x');
    fs.writeFileSync(path.join(dir, 'manifest.yml'), broken);
    const errors = await validationErrorsOf(path.join(dir, 'manifest.yml'));
    expect(errors.join('\n')).toMatch(/runtime/);
  });
});
