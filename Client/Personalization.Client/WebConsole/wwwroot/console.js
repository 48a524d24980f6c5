// Entry point: token, tabs (arrow keys move between them), error reporting, and the three views.
import { ApiError, claimsOf, getToken, rolesOf, setToken } from './api.js';
import { $, el, fill, time } from './render.js';
import { createListenerView } from './listener.js';
import { loadBlend } from './blend.js';
import { loadModel } from './model.js';

const explanations = {
  400: 'The request is invalid; nothing was applied.',
  401: 'Not authenticated: paste a token (it may be missing, expired, or not signed with this host\u2019s key).',
  403: 'Forbidden: this token may not see this. A listener token sees only its own listener, a service token reads ' +
       'listeners and Blends, an admin token sees everything (including the model status).',
  404: 'Not found.',
  413: 'The request is too large.',
  429: 'Too many requests for this caller.',
  503: 'The cluster\u2019s storage is unavailable; try again shortly.',
};

function report(error, action) {
  const box = $('alert');
  if (!error) {
    box.hidden = true;
    fill(box);
    return;
  }
  const parts = [];
  if (error instanceof ApiError) {
    const p = error.problem;
    parts.push(el('strong', { text: `${error.status} — ${explanations[error.status] ?? p.title ?? 'The request failed.'}` }));
    if (p.title) parts.push(el('p', { text: `The API says: ${p.title}${p.detail ? ` ${p.detail}` : ''}` }));
    if (p.errors) parts.push(el('ul', {}, Object.entries(p.errors).map(([field, messages]) => el('li', { text: `${field}: ${messages.join(' ')}` }))));
    if (error.status === 429 && error.retryAfter) parts.push(el('p', { text: `Retry after ${error.retryAfter} s.` }));
  } else {
    parts.push(el('strong', { text: error.message || String(error) }));
  }
  if (action) parts.push(el('p', { class: 'hint', text: `While ${action}.` }));
  fill(box, parts);
  box.hidden = false;
}

function showWho() {
  const token = getToken();
  const who = $('who');
  if (!token) {
    who.textContent = 'No token: every call will answer 401. Paste one above (see "How do I get a token?").';
    return;
  }
  const claims = claimsOf(token);
  if (!claims) {
    who.textContent = 'This does not look like a JWT; the API will decide.';
    return;
  }
  const roles = rolesOf(claims);
  const scopes = claims.scope ? String(claims.scope) : '';
  const kind = roles.includes('admin') ? 'admin' : scopes ? 'service' : 'listener';
  const expires = claims.exp ? time(new Date(claims.exp * 1000).toISOString()) : 'never';
  who.textContent = `Token for ${claims.sub ?? '?'} (${kind}${roles.length ? `; roles ${roles.join(' ')}` : ''}` +
    `${scopes ? `; scopes ${scopes}` : ''}); expires ${expires}.`;
  if (kind === 'listener' && claims.sub) $('listener-id').value = claims.sub;
}

function setupTabs(onSelect) {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = tab => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    onSelect(tab.id);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', e => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      const target = step ? tabs[(i + step + tabs.length) % tabs.length] : e.key === 'Home' ? tabs[0] : e.key === 'End' ? tabs[tabs.length - 1] : null;
      if (!target) return;
      e.preventDefault();
      target.focus();
      select(target);
    });
  });
}

function guard(action, run) {
  return async event => {
    event?.preventDefault();
    try {
      await run();
    } catch (error) {
      report(error, action());
    }
  };
}

const listener = createListenerView(report);

$('token-form').addEventListener('submit', e => {
  e.preventDefault();
  setToken($('token').value.trim());
  $('token').value = '';
  report(null);
  showWho();
});
$('token-forget').addEventListener('click', () => {
  setToken('');
  showWho();
});
$('listener-form').addEventListener('submit', guard(() => `loading listener ${$('listener-id').value}`, () => listener.load($('listener-id').value.trim())));
$('blend-form').addEventListener('submit', guard(() => 'loading the Blend', async () => {
  await loadBlend($('blend-members').value, Number($('blend-count').value) || 20);
  report(null);
}));
$('model-refresh').addEventListener('click', guard(() => 'loading the model status', async () => {
  await loadModel();
  report(null);
}));
setupTabs(id => {
  if (id === 'tab-model' && getToken()) guard(() => 'loading the model status', async () => { await loadModel(); report(null); })();
});
showWho();
document.body.dataset.ready = 'true';
