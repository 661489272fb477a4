/* Pairing: learn the helper's address and token. First the cache, then the native host
 * (which starts the helper if needed), then a manual pairing from the options page. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { NATIVE_HOST_NAME, HELPER_URL } = ns.constants;

  /** A failure the panel can explain: `state` is a key of Backchannel.messages. */
  class HelperError extends Error {
    constructor(state, message, detail) {
      super(message || ns.messages[state] || state);
      this.state = state;
      this.detail = detail;
    }
  }

  function checkedUrl(url) {
    const match = typeof url === 'string' ? HELPER_URL.exec(url.replace(/\/+$/, '')) : null;
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new HelperError('not-paired', `Refusing helper address ${String(url).slice(0, 80)}: only http://127.0.0.1:PORT (loopback) is allowed.`);
    }
    return match[0];
  }

  async function askNativeHost() {
    let reply;
    try {
      reply = await chrome.runtime.sendNativeMessage(NATIVE_HOST_NAME, { action: 'hello' });
    } catch (error) {
      // Not installed, not allowed, or the host crashed: the browser only gives a message.
      throw new HelperError('not-paired', null, String(error?.message || error));
    }
    if (!reply?.ok) {
      const code = reply?.error?.code;
      const message = reply?.error?.message;
      if (code === 'helper_not_running') throw new HelperError('helper-down', null, message);
      if (code === 'helper_start_failed') throw new HelperError('helper-down', `${ns.messages['helper-down']} (${message})`, message);
      throw new HelperError('not-paired', null, message || 'the native host gave no answer');
    }
    return {
      url: checkedUrl(reply.helper?.url),
      token: String(reply.token || ''),
      version: String(reply.helper?.version || ''),
      hostVersion: String(reply.version || ''),
      source: 'native',
    };
  }

  /** The pairing to use; `refresh` skips the cache (after a 401 or a refused connection). */
  async function getPairing({ refresh = false } = {}) {
    const store = ns.pairingStore;
    if (!refresh) {
      const cached = await store.getCached();
      if (cached) return cached;
    }
    try {
      const pairing = await askNativeHost();
      await store.setCached(pairing);
      return pairing;
    } catch (error) {
      const manual = await store.getManual();
      if (manual) return { ...manual, source: 'manual' };
      throw error;
    }
  }

  ns.HelperError = HelperError;
  ns.pairing = Object.freeze({ getPairing, askNativeHost, checkedUrl });
})();
