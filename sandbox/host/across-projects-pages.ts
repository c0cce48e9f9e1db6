/**
 * The host pages of the app's modules about no issue and no project (product.md §15 "Across projects"):
 * its global page (`jira:globalPage`, at `/jira/apps/pilot-pathway`, as Jira lists apps under Apps) and
 * a dashboard holding its gadget (`jira:dashboardGadget`, at `/jira/dashboards/{id}`), with the gadget's
 * edit view behind its Edit link (`?edit=1`). Saving the edit view (`view.submit`) brings the gadget
 * back in its view, as Jira does.
 */
import { SANDBOX_DASHBOARD, SANDBOX_GADGET } from './dashboards';
import { escapeHtml, layout, link, moduleFrame, type PageContext } from './pages';

function missingModule(ctx: PageContext, type: string): string {
  return layout(
    ctx,
    'Not found',
    `<div><p class="error">The app declares no ${escapeHtml(type)} module.</p></div>`,
    { single: true },
  );
}

export function renderGlobalPage(ctx: PageContext): string {
  const module = ctx.uiModules.find((candidate) => candidate.type === 'jira:globalPage');
  if (!module) return missingModule(ctx, 'jira:globalPage');
  const title = module.title ?? module.key;
  const body = `<div><h1>${escapeHtml(title)}</h1>${moduleFrame(ctx, module, { type: module.type }, `${module.key}-global`)}</div>`;
  return layout(ctx, title, body, { single: true });
}

export function renderDashboard(ctx: PageContext, options: { edit: boolean }): string {
  const module = ctx.uiModules.find((candidate) => candidate.type === 'jira:dashboardGadget');
  if (!module) return missingModule(ctx, 'jira:dashboardGadget');
  const title = module.title ?? module.key;
  const viewUrl = link(ctx, `/jira/dashboards/${SANDBOX_DASHBOARD.id}`);
  const extension = {
    type: module.type,
    dashboard: { id: SANDBOX_DASHBOARD.id },
    gadget: { id: SANDBOX_GADGET.id },
    ...(options.edit ? { entryPoint: 'edit' } : {}),
  };
  const localId = `${module.key}-${SANDBOX_GADGET.id}${options.edit ? '-edit' : ''}`;
  const action = options.edit
    ? `<a href="${escapeHtml(viewUrl)}">Close the settings</a>`
    : `<a href="${escapeHtml(link(ctx, `/jira/dashboards/${SANDBOX_DASHBOARD.id}`, { edit: '1' }))}">Edit ${escapeHtml(title)}</a>`;
  const body = `<div><h1>Dashboard: ${escapeHtml(SANDBOX_DASHBOARD.name)}</h1>
<section class="panel" aria-label="${escapeHtml(title)}"><h2>${escapeHtml(title)}${options.edit ? ' settings' : ''} <span class="muted">${action}</span></h2>
${moduleFrame(ctx, module, extension, localId)}</section></div>`;
  // Saved settings close the edit view: the gadget shows again with them.
  const script = `window.addEventListener('message', function (e) {
  if (e.data && e.data.type === 'forge-sandbox-submitted' && e.data.localId === ${JSON.stringify(localId)}) window.location.href = ${JSON.stringify(viewUrl)};
});`;
  return layout(ctx, `${SANDBOX_DASHBOARD.name} dashboard`, body, { single: true, script });
}
