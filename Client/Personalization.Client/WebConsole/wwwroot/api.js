// Calls to this host's /v1 API with the pasted bearer token. Errors become ApiError with the ProblemDetails the API sent.
const tokenKey = 'pzn.console.token';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }
}

export function getToken() {
  return sessionStorage.getItem(tokenKey) || '';
}

export function setToken(token) {
  if (token) sessionStorage.setItem(tokenKey, token); else sessionStorage.removeItem(tokenKey);
}

/** The token's claims, read locally for display only (the API verifies the signature); null when it is not a JWT. */
export function claimsOf(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(base64), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export function rolesOf(claims) {
  const role = claims?.role;
  return Array.isArray(role) ? role : role ? [role] : [];
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = { title: text.slice(0, 200) }; }
  }
  if (!response.ok) throw new ApiError(response.status, json, response.headers.get('Retry-After'));
  return json;
}

const enc = encodeURIComponent;

export const api = {
  profile: user => send('GET', `/v1/users/${enc(user)}/profile`),
  recommendations: (user, count) => send('GET', `/v1/users/${enc(user)}/recommendations?count=${count}`),
  record: (user, event) => send('POST', `/v1/users/${enc(user)}/events`, event),
  blend: (members, count) => send('GET', `/v1/blends/${members.map(enc).join(',')}?count=${count}`),
  modelStatus: trending => send('GET', `/v1/model/status?trending=${trending}`),
};

/** A fresh event id (letters and digits; works without a secure context). */
export function newEventId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'console-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
