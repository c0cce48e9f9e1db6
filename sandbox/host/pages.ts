/**
 * The host pages: a plain index of projects and issues with a create form, an issue view that
 * looks like Jira's (fields, sub-tasks and linked issues with their transitions, web links, the
 * app's panels in iframes), and the admin and project pages that embed the app's Custom UI.
 * Everything the pages show is read through the emulated Jira REST API as the acting user, and
 * every change is made through it, so the product events fire as in Jira.
 */
import { SANDBOX_USERS } from '../contracts';
import type { ManifestUiModule } from '../forge/manifest';
import { SANDBOX_DASHBOARD } from './dashboards';

export interface JiraReply {
  status: number;
  json: unknown;
}

export type JiraAs = (accountId: string, method: string, path: string, body?: unknown) => Promise<JiraReply>;

export interface PageContext {
  jira: JiraAs;
  accountId: string;
  theme: 'light' | 'dark';
  uiModules: ManifestUiModule[];
  /** Runs a UI module's dynamicProperties function (the issueContext lozenge). */
  dynamicProperties(moduleKey: string, extension: Record<string, unknown>): Promise<unknown>;
  /** `resource key` → whether its index.html exists. */
  resourceBuilt(resourceKey: string): boolean;
}

type Json = Record<string, unknown>;

/** An absolute http(s) URL, or null for any other scheme (`javascript:`, `data:`, ...) or garbage. */
export function webAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const USERS = Object.values(SANDBOX_USERS);

function userName(accountId: string): string {
  return USERS.find((u) => u.accountId === accountId)?.displayName ?? accountId;
}

/** Keeps `as` and `theme` on links so the acting user and theme stick while browsing. */
export function link(ctx: PageContext, path: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...extra });
  if (ctx.accountId !== SANDBOX_USERS.projectManager.accountId) params.set('as', ctx.accountId);
  if (ctx.theme === 'dark') params.set('theme', 'dark');
  const query = params.toString();
  return `${path}${query ? `?${query}` : ''}`;
}

const STYLE = `
:root { color-scheme: light; --bg: #fff; --fg: #172B4D; --muted: #626F86; --line: #DCDFE4; --accent: #0C66E4; --panel: #F7F8F9; }
html[data-color-mode="dark"] { color-scheme: dark; --bg: #1D2125; --fg: #B6C2CF; --muted: #8C9BAB; --line: #38414A; --accent: #579DFF; --panel: #22272B; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
header { display: flex; gap: 16px; align-items: center; padding: 8px 16px; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 600; }
header nav { display: flex; gap: 12px; flex: 1; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 24px; padding: 16px 24px; }
main.single { grid-template-columns: minmax(0, 1fr); }
@media (max-width: 720px) { header { flex-wrap: wrap; } main { grid-template-columns: minmax(0, 1fr); padding: 12px; } }
a { color: var(--accent); }
a:focus, button:focus, select:focus, input:focus { outline: 2px solid var(--accent); outline-offset: 2px; }
h1 { font-size: 24px; margin: 4px 0 12px; }
h2 { font-size: 16px; margin: 20px 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
dl { display: grid; grid-template-columns: 160px 1fr; gap: 4px 12px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; }
.lozenge { display: inline-block; padding: 0 4px; border-radius: 3px; font-size: 11px; font-weight: 700; text-transform: uppercase; background: var(--line); }
.lozenge.new { background: #DFE1E6; color: #42526E; }
.lozenge.indeterminate { background: #DEEBFF; color: #0747A6; }
.lozenge.done { background: #E3FCEF; color: #006644; }
.panel { border: 1px solid var(--line); border-radius: 4px; padding: 8px; background: var(--panel); margin-bottom: 16px; }
.panel h2 { margin-top: 0; }
iframe { width: 100%; border: 0; min-height: 120px; display: block; background: transparent; }
.error { border: 1px solid #E34935; color: #AE2E24; padding: 8px; border-radius: 4px; }
.muted { color: var(--muted); }
form.inline { display: inline-flex; gap: 4px; }
label { display: block; margin: 6px 0 2px; }
.breadcrumbs { color: var(--muted); }
`;

export function layout(
  ctx: PageContext,
  title: string,
  body: string,
  options: { single?: boolean; script?: string } = {},
): string {
  const switcher = USERS.filter((u) => u.active)
    .map(
      (u) =>
        `<option value="${escapeHtml(u.accountId)}"${u.accountId === ctx.accountId ? ' selected' : ''}>${escapeHtml(u.displayName)}</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en" data-color-mode="${ctx.theme}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Jira (sandbox)</title><style>${STYLE}</style></head>
<body>
<header>
  <span class="brand">Jira <span class="muted">sandbox</span></span>
  <nav aria-label="Main">
    <a href="${link(ctx, '/')}">Projects</a>
    <a href="${link(ctx, '/projects/AIP/pilot-pathway')}">Pilot Pathway (AIP)</a>
    <a href="${link(ctx, '/jira/apps/pilot-pathway')}">Pilot Pathway (all projects)</a>
    <a href="${link(ctx, `/jira/dashboards/${SANDBOX_DASHBOARD.id}`)}">Dashboard</a>
    <a href="${link(ctx, '/admin/pilot-pathway')}">Pilot Pathway admin</a>
  </nav>
  <form method="get" class="inline" aria-label="Acting user">
    <label for="as" class="muted" style="margin:0">Acting as</label>
    <select id="as" name="as">${switcher}</select>
    ${ctx.theme === 'dark' ? '<input type="hidden" name="theme" value="dark">' : ''}
    <button type="submit">Switch</button>
  </form>
  <a href="${escapeHtml(themeToggle(ctx))}">${ctx.theme === 'dark' ? 'Light theme' : 'Dark theme'}</a>
</header>
<main class="${options.single ? 'single' : ''}">
${body}
</main>
<script>
window.addEventListener('message', function (e) {
  if (!e.data || e.data.type !== 'forge-sandbox-resize') return;
  document.querySelectorAll('iframe[data-local-id]').forEach(function (f) {
    if (f.getAttribute('data-local-id') === e.data.localId) f.style.height = Math.max(120, e.data.height) + 'px';
  });
});
</script>${options.script ? `\n<script>${options.script}</script>` : ''}
</body></html>`;
}

function themeToggle(ctx: PageContext): string {
  return `?${new URLSearchParams({ ...(ctx.accountId !== SANDBOX_USERS.projectManager.accountId ? { as: ctx.accountId } : {}), theme: ctx.theme === 'dark' ? 'light' : 'dark' })}`;
}

function statusLozenge(status: Json | undefined): string {
  const category = ((status?.statusCategory as Json | undefined)?.key as string | undefined) ?? 'new';
  return `<span class="lozenge ${escapeHtml(category)}">${escapeHtml(status?.name ?? 'Unknown')}</span>`;
}

function jiraError(reply: JiraReply): string {
  const body = reply.json as { errorMessages?: string[]; errors?: Record<string, string> } | undefined;
  const messages = [
    ...(body?.errorMessages ?? []),
    ...Object.entries(body?.errors ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  return messages.length ? messages.join('; ') : `Jira answered ${reply.status}`;
}

/** The panel iframe of a UI module, or the "not built yet" notice. */
export function moduleFrame(
  ctx: PageContext,
  module: ManifestUiModule,
  extension: Record<string, unknown>,
  localId: string,
): string {
  const resource = module.resource ?? '';
  if (!ctx.resourceBuilt(resource)) {
    return `<p class="muted" role="note">The panel is not built yet: run <code>npm run build:static</code>.</p>`;
  }
  const params = new URLSearchParams({
    moduleKey: module.key,
    localId,
    extension: JSON.stringify(extension),
    as: ctx.accountId,
    theme: ctx.theme,
  });
  return `<iframe title="${escapeHtml(module.title ?? module.key)}" data-module-key="${escapeHtml(module.key)}" data-local-id="${escapeHtml(localId)}" src="/__app/static/${encodeURIComponent(resource)}/?${escapeHtml(params.toString())}"></iframe>`;
}

// ------------------------------------------------------------------ index

interface ProjectSummary {
  id: string;
  key: string;
  name: string;
  issueTypes: { id: string; name: string; subtask?: boolean; hierarchyLevel?: number }[];
  issues: Json[];
  error?: string;
}

async function loadProjects(ctx: PageContext): Promise<{ projects: ProjectSummary[]; error?: string }> {
  const reply = await ctx.jira(ctx.accountId, 'GET', '/rest/api/3/project/search?maxResults=50');
  if (reply.status !== 200) return { projects: [], error: jiraError(reply) };
  const values = ((reply.json as Json).values ?? []) as Json[];
  const projects: ProjectSummary[] = [];
  for (const p of values) {
    const key = String(p.key);
    const project = await ctx.jira(ctx.accountId, 'GET', `/rest/api/3/project/${encodeURIComponent(key)}`);
    const issueTypes =
      project.status === 200
        ? (((project.json as Json).issueTypes ?? []) as ProjectSummary['issueTypes'])
        : [];
    const search = await ctx.jira(ctx.accountId, 'POST', '/rest/api/3/search/jql', {
      jql: `project = "${key}"`,
      fields: ['summary', 'issuetype', 'status', 'parent'],
      maxResults: 100,
    });
    const issues = search.status === 200 ? (((search.json as Json).issues ?? []) as Json[]) : [];
    issues.sort((a, b) => Number(a.id) - Number(b.id));
    projects.push({
      id: String(p.id),
      key,
      name: String(p.name),
      issueTypes,
      issues,
      ...(search.status === 200 ? {} : { error: jiraError(search) }),
    });
  }
  return { projects };
}

export async function renderIndex(ctx: PageContext, notice?: { error?: string }): Promise<string> {
  const { projects, error } = await loadProjects(ctx);
  const sections = projects
    .map((p) => {
      const rows = p.issues
        .map((issue) => {
          const f = (issue.fields ?? {}) as Json;
          const parent = f.parent as Json | undefined;
          return `<tr><td><a href="${link(ctx, `/browse/${escapeHtml(issue.key)}`)}">${escapeHtml(issue.key)}</a></td><td>${escapeHtml((f.issuetype as Json | undefined)?.name)}</td><td>${escapeHtml(f.summary)}</td><td>${statusLozenge(f.status as Json)}</td><td>${parent ? `<a href="${link(ctx, `/browse/${escapeHtml(parent.key)}`)}">${escapeHtml(parent.key)}</a>` : ''}</td></tr>`;
        })
        .join('');
      return `<section aria-labelledby="p-${escapeHtml(p.key)}">
<h2 id="p-${escapeHtml(p.key)}">${escapeHtml(p.name)} (${escapeHtml(p.key)}) <a class="muted" href="${link(ctx, `/projects/${escapeHtml(p.key)}/pilot-pathway`)}">Pilot Pathway</a></h2>
${p.error ? `<p class="error">${escapeHtml(p.error)}</p>` : ''}
${p.issues.length ? `<table><thead><tr><th>Key</th><th>Type</th><th>Summary</th><th>Status</th><th>Parent</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">No issues.</p>'}
</section>`;
    })
    .join('');
  const form = `<section aria-labelledby="create">
<h2 id="create">Create an issue</h2>
${notice?.error ? `<p class="error" role="alert">${escapeHtml(notice.error)}</p>` : ''}
<form method="post" action="${link(ctx, '/__sandbox/host/create-issue')}">
  <label for="project">Project</label>
  <select id="project" name="project">${projects.map((p) => `<option value="${escapeHtml(p.key)}">${escapeHtml(p.name)} (${escapeHtml(p.key)})</option>`).join('')}</select>
  <label for="issuetype">Issue type</label>
  <select id="issuetype" name="issuetype">${projects
    .map(
      (p) =>
        `<optgroup label="${escapeHtml(p.key)}">${p.issueTypes
          .map(
            (t) =>
              `<option value="${escapeHtml(t.name)}"${t.name === 'AI Pilot' && p.key === 'AIP' ? ' selected' : ''}>${escapeHtml(t.name)}</option>`,
          )
          .join('')}</optgroup>`,
    )
    .join('')}</select>
  <label for="summary">Summary</label>
  <input id="summary" name="summary" required size="40">
  <label for="parent">Parent (issue key, optional)</label>
  <input id="parent" name="parent" size="12" placeholder="AIP-1">
  <p><button type="submit">Create</button> <span class="muted">as ${escapeHtml(userName(ctx.accountId))}</span></p>
</form>
</section>`;
  const body = `<div><h1>Projects</h1>${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}${sections}</div><aside>${form}</aside>`;
  return layout(ctx, 'Projects', body);
}

/** The index form: creates the issue through the REST API as the acting user. */
export async function createIssueFromForm(
  ctx: PageContext,
  form: URLSearchParams,
): Promise<{ key?: string; error?: string }> {
  const project = form.get('project') ?? '';
  const summary = (form.get('summary') ?? '').trim();
  const typeName = form.get('issuetype') ?? '';
  const parent = (form.get('parent') ?? '').trim();
  const projectReply = await ctx.jira(
    ctx.accountId,
    'GET',
    `/rest/api/3/project/${encodeURIComponent(project)}`,
  );
  const types =
    projectReply.status === 200
      ? (((projectReply.json as Json).issueTypes ?? []) as { id: string; name: string }[])
      : [];
  const type = types.find((t) => t.name === typeName);
  const fields: Json = {
    project: { key: project },
    summary,
    issuetype: type ? { id: type.id } : { name: typeName },
    ...(parent ? { parent: { key: parent } } : {}),
  };
  const reply = await ctx.jira(ctx.accountId, 'POST', '/rest/api/3/issue', { fields });
  if (reply.status !== 201) return { error: jiraError(reply) };
  return { key: String((reply.json as Json).key) };
}

// ------------------------------------------------------------------ issue view

function renderValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(renderValue).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const v = value as Json;
    if (v.type === 'doc') return escapeHtml(adfText(v));
    for (const key of ['displayName', 'name', 'value', 'key'])
      if (typeof v[key] === 'string') return escapeHtml(v[key]);
    return `<code>${escapeHtml(JSON.stringify(v))}</code>`;
  }
  return escapeHtml(value);
}

function adfText(node: Json): string {
  if (typeof node.text === 'string') return node.text;
  const children = (node.content ?? []) as Json[];
  return children.map(adfText).join(node.type === 'doc' ? '\n' : '');
}

const SHOWN_ELSEWHERE = new Set([
  'summary',
  'description',
  'subtasks',
  'issuelinks',
  'status',
  'project',
  'attachment',
  'comment',
  'worklog',
  'watches',
  'votes',
  'lastViewed',
  'timetracking',
  'thumbnail',
  'issuerestriction',
  'statuscategorychangedate',
  'aggregateprogress',
  'progress',
  'workratio',
]);

/** A tiny evaluator for the displayConditions jiraExpressions the manifest uses. */
export function displayConditionHolds(
  expression: string | undefined,
  issueType: { name?: string; hierarchyLevel?: number },
): boolean {
  if (!expression) return true;
  return expression.split('||').some((alternative) =>
    alternative.split('&&').every((term) => {
      const t = term.trim().replace(/^\(|\)$/g, '');
      const name = /^issue\.issueType\.name\s*==\s*['"](.+)['"]$/.exec(t);
      if (name) return issueType.name === name[1];
      const level = /^issue\.issueType\.hierarchyLevel\s*==\s*(-?\d+)$/.exec(t);
      if (level) return issueType.hierarchyLevel === Number(level[1]);
      return true; // an expression the sandbox does not evaluate shows the module
    }),
  );
}

export async function renderIssue(ctx: PageContext, key: string): Promise<{ status: number; html: string }> {
  const reply = await ctx.jira(
    ctx.accountId,
    'GET',
    `/rest/api/3/issue/${encodeURIComponent(key)}?expand=names`,
  );
  if (reply.status !== 200) {
    return {
      status: reply.status,
      html: layout(
        ctx,
        key,
        `<div><h1>${escapeHtml(key)}</h1><p class="error" role="alert">${escapeHtml(jiraError(reply))}</p></div>`,
        { single: true },
      ),
    };
  }
  const issue = reply.json as Json;
  const fields = (issue.fields ?? {}) as Json;
  const names = (issue.names ?? {}) as Record<string, string>;
  const issueType = (fields.issuetype ?? {}) as {
    id?: string;
    name?: string;
    hierarchyLevel?: number;
    subtask?: boolean;
  };
  const project = (fields.project ?? {}) as { id?: string; key?: string; projectTypeKey?: string };

  const details = Object.entries(fields)
    .filter(([id, v]) => !SHOWN_ELSEWHERE.has(id) && renderValue(v) !== '')
    .map(([id, v]) => `<dt>${escapeHtml(names[id] ?? id)}</dt><dd>${renderValue(v)}</dd>`)
    .join('');

  const subtasks = ((fields.subtasks ?? []) as Json[]).sort((a, b) => Number(a.id) - Number(b.id));
  const subtaskRows: string[] = [];
  for (const sub of subtasks) {
    const f = (sub.fields ?? {}) as Json;
    subtaskRows.push(
      `<tr><td><a href="${link(ctx, `/browse/${escapeHtml(sub.key)}`)}">${escapeHtml(sub.key)}</a></td><td>${escapeHtml(f.summary)}</td><td>${statusLozenge(f.status as Json)}</td><td>${await transitionControl(ctx, String(sub.key), key)}</td></tr>`,
    );
  }

  // The pilot's review tickets and data-access tickets are linked issues: they move from here too.
  const linkItems: string[] = [];
  for (const l of (fields.issuelinks ?? []) as Json[]) {
    const type = (l.type ?? {}) as Json;
    const other = (l.outwardIssue ?? l.inwardIssue) as Json | undefined;
    const verb = l.outwardIssue ? type.outward : type.inward;
    if (!other) continue;
    const of = (other.fields ?? {}) as Json;
    linkItems.push(
      `<li>${escapeHtml(verb)} <a href="${link(ctx, `/browse/${escapeHtml(other.key)}`)}">${escapeHtml(other.key)}</a> ${escapeHtml(of.summary)} ${of.status ? statusLozenge(of.status as Json) : ''} ${await transitionControl(ctx, String(other.key), key)}</li>`,
    );
  }
  const links = linkItems.join('');

  const remote = await ctx.jira(
    ctx.accountId,
    'GET',
    `/rest/api/3/issue/${encodeURIComponent(key)}/remotelink`,
  );
  const remoteLinks = remote.status === 200 && Array.isArray(remote.json) ? (remote.json as Json[]) : [];
  const remoteItems = remoteLinks
    .map((r) => {
      const o = (r.object ?? {}) as Json;
      const resolved = ((o.status as Json | undefined)?.resolved as boolean | undefined) === true;
      const title = escapeHtml(o.title ?? o.url);
      const address = webAddress(o.url);
      // Remote links are issue data anyone who can edit the issue writes: only web addresses link.
      const anchor = address
        ? `<a href="${escapeHtml(address)}" rel="noopener noreferrer" target="_blank">${title}</a>`
        : `<span class="unopened-link">${title}</span> <span class="muted">(not linked: only http and https addresses open)</span>`;
      return `<li>${anchor} ${escapeHtml(o.summary ?? '')}${resolved ? ' <span class="lozenge done">resolved</span>' : ''}</li>`;
    })
    .join('');

  let children = '';
  if ((issueType.hierarchyLevel ?? 0) >= 1) {
    const search = await ctx.jira(ctx.accountId, 'POST', '/rest/api/3/search/jql', {
      jql: `parent = ${key}`,
      fields: ['summary', 'status', 'issuetype'],
      maxResults: 100,
    });
    const issues = search.status === 200 ? (((search.json as Json).issues ?? []) as Json[]) : [];
    children = `<h2>Child issues</h2>${
      issues.length
        ? `<ul>${issues
            .map((c) => {
              const f = (c.fields ?? {}) as Json;
              return `<li><a href="${link(ctx, `/browse/${escapeHtml(c.key)}`)}">${escapeHtml(c.key)}</a> ${escapeHtml((f.issuetype as Json | undefined)?.name)}: ${escapeHtml(f.summary)} ${statusLozenge(f.status as Json)}</li>`;
            })
            .join('')}</ul>`
        : '<p class="muted">No child issues.</p>'
    }`;
  }

  const extension = {
    issue: { id: String(issue.id), key: String(issue.key), type: issueType.name, typeId: issueType.id },
    project: { id: String(project.id), key: String(project.key), type: project.projectTypeKey ?? 'software' },
  };
  const visible = (m: ManifestUiModule) =>
    displayConditionHolds(
      (m.displayConditions as { jiraExpression?: string } | undefined)?.jiraExpression,
      issueType,
    );
  const contextModules = ctx.uiModules.filter((m) => m.type === 'jira:issueContext' && visible(m));
  const panelModules = ctx.uiModules.filter((m) => m.type === 'jira:issuePanel' && visible(m));

  const contextPanels: string[] = [];
  for (const m of contextModules) {
    let lozenge = '';
    try {
      const props = (await ctx.dynamicProperties(m.key, { type: m.type, ...extension })) as
        { status?: { value?: { label?: string } } } | undefined;
      if (props?.status?.value?.label)
        lozenge = ` <span class="lozenge">${escapeHtml(props.status.value.label)}</span>`;
    } catch {
      lozenge = ' <span class="lozenge">error</span>';
    }
    contextPanels.push(
      `<section class="panel" aria-label="${escapeHtml(m.title ?? m.key)}"><h2>${escapeHtml(m.label ?? m.title ?? m.key)}${lozenge}</h2>${moduleFrame(ctx, m, { type: m.type, ...extension }, `${m.key}-${issue.id}`)}</section>`,
    );
  }
  const panels = panelModules
    .map(
      (m) =>
        `<section class="panel" aria-label="${escapeHtml(m.title ?? m.key)}"><h2>${escapeHtml(m.title ?? m.key)}</h2>${moduleFrame(ctx, m, { type: m.type, ...extension }, `${m.key}-${issue.id}`)}</section>`,
    )
    .join('');

  const parent = fields.parent as Json | undefined;
  const main = `<article aria-labelledby="summary">
<p class="breadcrumbs"><a href="${link(ctx, '/')}">Projects</a> / ${escapeHtml(project.key)}${parent ? ` / <a href="${link(ctx, `/browse/${escapeHtml(parent.key)}`)}">${escapeHtml(parent.key)}</a>` : ''} / ${escapeHtml(issue.key)}</p>
<h1 id="summary">${escapeHtml(fields.summary)}</h1>
<p><span class="muted">${escapeHtml(issueType.name)}</span> ${statusLozenge(fields.status as Json)}</p>
${fields.description ? `<h2>Description</h2><p style="white-space:pre-wrap">${renderValue(fields.description)}</p>` : ''}
${panels}
<h2>Sub-tasks</h2>
${subtaskRows.length ? `<table><thead><tr><th>Key</th><th>Summary</th><th>Status</th><th>Transition</th></tr></thead><tbody>${subtaskRows.join('')}</tbody></table>` : '<p class="muted">No sub-tasks.</p>'}
${children}
<h2>Linked issues</h2>${links ? `<ul>${links}</ul>` : '<p class="muted">No linked issues.</p>'}
<h2>Web links</h2>${remoteItems ? `<ul>${remoteItems}</ul>` : '<p class="muted">No web links.</p>'}
</article>`;
  const aside = `<aside>${contextPanels.join('')}<section class="panel" aria-label="Details"><h2>Details</h2><dl>${details}</dl></section></aside>`;
  return { status: 200, html: layout(ctx, `${issue.key} ${fields.summary}`, main + aside) };
}

interface TransitionOption {
  id: string;
  name: string;
  to?: { name?: string };
  fields?: { resolution?: { allowedValues?: { id: string; name: string }[] } };
}

async function transitionsOf(ctx: PageContext, issueKey: string): Promise<TransitionOption[]> {
  const reply = await ctx.jira(
    ctx.accountId,
    'GET',
    `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions?expand=transitions.fields`,
  );
  return reply.status === 200 ? (((reply.json as Json).transitions ?? []) as TransitionOption[]) : [];
}

/**
 * A form that moves an issue through one of its transitions as the acting user, with the
 * resolution to set where a transition's screen offers one (a review approved, declined, ...).
 */
async function transitionControl(ctx: PageContext, issueKey: string, back: string): Promise<string> {
  const options = await transitionsOf(ctx, issueKey);
  if (options.length === 0) return '';
  const id = escapeHtml(issueKey);
  const resolutions = new Map<string, string>();
  for (const option of options)
    for (const value of option.fields?.resolution?.allowedValues ?? []) resolutions.set(value.id, value.name);
  const resolutionSelect =
    resolutions.size > 0
      ? `<label class="muted" for="r-${id}" style="margin:0">resolution</label>
<select id="r-${id}" name="resolution"><option value="">(workflow default)</option>${[...resolutions]
          .map(([value, name]) => `<option value="${escapeHtml(value)}">${escapeHtml(name)}</option>`)
          .join('')}</select>`
      : '';
  return `<form method="post" class="inline" action="${link(ctx, '/__sandbox/host/transition')}">
<input type="hidden" name="issue" value="${id}"><input type="hidden" name="back" value="${escapeHtml(back)}">
<label class="muted" for="t-${id}" style="margin:0">Move ${id} to</label>
<select id="t-${id}" name="transition">${options.map((t) => `<option value="${escapeHtml(t.id)}">${escapeHtml(t.name)}${t.to?.name && t.to.name !== t.name ? ` (${escapeHtml(t.to.name)})` : ''}</option>`).join('')}</select>
${resolutionSelect}<button type="submit">Move</button></form>`;
}

/** The transition form: the resolution goes along only when the chosen transition's screen has it. */
export async function transitionFromForm(
  ctx: PageContext,
  form: URLSearchParams,
): Promise<{ error?: string }> {
  const key = form.get('issue') ?? '';
  const transitionId = form.get('transition') ?? '';
  const resolution = form.get('resolution') ?? '';
  const chosen = (await transitionsOf(ctx, key)).find((t) => t.id === transitionId);
  const offersResolution = chosen?.fields?.resolution !== undefined;
  const reply = await ctx.jira(
    ctx.accountId,
    'POST',
    `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`,
    {
      transition: { id: transitionId },
      ...(resolution && offersResolution ? { fields: { resolution: { id: resolution } } } : {}),
    },
  );
  if (reply.status !== 204) return { error: jiraError(reply) };
  return {};
}

// ------------------------------------------------------------------ admin and project pages

export function renderAppPage(
  ctx: PageContext,
  moduleType: 'jira:adminPage' | 'jira:projectPage',
  project?: { id: string; key: string; type?: string },
): string {
  const module = ctx.uiModules.find((m) => m.type === moduleType);
  if (!module)
    return layout(
      ctx,
      'Not found',
      `<div><p class="error">The app declares no ${escapeHtml(moduleType)} module.</p></div>`,
      { single: true },
    );
  const extension = { type: moduleType, ...(project ? { project } : {}) };
  const title = `${module.title ?? module.key}${project ? ` - ${project.key}` : ''}`;
  const body = `<div><h1>${escapeHtml(title)}</h1>${moduleFrame(ctx, module, extension, `${module.key}${project ? `-${project.id}` : ''}`)}</div>`;
  return layout(ctx, title, body, { single: true });
}

export async function projectFor(
  ctx: PageContext,
  projectKey: string,
): Promise<{ id: string; key: string; type?: string } | undefined> {
  const reply = await ctx.jira(ctx.accountId, 'GET', `/rest/api/3/project/${encodeURIComponent(projectKey)}`);
  if (reply.status !== 200) return undefined;
  const p = reply.json as Json;
  return { id: String(p.id), key: String(p.key), type: String(p.projectTypeKey ?? 'software') };
}

export function renderNotFound(ctx: PageContext, message: string): string {
  return layout(
    ctx,
    'Not found',
    `<div><h1>Not found</h1><p class="error">${escapeHtml(message)}</p></div>`,
    { single: true },
  );
}
