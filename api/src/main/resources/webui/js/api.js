// The REST API as the pages use it: the session, JSON and text requests, refusals as ApiError.

/** A refused or failed request: the HTTP status and the refusal's {code, message}. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

const state = {
  session: null,
  onUnauthorized: () => {},
};

/** The signed-in session body (user, roles, csrf, may, ...), or null. */
export function session() {
  return state.session;
}

export function setSession(body) {
  state.session = body;
}

/** Called with no arguments when any request answers 401: the app shows the sign-in form. */
export function onUnauthorized(callback) {
  state.onUnauthorized = callback;
}

/** Whether the signed-in role may do {@code what}; {@code otherwise} when the session does not say. */
export function may(what, otherwise = false) {
  const m = state.session && state.session.may;
  if (!m || !Object.prototype.hasOwnProperty.call(m, what)) {
    return otherwise;
  }
  return m[what] === true;
}

async function refusal(response) {
  let code = String(response.status);
  let message = response.statusText || ('HTTP ' + response.status);
  const type = response.headers.get('Content-Type') || '';
  try {
    if (type.includes('json')) {
      const body = await response.json();
      if (body && typeof body === 'object') {
        if (body.code !== undefined && body.code !== null) code = String(body.code);
        if (typeof body.message === 'string' && body.message) message = body.message;
        else if (typeof body.error === 'string') message = body.error;
      }
    } else {
      const text = (await response.text()).trim();
      if (text && !text.startsWith('<')) message = text;
    }
  } catch (ignored) {
    // keep the status line
  }
  return new ApiError(response.status, code, message);
}

/**
 * One request. {@code options.body} (an object) goes as JSON; every non-GET request carries the JSON content type
 * and the session's CSRF token. Resolves to the Response when 2xx; rejects with ApiError otherwise.
 */
export async function request(method, url, options = {}) {
  // says "a script, not a navigation": the manager then answers a missing session without a Basic challenge
  const headers = Object.assign({ 'X-Requested-With': 'ecledger-web' }, options.headers || {});
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = 'application/json';
    if (state.session && state.session.csrf) {
      headers['X-CSRF-Token'] = state.session.csrf;
    }
    init.body = JSON.stringify(options.body === undefined ? {} : options.body);
  }
  if (options.signal) init.signal = options.signal;
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The manager did not answer: ' + (e && e.message ? e.message : 'network error'));
  }
  if (response.status === 401 && !options.no401) {
    const error = await refusal(response);
    state.session = null;
    state.onUnauthorized(error);
    throw error;
  }
  if (!response.ok) {
    throw await refusal(response);
  }
  return response;
}

/** GET url as JSON. */
export async function getJson(url, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  const response = await request('GET', url, Object.assign({}, options, { headers }));
  return response.json();
}

/** GET url as text. */
export async function getText(url, options = {}) {
  const headers = Object.assign({ Accept: 'text/plain' }, options.headers || {});
  const response = await request('GET', url, Object.assign({}, options, { headers }));
  return response.text();
}

/** A non-GET request with a JSON body; resolves to the JSON answer, or null when there is none (204). */
export async function sendJson(method, url, body, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  const response = await request(method, url, Object.assign({}, options, { headers, body }));
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) return response.json();
  const text = await response.text();
  return text ? { text } : null;
}

/** Encodes one path segment. */
export function seg(value) {
  return encodeURIComponent(String(value));
}

// --- the session -------------------------------------------------------------------------------------------------

export async function sessionOptions() {
  try {
    return await getJson('/v1/session/options', { no401: true });
  } catch (e) {
    // an older manager: offer both
    return { passwordSignIn: true, tokenSignIn: true };
  }
}

/** The current session, or null when the cookie is missing or no longer valid. */
export async function currentSession() {
  try {
    const body = await getJson('/v1/session', { no401: true });
    state.session = body;
    return body;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      state.session = null;
      return null;
    }
    throw e;
  }
}

export async function signIn(credentials) {
  const body = await sendJson('POST', '/v1/session', credentials, { no401: true });
  state.session = body;
  return body;
}

export async function signOut() {
  try {
    await request('DELETE', '/v1/session', { no401: true });
  } finally {
    state.session = null;
  }
}
