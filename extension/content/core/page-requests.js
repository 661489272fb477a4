/* The page's network calls the extension asked to see, as told by the page-world script
 * (page-world/request-watch.js). The content script names what to watch; the page-world
 * script posts { channel, kind: 'request' | 'response', id, … } to this window. Anything
 * on the page may post such a message too: it is taken for what the page says it sent,
 * which is all the page-world script could have said anyway. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const CHANNEL = 'backchannel:request-watch:v1';
  const listeners = new Set();
  let listening = false;

  function receive(event) {
    if (event.source !== window || event.origin !== location.origin) return;
    const data = event.data;
    if (!data || data.channel !== CHANNEL || !Number.isInteger(data.id)) return;
    if (data.kind !== 'request' && data.kind !== 'response') return;
    const message = {
      kind: data.kind,
      id: data.id,
      body: typeof data.body === 'string' ? data.body : null,
      status: Number.isInteger(data.status) ? data.status : 0,
    };
    for (const listener of listeners) listener(message);
  }

  /** Ask to see the calls whose URL path matches `pattern`, and hear them in `listener`. */
  function watch(pattern, listener) {
    listeners.add(listener);
    if (!listening) {
      listening = true;
      window.addEventListener('message', receive);
    }
    document.dispatchEvent(new CustomEvent('backchannel:watch-requests', { detail: pattern.source }));
  }

  ns.pageRequests = Object.freeze({ watch });
})();
