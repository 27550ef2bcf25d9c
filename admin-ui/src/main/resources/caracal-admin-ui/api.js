// The admin API (docs/ADMIN.md): JSON in and out, the session's CSRF token on every request that changes anything,
// OpenAI error documents turned into ApiError with the server's message. Answers are read with camelCase names
// whether the gateway writes them so or in snake_case (as its OpenAI JSON does), except under `metadata`, whose keys
// are the model file's own.

/** What GET /admin/session said, kept current by sign-in and sign-out. */
export const session = {tenantsConfigured: false, signedIn: false, tenant: null, csrfToken: null};

/** Called when a request is refused for want of a session (401): the app shows the sign-in view. */
let onSignedOut = () => {};

export function whenSignedOut(listener) {
  onSignedOut = listener;
}

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** `value` with every snake_case object key as camelCase (`kv_blocks_total` → `kvBlocksTotal`). */
export function camelize(value, key = null) {
  if (Array.isArray(value)) return value.map(item => camelize(item));
  if (value === null || typeof value !== 'object' || key === 'metadata') return value;
  const out = {};
  for (const [name, item] of Object.entries(value)) {
    const camel = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(name)
      ? name.replace(/_([a-z0-9])/g, (_, letter) => letter.toUpperCase()) : name;
    out[camel] = camelize(item, camel);
  }
  return out;
}

/** An event's JSON data, read as the answers are. */
export function eventData(event) {
  return camelize(JSON.parse(event.data));
}

/** The headers of a request that changes something: the CSRF token when the session has one. */
export function changeHeaders(json = true) {
  const headers = {};
  if (json) headers['Content-Type'] = 'application/json';
  if (session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  return headers;
}

/** The error a failed response carries: the OpenAI error's message, else the status. */
export async function errorOf(response) {
  let message = `${response.status} ${response.statusText}`.trim();
  let code = null;
  try {
    const body = await response.json();
    if (body?.error?.message) {
      message = body.error.message;
      code = body.error.code ?? null;
    }
  } catch {
    // not JSON: the status says it
  }
  return new ApiError(response.status, message, code);
}

async function request(method, path, body, options = {}) {
  const init = {method, credentials: 'same-origin', headers: {Accept: 'application/json'}};
  if (method !== 'GET') {
    Object.assign(init.headers, changeHeaders(body !== undefined));
    if (body !== undefined) init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (failure) {
    throw new ApiError(0, `The gateway did not answer (${failure.message}).`);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.signIn) {
      session.signedIn = false;
      session.csrfToken = null;
      onSignedOut();
    }
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? camelize(JSON.parse(text)) : null;
}

export const api = {
  get: path => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  delete: path => request('DELETE', path),

  async loadSession() {
    const state = await request('GET', '/admin/session');
    Object.assign(session, state);
    return session;
  },

  async signIn(key) {
    const answer = await request('POST', '/admin/session', {key}, {signIn: true});
    Object.assign(session, {signedIn: true, tenant: answer.tenant ?? null, csrfToken: answer.csrfToken ?? null});
    return session;
  },

  async signOut() {
    try {
      await request('DELETE', '/admin/session', undefined, {signIn: true});
    } finally {
      Object.assign(session, {signedIn: false, tenant: null, csrfToken: null});
    }
  },
};
