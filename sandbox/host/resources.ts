/**
 * Serves the app's Custom UI resources (manifest `resources`, e.g. `app` → static/app/dist) under
 * `/__app/static/{resourceKey}/`, and injects into their index.html, before anything else, the
 * bridge configuration (module, acting user, issue context, theme) and the bridge script.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { SANDBOX_USERS } from '../contracts';
import { escapeHtml } from './pages';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export function resourceDir(
  appDir: string,
  resources: { key: string; path: string }[],
  key: string,
): string | undefined {
  const resource = resources.find((r) => r.key === key);
  return resource ? resolve(appDir, resource.path) : undefined;
}

export function resourceBuilt(
  appDir: string,
  resources: { key: string; path: string }[],
  key: string,
): boolean {
  const dir = resourceDir(appDir, resources, key);
  return !!dir && existsSync(join(dir, 'index.html'));
}

const KNOWN_ACCOUNTS = new Set<string>(Object.values(SANDBOX_USERS).map((u) => u.accountId));

export function serveResource(
  appDir: string,
  resources: { key: string; path: string }[],
  urlPath: string,
  query: URLSearchParams,
): StaticReply {
  const match = /^\/__app\/static\/([^/]+)(\/.*)?$/.exec(urlPath);
  const key = match ? decodeURIComponent(match[1] as string) : '';
  const dir = resourceDir(appDir, resources, key);
  if (!match || !dir)
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: `No resource ${key}` };
  if (!match[2])
    return {
      status: 301,
      headers: { location: `/__app/static/${encodeURIComponent(key)}/${query.size ? `?${query}` : ''}` },
      body: '',
    };
  const relative = decodeURIComponent(match[2]).replace(/^\/+/, '') || 'index.html';
  const file = normalize(join(dir, relative));
  if (file !== dir && !file.startsWith(dir + sep))
    return { status: 403, headers: { 'content-type': 'text/plain' }, body: 'Forbidden' };
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (relative === 'index.html') {
      return {
        status: 404,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html><p>The panel is not built yet: run <code>npm run build:static</code>.</p>',
      };
    }
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (relative !== 'index.html')
    return {
      status: 200,
      headers: { 'content-type': type, 'cache-control': 'no-cache' },
      body: readFileSync(file),
    };
  return {
    status: 200,
    headers: { 'content-type': type, 'cache-control': 'no-store' },
    body: injectBridge(readFileSync(file, 'utf8'), query),
  };
}

function injectBridge(html: string, query: URLSearchParams): string {
  let extension: unknown = {};
  try {
    extension = JSON.parse(query.get('extension') ?? '{}');
  } catch {
    extension = {};
  }
  const as = query.get('as') ?? '';
  const config = {
    moduleKey: query.get('moduleKey') ?? '',
    localId: query.get('localId') ?? query.get('moduleKey') ?? '',
    accountId: KNOWN_ACCOUNTS.has(as) ? as : SANDBOX_USERS.projectManager.accountId,
    theme: query.get('theme') === 'dark' ? 'dark' : 'light',
    extension,
  };
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const injected = `<script>window.__SANDBOX_FORGE__=${json};</script><script src="/__sandbox/host/bridge.js"></script>`;
  let out = html;
  // The theme attributes are on <html> from the first paint, as Jira's host sets them.
  const themeAttrs = ` data-color-mode="${escapeHtml(config.theme)}" data-theme="dark:dark light:light spacing:spacing typography:typography"`;
  out = /<html[^>]*>/i.test(out)
    ? out.replace(
        /<html([^>]*)>/i,
        (_m, attrs: string) =>
          `<html${attrs.replace(/\s(data-color-mode|data-theme)="[^"]*"/g, '')}${themeAttrs}>`,
      )
    : `<html${themeAttrs}>${out}`;
  if (/<head[^>]*>/i.test(out)) return out.replace(/<head([^>]*)>/i, (m) => `${m}${injected}`);
  return out.replace(/<html([^>]*)>/i, (m) => `${m}<head>${injected}</head>`);
}
