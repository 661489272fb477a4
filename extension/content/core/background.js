/* Content script → background worker. The only way a content script reaches the helper
 * (the page's origin must never call it). Answers are { ok: true, … } or
 * { ok: false, state, message }, where state is a key of Backchannel.messages. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  async function ask(type, payload = {}) {
    try {
      const reply = await chrome.runtime.sendMessage({ ...payload, type });
      return reply ?? { ok: false, state: 'helper-error', message: 'The extension background did not answer.' };
    } catch (error) {
      const text = String(error?.message || error);
      if (/context invalidated|receiving end does not exist/i.test(text)) {
        return { ok: false, state: 'extension-reloaded', message: ns.messages['extension-reloaded'] };
      }
      return { ok: false, state: 'helper-error', message: text };
    }
  }

  ns.background = Object.freeze({ ask });
})();
