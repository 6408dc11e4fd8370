// The dashboard's behaviour: CSRF on htmx requests, toasts and errors, live refresh of
// fragments from the event stream, and the log tail. No inline scripts: the CSP forbids them.
(function () {
  'use strict';

  var MAX_LOG_LINES = 5000;

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  // ---- toasts

  function toast(message, level) {
    var box = document.getElementById('toasts');
    if (!box || !message) return;
    var item = document.createElement('div');
    item.className = 'toast toast-' + (level || 'ok');
    item.setAttribute('role', level === 'error' ? 'alert' : 'status');
    item.textContent = message;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.setAttribute('aria-label', 'Dismiss');
    close.textContent = '×';
    close.addEventListener('click', function () { item.remove(); });
    item.appendChild(close);
    box.appendChild(item);
    setTimeout(function () { item.remove(); }, level === 'error' ? 12000 : 4000);
  }

  /** The detail of a problem+json answer, or the best text there is. */
  function problemDetail(xhr) {
    try {
      var problem = JSON.parse(xhr.responseText);
      if (problem && (problem.detail || problem.title)) return problem.detail || problem.title;
    } catch (e) { /* not JSON */ }
    return 'Request failed: ' + xhr.status + (xhr.statusText ? ' ' + xhr.statusText : '');
  }

  function inlineError(elt, message) {
    var form = elt && elt.closest ? elt.closest('form') : null;
    var slot = form ? form.querySelector('.form-error') : null;
    if (slot) slot.textContent = message || '';
  }

  document.addEventListener('htmx:configRequest', function (evt) {
    var token = meta('csrf-token');
    if (token && evt.detail.verb !== 'get') {
      evt.detail.headers[meta('csrf-header') || 'X-CSRF-TOKEN'] = token;
    }
  });
  document.addEventListener('htmx:beforeRequest', function (evt) { inlineError(evt.detail.elt, ''); });
  document.addEventListener('htmx:responseError', function (evt) {
    var message = problemDetail(evt.detail.xhr);
    if (evt.detail.requestConfig && evt.detail.requestConfig.verb === 'get') {
      return; // a background refresh: the next one or the event stream will catch up
    }
    inlineError(evt.detail.elt, message);
    toast(message, 'error');
  });
  document.addEventListener('htmx:sendError', function (evt) {
    if (evt.detail.requestConfig && evt.detail.requestConfig.verb === 'get') return;
    toast('The manager did not answer. Is it still running?', 'error');
  });
  document.addEventListener('htmx:afterRequest', function (evt) {
    var elt = evt.detail.elt;
    if (evt.detail.successful && elt && elt.hasAttribute && elt.hasAttribute('data-reset-on-success')) {
      elt.reset();
    }
  });
  document.addEventListener('toast', function (evt) {
    toast(evt.detail && evt.detail.message, evt.detail && evt.detail.level);
  });

  // ---- live fragments

  var pending = {};

  function refresh(el) {
    var id = el.id;
    if (!id || pending[id]) return;
    // coalesce a burst of events (a session ending stops all its servers) into one request
    pending[id] = setTimeout(function () {
      delete pending[id];
      var current = document.getElementById(id);
      if (current && window.htmx) window.htmx.trigger(current, 'refresh');
    }, 60);
  }

  function refreshAll() {
    document.querySelectorAll('[data-live]').forEach(refresh);
  }

  function concerns(el, kind, data) {
    var live = el.getAttribute('data-live');
    if (live === 'all') return true;
    if (kind !== 'server' || live !== 'server') return false;
    var s = el.getAttribute('data-live-session');
    var n = el.getAttribute('data-live-server');
    return (!s || s === data.session) && (!n || n === data.server);
  }

  function onChange(kind) {
    return function (evt) {
      var data = {};
      try { data = JSON.parse(evt.data); } catch (e) { /* refresh anyway */ }
      document.querySelectorAll('[data-live]').forEach(function (el) {
        if (concerns(el, kind, data)) refresh(el);
      });
    };
  }

  function liveStatus(text, ok) {
    var el = document.getElementById('live-status');
    if (!el) return;
    el.hidden = false;
    el.textContent = text;
    el.classList.toggle('off', !ok);
  }

  function startLive() {
    if (!document.querySelector('[data-live]') || !window.EventSource) return;
    var opened = false;
    var source = new EventSource('/events');
    source.addEventListener('server', onChange('server'));
    source.addEventListener('session', onChange('session'));
    source.onopen = function () {
      liveStatus('live', true);
      if (opened) refreshAll(); // events may have been missed while disconnected
      opened = true;
    };
    source.onerror = function () { liveStatus('reconnecting…', false); };
    window.addEventListener('pagehide', function () { source.close(); });
  }

  document.addEventListener('dashboard-changed', refreshAll);

  // ---- log tail

  function startLog() {
    var pre = document.getElementById('log');
    if (!pre || !window.EventSource) return;
    var status = document.getElementById('log-status');
    var pause = document.getElementById('log-pause');
    var clear = document.getElementById('log-clear');
    var autoscroll = document.getElementById('log-autoscroll');
    var lines = [];
    var held = [];
    var paused = false;
    var flushTimer = null;
    var queued = [];

    function setStatus(text) { if (status) status.textContent = text; }

    function render(fresh) {
      lines = lines.concat(fresh);
      if (lines.length > MAX_LOG_LINES * 1.2) {
        lines = lines.slice(lines.length - MAX_LOG_LINES);
        pre.textContent = lines.join('\n') + '\n';
      } else {
        pre.appendChild(document.createTextNode(fresh.join('\n') + '\n'));
      }
      if (autoscroll && autoscroll.checked) pre.scrollTop = pre.scrollHeight;
    }

    function flush() {
      flushTimer = null;
      var fresh = queued;
      queued = [];
      if (fresh.length) render(fresh);
    }

    function add(line) {
      if (paused) {
        held.push(line);
        if (held.length > MAX_LOG_LINES) held.shift();
        setStatus('paused, ' + held.length + ' new line(s)');
        return;
      }
      queued.push(line);
      if (!flushTimer) flushTimer = setTimeout(flush, 40);
    }

    function clearView() {
      lines = [];
      queued = [];
      pre.textContent = '';
    }

    var opened = false;
    var source = new EventSource(pre.getAttribute('data-log-src'));
    source.addEventListener('line', function (evt) { add(evt.data); });
    source.onopen = function () {
      if (opened) clearView(); // a reconnect starts again with the last lines
      opened = true;
      setStatus(paused ? 'paused' : 'following');
    };
    source.onerror = function () { setStatus('reconnecting…'); };
    window.addEventListener('pagehide', function () { source.close(); });

    pause.addEventListener('click', function () {
      paused = !paused;
      pause.textContent = paused ? 'Resume' : 'Pause';
      pause.setAttribute('aria-pressed', String(paused));
      if (!paused) {
        var fresh = held;
        held = [];
        if (fresh.length) render(fresh);
        setStatus('following');
      } else {
        setStatus('paused');
      }
    });
    clear.addEventListener('click', function () {
      clearView();
      held = [];
      if (paused) setStatus('paused');
    });
  }

  // ---- config: a chosen file is read into the text box, so what is validated is what is shown

  function startConfig() {
    var file = document.getElementById('config-file');
    var text = document.getElementById('config-text');
    if (!file || !text || !window.FileReader) return;
    file.addEventListener('change', function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var reader = new FileReader();
      reader.onload = function () {
        text.value = String(reader.result);
        file.value = '';
      };
      reader.readAsText(chosen);
    });
  }

  function start() {
    startLive();
    startLog();
    startConfig();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
