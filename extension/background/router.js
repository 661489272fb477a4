/* The one door to the helper. Content scripts (x.com tabs) may ask for checks, the
 * current session, switching a rule, analysing a photo (and its crop), recording a post,
 * the live weekly chat and its questions, marking a session not to be posted, and
 * reporting parts of X's page they could not find; the options page and the toolbar
 * popup (extension pages) may also pair, change settings and the event's posting policy,
 * look at the post queue and pause coaching on a site. Anything else, or any other sender, is refused; a paused site's
 * checks are answered with the 'paused' state. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { PLATFORM, RULE_CODE, EVENT_SLUG, PHOTO_MAX_BYTES, PHOTO_TYPE, PHOTO_ID, CLIENT_ID } = ns.constants;
  const { helper, pairing, pairingStore, postQueue, sitePause, bytes, HelperError } = ns;

  const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

  function instant(value) {
    return typeof value === 'string' && ISO_INSTANT.test(value) ? value : new Date().toISOString();
  }

  async function activeEvent(hint) {
    if (typeof hint === 'string' && EVENT_SLUG.test(hint)) return hint;
    const { active } = await helper.get('/v1/events');
    return active;
  }

  const REMOTE_ID = /^\d{1,30}$/;
  const HTTPS_URL = /^https:\/\/[^\s]{1,2000}$/;

  /** The photos of a draft as /v1/check takes them: [{ id, alt? }]. */
  function checkedMedia(media) {
    if (!Array.isArray(media)) return [];
    return media.slice(0, 4).filter((item) => PHOTO_ID.test(String(item?.id))).map((item) => (
      typeof item.alt === 'string' ? { id: item.id, alt: item.alt.slice(0, 5000) } : { id: item.id }));
  }

  const optional = (value, test) => (value !== null && value !== undefined && test(value) ? value : undefined);

  /** A post record from a content script, reduced to the fields and shapes POST /v1/posts takes. */
  function postRecord(record) {
    if (!record || typeof record !== 'object') throw new HelperError('helper-error', 'A post record must be an object.');
    const { client_id: clientId, text, posted_at: postedAt } = record;
    if (!CLIENT_ID.test(String(clientId))) throw new HelperError('helper-error', 'A post record needs a client_id (a UUID).');
    if (typeof text !== 'string') throw new HelperError('helper-error', 'A post record needs its text.');
    const media = Array.isArray(record.media) ? record.media.slice(0, 10).map((item) => ({
      sha256: optional(item?.sha256, (v) => /^[0-9a-f]{64}$/i.test(v)),
      width: optional(item?.width, Number.isInteger),
      height: optional(item?.height, Number.isInteger),
      measurements: optional(item?.measurements, (v) => typeof v === 'object' && !Array.isArray(v)),
      alt_text: optional(item?.alt_text, (v) => typeof v === 'string'),
      slide_text: optional(item?.slide_text, (v) => typeof v === 'string' && v.length <= 20000),
    })) : [];
    const tips = Array.isArray(record.tips) ? record.tips.slice(0, 100).filter((tip) => RULE_CODE.test(String(tip?.code))) : [];
    const clean = {
      client_id: clientId,
      platform: PLATFORM,
      text,
      posted_at: instant(postedAt),
      event: optional(record.event, (v) => EVENT_SLUG.test(v)),
      session: optional(record.session, Number.isInteger),
      remote_id: optional(record.remote_id, (v) => REMOTE_ID.test(v)),
      url: optional(record.url, (v) => HTTPS_URL.test(v)),
      reply_to_remote_id: optional(record.reply_to_remote_id, (v) => REMOTE_ID.test(v)),
      thread_of_client_id: optional(record.thread_of_client_id, (v) => CLIENT_ID.test(v)),
      scheduled_for: optional(record.scheduled_for, (v) => ISO_INSTANT.test(v)),
      quoted_url: optional(record.quoted_url, (v) => HTTPS_URL.test(v)),
      edit_of_remote_id: optional(record.edit_of_remote_id, (v) => REMOTE_ID.test(v)),
      media,
      tips,
    };
    return JSON.parse(JSON.stringify(clean)); // drops the undefined fields
  }

  const contentActions = {
    async check({ text, at, media, replyTo }) {
      if (typeof text !== 'string') throw new HelperError('helper-error', 'A draft must be text.');
      const request = { text, platform: PLATFORM, at: instant(at) };
      const photos = checkedMedia(media);
      if (photos.length) request.media = photos;
      if (typeof replyTo === 'string' && REMOTE_ID.test(replyTo)) request.reply_to = replyTo;
      return { result: await helper.post('/v1/check', request) };
    },

    /** A photo attached to a draft: its bytes (base64) to POST /v1/photos?text=later, the
     * quick analysis back (no OCR yet: `text_pending`); 'photo-text' then brings the whole.
     * `original` ({ width, height }): the bytes are the page's smaller copy of a photo of that
     * size, sent first for the quick answer; the original follows for the reading.
     * `whole` asks for the whole analysis at once (a photo sent again after a helper restart). */
    async photo({ data, mediaType, whole, original }) {
      if (typeof data !== 'string' || data.length > Math.ceil(PHOTO_MAX_BYTES / 3) * 4 + 4) {
        throw new HelperError('helper-error', `The photo is over ${PHOTO_MAX_BYTES / 1024 / 1024} MiB, the most the helper reads.`);
      }
      let body;
      try {
        body = bytes.fromBase64(data);
      } catch {
        throw new HelperError('helper-error', 'The photo did not arrive whole.');
      }
      let path = whole === true ? '/v1/photos' : '/v1/photos?text=later';
      if (original !== undefined) {
        // The page's smaller copy of a photo of this size: its quick answer, sized as the original.
        const { width, height } = original ?? {};
        if (whole === true || !Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
          throw new HelperError('helper-error', 'A photo copy needs its original’s size, and comes before the original.');
        }
        path += `&original=${width}x${height}`;
      }
      const result = await helper.exchange({ method: 'POST', path, bytes: body, type: PHOTO_TYPE.test(String(mediaType)) ? mediaType : 'application/octet-stream', timeout: 'photo' });
      if (result.kind !== 'ok') throw helper.errorOf(result, '');
      return { photo: result.payload };
    },

    /** The whole analysis of a photo sent with 'photo': waits while the helper reads its slide. */
    async 'photo-text'({ id }) {
      if (!PHOTO_ID.test(String(id))) throw new HelperError('helper-error', 'Unknown photo.');
      const result = await helper.exchange({ method: 'GET', path: `/v1/photos/${id}`, timeout: 'reading' });
      if (result.kind !== 'ok') throw helper.errorOf(result, '');
      return { photo: result.payload };
    },

    /** A copy of a photo the helper analysed, as base64: cropped to its slide, or without metadata. */
    async 'photo-copy'({ id, kind }) {
      if (!PHOTO_ID.test(String(id))) throw new HelperError('helper-error', 'Unknown photo.');
      if (kind !== 'crop' && kind !== 'clean') throw new HelperError('helper-error', 'A photo copy is a crop or a clean copy.');
      const result = await helper.exchange({ method: 'GET', path: `/v1/photos/${id}/${kind}`, binary: true, timeout: 'photo' });
      if (result.kind !== 'ok') throw helper.errorOf(result, '');
      return { data: bytes.toBase64(result.bytes), type: result.type.split(';')[0].trim() || 'image/jpeg' };
    },

    /** A post X confirmed: queue it for the helper (stored now, or when the helper is back). */
    async 'record-post'({ record }) {
      return postQueue.add(postRecord(record));
    },

    /** The weekly chats live at the page's clock, each with its latest question and the answer to start. */
    async 'chats-live'({ at }) {
      const { live } = await helper.get(`/v1/chats/live?${new URLSearchParams({ at: instant(at) })}`);
      return { live };
    },

    /** A chat question seen on the timeline (the helper keeps it only when the moderator posted it). */
    async 'chat-question'({ chat, text, at, author, remoteId }) {
      if (typeof chat !== 'string' || !EVENT_SLUG.test(chat)) throw new HelperError('helper-error', 'Unknown chat.');
      if (typeof text !== 'string' || !text.trim()) throw new HelperError('helper-error', 'A question must be text.');
      const body = { text: text.slice(0, 2000), at: instant(at), source: 'timeline' };
      if (typeof author === 'string' && /^@\w{1,15}$/.test(author)) body.author = author;
      if (typeof remoteId === 'string' && REMOTE_ID.test(remoteId)) body.remote_id = remoteId;
      return { question: await helper.post(`/v1/chats/${encodeURIComponent(chat)}/questions`, body) };
    },

    /** The user's own mark: the session on now is not to be posted. */
    async 'hold-session'({ event, session }) {
      if (typeof event !== 'string' || !EVENT_SLUG.test(event) || !Number.isInteger(session)) throw new HelperError('helper-error', 'Unknown session.');
      const path = `/v1/events/${encodeURIComponent(event)}/sessions/${session}`;
      return { session: await helper.patch(path, { do_not_post: 'marked in the panel' }) };
    },

    async now({ at, event }) {
      const slug = await activeEvent(event);
      if (!slug) throw new HelperError('no-event');
      const query = new URLSearchParams({ at: instant(at), platform: PLATFORM });
      return { event: slug, now: await helper.get(`/v1/events/${encodeURIComponent(slug)}/now?${query}`) };
    },

    /** Parts of X's page a composer could not find (names from ns.markupParts): kept with the
     * page and the time, for the options page and a precise report. */
    async 'report-markup'({ missing, page }) {
      const names = Array.isArray(missing) ? missing.filter((name) => Object.hasOwn(ns.markupParts, name)) : [];
      if (!names.length) return {};
      const { markupMissing = {} } = await chrome.storage.local.get('markupMissing');
      const where = typeof page === 'string' ? page.slice(0, 200) : '';
      for (const name of names) markupMissing[name] = { page: where, at: new Date().toISOString() };
      await chrome.storage.local.set({ markupMissing });
      return {};
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
      const probe = await helper.attempt(candidate, { method: 'GET', path: '/v1/health' });
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

    'post-queue': () => postQueue.status(),

    async 'markup-problems'() {
      const { markupMissing = {} } = await chrome.storage.local.get('markupMissing');
      return { missing: markupMissing };
    },

    async 'forget-markup-problems'() {
      await chrome.storage.local.remove('markupMissing');
      return { missing: {} };
    },

    async 'flush-posts'() {
      await postQueue.flush();
      return postQueue.status();
    },

    async 'forget-dropped-posts'() {
      await postQueue.forgetDropped();
      return postQueue.status();
    },

    /** The toolbar popup's switch: is coaching paused on this site, and pausing or resuming it. */
    async 'site-paused'({ site }) {
      const known = sitePause.siteOf(`https://${String(site)}/`);
      return { site: known, paused: await sitePause.isPaused(known) };
    },

    async 'set-site-paused'({ site, paused }) {
      const known = sitePause.siteOf(`https://${String(site)}/`);
      if (!known) throw new HelperError('helper-error', 'Coaching can be paused on x.com only.');
      return { site: known, paused: await sitePause.setPaused(known, Boolean(paused)) };
    },

    /** The event's posting policy in the organisers' words ("No photos of slides"); null or '' clears it. */
    async 'set-event-policy'({ event, policy }) {
      if (typeof event !== 'string' || !EVENT_SLUG.test(event)) throw new HelperError('helper-error', 'Choose the event first.');
      if (policy !== null && typeof policy !== 'string') throw new HelperError('helper-error', 'A posting policy is text.');
      const text = typeof policy === 'string' && policy.trim() ? policy.trim() : null;
      return { event: await helper.patch(`/v1/events/${encodeURIComponent(event)}`, { posting_policy: text }) };
    },

    async 'put-settings'({ changes }) {
      if (!changes || typeof changes !== 'object' || Array.isArray(changes)) throw new HelperError('helper-error', 'Settings must be an object.');
      return helper.put('/v1/settings', changes);
    },
  };

  const COACHING = new Set(['check', 'photo', 'photo-text', 'photo-copy']);

  function isExtensionPage(sender) {
    return typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL('/'));
  }

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !message || typeof message.type !== 'string') return false;
    const page = isExtensionPage(sender);
    const table = page ? pageActions : contentActions;
    const action = Object.hasOwn(table, message.type) ? table[message.type] : null;
    if (!action) {
      sendResponse({ ok: false, state: 'helper-error', message: `Unknown request ${message.type.slice(0, 30)}.` });
      return false;
    }
    Promise.resolve()
      .then(async () => {
        // A site paused from the toolbar gets no coaching (checks, photo analysis); posts are still recorded.
        if (!page && COACHING.has(message.type) && (await sitePause.isPaused(sitePause.siteOf(sender.tab?.url ?? sender.url)))) {
          throw new HelperError('paused');
        }
        return action(message);
      })
      .then(
        (answer) => sendResponse({ ok: true, ...answer }),
        (error) => sendResponse({ ok: false, state: error?.state || 'helper-error', message: error?.message || String(error), detail: error?.detail || null }),
      );
    return true; // the answer comes asynchronously
  });
})();
