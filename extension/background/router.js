/* The one door to the helper. Content scripts (x.com tabs) may ask for checks, the
 * current session and switching a rule; the options page (an extension page) may also
 * pair and change settings. Anything else, or any other sender, is refused. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { PLATFORM, RULE_CODE, EVENT_SLUG } = ns.constants;
  const { helper, pairing, pairingStore, HelperError } = ns;

  const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

  function instant(value) {
    return typeof value === 'string' && ISO_INSTANT.test(value) ? value : new Date().toISOString();
  }

  async function activeEvent(hint) {
    if (typeof hint === 'string' && EVENT_SLUG.test(hint)) return hint;
    const { active } = await helper.get('/v1/events');
    return active;
  }

  const contentActions = {
    async check({ text, at }) {
      if (typeof text !== 'string') throw new HelperError('helper-error', 'A draft must be text.');
      return { result: await helper.post('/v1/check', { text, platform: PLATFORM, at: instant(at) }) };
    },

    async now({ at, event }) {
      const slug = await activeEvent(event);
      if (!slug) throw new HelperError('no-event');
      const query = new URLSearchParams({ at: instant(at), platform: PLATFORM });
      return { event: slug, now: await helper.get(`/v1/events/${encodeURIComponent(slug)}/now?${query}`) };
    },

    async 'set-rule-enabled'({ code, enabled }) {
      if (!RULE_CODE.test(String(code))) throw new HelperError('helper-error', `Unknown rule ${String(code).slice(0, 10)}.`);
      return { settings: await helper.put('/v1/settings', { [`rules.${code}.enabled`]: Boolean(enabled) }) };
    },
  };

  const pageActions = {
    ...contentActions,

    async status() {
      const current = await pairing.getPairing();
      const health = await helper.get('/v1/health');
      const paired = (await pairingStore.getCached()) || current;
      return { source: paired.source, url: paired.url, version: health.version, hostVersion: paired.hostVersion || null, database: health.database };
    },

    async pair() {
      await pairingStore.clearCached();
      const fresh = await pairing.getPairing({ refresh: true });
      return { source: fresh.source, url: fresh.url };
    },

    async 'pair-manual'({ url, token }) {
      const candidate = { url: pairing.checkedUrl(String(url || '').trim()), token: String(token || '').trim(), source: 'manual' };
      if (!candidate.token) throw new HelperError('not-paired', 'Paste the token that `backchannel token` prints.');
      const probe = await helper.attempt(candidate, 'GET', '/v1/health');
      if (probe.kind === 'unreachable') throw new HelperError('helper-down', `Nothing answers at ${candidate.url} — is the helper running (\`make run\`)?`);
      if (probe.kind === 'unauthorized') throw new HelperError('unauthorized', 'The helper refused that token: copy it again from `backchannel token`.');
      if (probe.kind !== 'ok') throw new HelperError('helper-error', `The helper answered ${probe.status}.`);
      await pairingStore.setManual(candidate);
      await pairingStore.setCached(candidate);
      return { source: 'manual', url: candidate.url, version: probe.payload.version };
    },

    async 'forget-manual'() {
      await pairingStore.clearManual();
      await pairingStore.clearCached();
      return {};
    },

    rules: () => helper.get('/v1/rules'),
    settings: () => helper.get('/v1/settings'),
    events: () => helper.get('/v1/events'),

    async 'put-settings'({ changes }) {
      if (!changes || typeof changes !== 'object' || Array.isArray(changes)) throw new HelperError('helper-error', 'Settings must be an object.');
      return helper.put('/v1/settings', changes);
    },
  };

  function isExtensionPage(sender) {
    return typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL('/'));
  }

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !message || typeof message.type !== 'string') return false;
    const table = isExtensionPage(sender) ? pageActions : contentActions;
    const action = Object.hasOwn(table, message.type) ? table[message.type] : null;
    if (!action) {
      sendResponse({ ok: false, state: 'helper-error', message: `Unknown request ${message.type.slice(0, 30)}.` });
      return false;
    }
    Promise.resolve()
      .then(() => action(message))
      .then(
        (answer) => sendResponse({ ok: true, ...answer }),
        (error) => sendResponse({ ok: false, state: error?.state || 'helper-error', message: error?.message || String(error), detail: error?.detail || null }),
      );
    return true; // the answer comes asynchronously
  });
})();
