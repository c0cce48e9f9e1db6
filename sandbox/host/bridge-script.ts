/**
 * The script injected at the top of a Custom UI resource's index.html, before the app's own
 * scripts: @forge/bridge reads `globalThis.__bridge.callBridge` when its modules load
 * (node_modules/@forge/bridge/out/bridge.js `getCallBridge`). It answers the bridge calls the way
 * Jira's host does: `invoke`, `getContext` and `fetchProduct` go to the sandbox server
 * (`POST /__sandbox/bridge/{name}`), which runs the resolver through the Forge runtime; theming,
 * events, flags, navigation and history are handled in the page.
 *
 * The names are those @forge/bridge 7.2 calls (grep `callBridge('` in node_modules/@forge/bridge/out).
 */
export const BRIDGE_SCRIPT = String.raw`(function () {
  'use strict';
  var config = window.__SANDBOX_FORGE__ || {};
  var html = document.documentElement;

  function applyTheme() {
    var mode = config.theme === 'dark' ? 'dark' : 'light';
    html.setAttribute('data-color-mode', mode);
    html.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography');
  }
  applyTheme();

  function post(name, payload) {
    return fetch('/__sandbox/bridge/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        moduleKey: config.moduleKey,
        accountId: config.accountId,
        extension: config.extension,
        theme: config.theme,
        localId: config.localId,
        payload: payload === undefined ? null : payload
      })
    }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error((body && body.message) || 'Bridge call ' + name + ' failed with ' + res.status);
        return body.result;
      });
    });
  }

  var listeners = {};
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('forge-sandbox-events') : null;
  function dispatch(event, payload) {
    (listeners[event] || []).slice().forEach(function (cb) {
      try { cb(payload); } catch (e) { console.error(e); }
    });
  }
  if (channel) channel.onmessage = function (m) { dispatch(m.data.event, m.data.payload); };
  function emit(p) {
    if (channel) channel.postMessage({ event: p.event, payload: p.payload });
    dispatch(p.event, p.payload);
    return Promise.resolve();
  }
  function on(p) {
    (listeners[p.event] = listeners[p.event] || []).push(p.callback);
    return Promise.resolve({
      unsubscribe: function () {
        listeners[p.event] = (listeners[p.event] || []).filter(function (cb) { return cb !== p.callback; });
      }
    });
  }

  function showFlag(options) {
    var box = document.createElement('div');
    box.setAttribute('role', options.type === 'error' ? 'alert' : 'status');
    box.setAttribute('data-flag-id', options.id);
    box.style.cssText = 'position:fixed;right:8px;bottom:8px;max-width:320px;padding:8px 12px;border-radius:4px;background:#172B4D;color:#fff;font:14px sans-serif;z-index:9999';
    box.textContent = (options.title || '') + (options.description ? ': ' + options.description : '');
    document.body.appendChild(box);
    if (options.isAutoDismiss !== false) setTimeout(function () { box.remove(); }, 8000);
    return Promise.resolve(true);
  }

  function createHistory() {
    var subscribers = [];
    var history = {
      location: { pathname: '/', search: '', hash: '', state: null, key: 'default' },
      action: 'POP',
      push: function (to, state) { history.action = 'PUSH'; history.location = toLocation(to, state); notify(); },
      replace: function (to, state) { history.action = 'REPLACE'; history.location = toLocation(to, state); notify(); },
      go: function () {}, back: function () {}, forward: function () {},
      listen: function (cb) { subscribers.push(cb); return function () { subscribers = subscribers.filter(function (s) { return s !== cb; }); }; }
    };
    function toLocation(to, state) {
      if (typeof to === 'string') {
        var u = new URL(to, 'http://history.invalid');
        return { pathname: u.pathname, search: u.search, hash: u.hash, state: state || null, key: String(Date.now()) };
      }
      return Object.assign({ pathname: '/', search: '', hash: '', state: state || null, key: String(Date.now()) }, to);
    }
    function notify() { subscribers.forEach(function (s) { s(history.location, history.action); }); }
    return Promise.resolve(history);
  }

  var handlers = {
    invoke: function (p) {
      return post('invoke', { functionKey: p.functionKey, payload: p.payload }).then(function (result) {
        return p.metadata ? { body: result, metadata: {} } : result;
      });
    },
    getContext: function () { return post('getContext'); },
    fetchProduct: function (p) { return post('fetchProduct', p); },
    enableTheming: function () { applyTheme(); return Promise.resolve(); },
    emit: emit, emitPublic: emit, on: on, onPublic: on,
    showFlag: showFlag,
    closeFlag: function (p) {
      var el = document.querySelector('[data-flag-id="' + p.id + '"]');
      if (el) el.remove();
      return Promise.resolve(true);
    },
    refresh: function () { setTimeout(function () { window.location.reload(); }, 0); return Promise.resolve(true); },
    reload: function () { window.top.location.reload(); return Promise.resolve(); },
    navigate: function (p) {
      var url = p.url || '/';
      if (p.type === 'new-tab') window.open(url, '_blank', 'noopener'); else window.top.location.href = url;
      return Promise.resolve();
    },
    getUrl: function (p) { return Promise.resolve(new URL(p.url || '/', window.top.location.href).toString()); },
    createHistory: createHistory,
    changeWindowTitle: function (title) { window.top.document.title = title; return Promise.resolve(); },
    emitReadyEvent: function () { return Promise.resolve(); },
    getFrameId: function () { return Promise.resolve(config.localId); },
    // A gadget's edit view saves its settings on the server (Jira keeps them with the gadget); the
    // host page then shows the gadget again. Anything else answers as Forge does: not submittable.
    submit: function (p) {
      return post('submit', p).then(function (saved) {
        if (saved === true) window.parent.postMessage({ type: 'forge-sandbox-submitted', localId: config.localId }, '*');
        return saved;
      });
    },
    close: function () { return Promise.resolve(true); },
    onClose: function () { return Promise.resolve(); },
    emitFrontendCustomMetric: function () { return Promise.resolve(); },
    initFeatureFlags: function () { return Promise.resolve({}); },
    isRovoEnabled: function () { return Promise.resolve(false); },
    getCookieConsentPreferences: function () { return Promise.resolve({}); }
  };

  window.__bridge = {
    callBridge: function (name, payload) {
      var handler = handlers[name];
      if (!handler) return Promise.reject(new Error('The sandbox bridge does not support "' + name + '"'));
      try { return Promise.resolve(handler(payload)); } catch (e) { return Promise.reject(e); }
    }
  };

  // Let the host page size the iframe to its content, as Jira does with iframe-resizer.
  function reportHeight() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    window.parent.postMessage({ type: 'forge-sandbox-resize', localId: config.localId, height: height }, '*');
  }
  window.addEventListener('load', reportHeight);
  if (typeof ResizeObserver === 'function') {
    document.addEventListener('DOMContentLoaded', function () { new ResizeObserver(reportHeight).observe(document.body); });
  }
})();
`;
