/* Calls to the helper, with the bearer token. Recovers from what happens in real life:
 * a token rotated (401: ask the native host again), a helper restarted on another port
 * or not running (connection refused: ask again, the host starts it).
 *
 * A request is { method, path, json?, bytes?, type?, binary?, timeout? }: a JSON body, or raw
 * bytes sent as `type` (a photo); `binary` reads the answer as bytes (a cropped photo);
 * `timeout` names the kind of call (REQUEST_TIMEOUTS_MS: call, photo, reading). A call that
 * runs out of time found the helper busy, not gone: it is reported as 'helper-busy' and not
 * retried with a fresh pairing. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { REQUEST_TIMEOUTS_MS } = ns.constants;
  const reachableListeners = new Set();

  /** One try with one pairing: { kind: ok | unauthorized | failed | unreachable | timeout, status?, payload?, bytes?, type? }. */
  async function attempt(pairing, { method, path, json, bytes, type, binary = false, timeout = 'call' }) {
    const limit = Object.hasOwn(REQUEST_TIMEOUTS_MS, timeout) ? REQUEST_TIMEOUTS_MS[timeout] : REQUEST_TIMEOUTS_MS.call;
    const headers = { Authorization: `Bearer ${pairing.token}` };
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (bytes !== undefined) {
      headers['Content-Type'] = type || 'application/octet-stream';
      // As a Blob: Chromium uploads a 4 MB typed array to the helper in about a second, the
      // same bytes as a Blob in a quarter of that (measured from the service worker).
      body = new Blob([bytes]);
    }
    let response;
    try {
      response = await fetch(pairing.url + path, {
        method, headers, body,
        signal: AbortSignal.timeout(limit),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      return { kind: error?.name === 'TimeoutError' ? 'timeout' : 'unreachable', error };
    }
    try {
      if (response.ok && binary) {
        return { kind: 'ok', status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), type: response.headers.get('Content-Type') || '' };
      }
    } catch (error) {
      // The time ran out while the body was still arriving.
      return { kind: error?.name === 'TimeoutError' ? 'timeout' : 'unreachable', error };
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch (error) {
      if (error?.name === 'TimeoutError') return { kind: 'timeout', error };
      payload = null;
    }
    if (response.status === 401) return { kind: 'unauthorized', status: 401, payload };
    if (!response.ok) return { kind: 'failed', status: response.status, payload };
    return { kind: 'ok', status: response.status, payload };
  }

  /** The outcome of `request`, after one fresh pairing when the cached one is stale.
   * Throws a HelperError only when there is no pairing at all. */
  async function exchange(request) {
    let pairing = await ns.pairing.getPairing();
    let result = await attempt(pairing, request);
    if (result.kind === 'unauthorized' || result.kind === 'unreachable') {
      // The cache may be stale: ask the native host (or the manual pairing) afresh, once.
      await ns.pairingStore.clearCached();
      pairing = await ns.pairing.getPairing({ refresh: true });
      result = await attempt(pairing, request);
    }
    if (result.kind === 'ok') for (const listener of reachableListeners) listener();
    return result;
  }

  /** The HelperError a failed outcome stands for; `prefix` says what was being done. */
  function errorOf(result, prefix = ns.messages['helper-error']) {
    if (result.kind === 'unreachable') return new ns.HelperError('helper-down');
    if (result.kind === 'timeout') return new ns.HelperError('helper-busy');
    if (result.kind === 'unauthorized') return new ns.HelperError('unauthorized');
    const message = result.payload?.error?.message;
    return new ns.HelperError('helper-error', message ? [prefix, message].filter(Boolean).join(' ') : null, result.payload?.error?.code);
  }

  /** The JSON answer of `method path`, or a HelperError whose state the panel can show. */
  async function call(method, path, json) {
    const result = await exchange({ method, path, json });
    if (result.kind === 'ok') return result.payload;
    throw errorOf(result);
  }

  ns.helper = Object.freeze({
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    exchange,
    errorOf,
    attempt,
    /** Call `listener` after every call the helper answered (the post queue flushes then). */
    onReachable: (listener) => reachableListeners.add(listener),
  });
})();
