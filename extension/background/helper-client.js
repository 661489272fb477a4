/* Calls to the helper, with the bearer token. Recovers from what happens in real life:
 * a token rotated (401: ask the native host again), a helper restarted on another port
 * or not running (connection refused: ask again, the host starts it). */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { REQUEST_TIMEOUT_MS } = ns.constants;

  async function attempt(pairing, method, path, body) {
    let response;
    try {
      response = await fetch(pairing.url + path, {
        method,
        headers: { Authorization: `Bearer ${pairing.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      return { kind: 'unreachable', error };
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    if (response.status === 401) return { kind: 'unauthorized', payload };
    if (!response.ok) return { kind: 'failed', status: response.status, payload };
    return { kind: 'ok', payload };
  }

  /** The JSON answer of `method path`, or a HelperError whose state the panel can show. */
  async function call(method, path, body) {
    let pairing = await ns.pairing.getPairing();
    let result = await attempt(pairing, method, path, body);
    if (result.kind === 'unauthorized' || result.kind === 'unreachable') {
      // The cache may be stale: ask the native host (or the manual pairing) afresh, once.
      await ns.pairingStore.clearCached();
      pairing = await ns.pairing.getPairing({ refresh: true });
      result = await attempt(pairing, method, path, body);
    }
    if (result.kind === 'ok') return result.payload;
    if (result.kind === 'unreachable') throw new ns.HelperError('helper-down');
    if (result.kind === 'unauthorized') throw new ns.HelperError('unauthorized');
    const message = result.payload?.error?.message;
    throw new ns.HelperError('helper-error', message ? `${ns.messages['helper-error']} ${message}` : null, result.payload?.error?.code);
  }

  ns.helper = Object.freeze({
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    attempt,
  });
})();
