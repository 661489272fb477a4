/* Every post kept, whether the helper is up or not. A post record goes into a queue in
 * storage.local (it survives the browser and the worker) and is sent to POST /v1/posts,
 * oldest first. The helper is idempotent on the record's client_id, so a record whose
 * answer was lost is simply sent again: nothing lost, nothing twice.
 *
 * Outcomes of one send:
 * - 2xx, or 409 (the helper already holds a post under this id, or this remote id):
 *   stored, leaves the queue;
 * - helper down, not paired, token refused (401 after a fresh pairing), 408, 429, 5xx:
 *   kept, tried again on the next successful helper call, on an alarm, at worker start;
 * - 413: sent once more without its tips and measurements, then treated as below;
 * - any other 4xx: the helper will never take it, so it is dropped, with a note the
 *   options page shows. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const QUEUE = 'postQueue';
  const DROPPED = 'droppedPosts';
  const ALARM = 'backchannel-flush-posts';
  const ALARM_PERIOD_MINUTES = 0.5; // Chromium's shortest period
  const MAX_DROPPED_SHOWN = 50;

  // One writer at a time for the queue's storage keys, within this worker.
  let lock = Promise.resolve();
  function locked(task) {
    const run = lock.then(task, task);
    lock = run.catch(() => {});
    return run;
  }

  // How many records wait, as last read or written here (null: not known yet), so a call the
  // helper answered does not cost a storage read when nothing waits.
  let waiting = null;

  async function read() {
    const stored = await chrome.storage.local.get([QUEUE, DROPPED]);
    const queue = stored[QUEUE] ?? [];
    waiting = queue.length;
    return { queue, dropped: stored[DROPPED] ?? [] };
  }

  async function write(queue, dropped) {
    await chrome.storage.local.set(dropped ? { [QUEUE]: queue, [DROPPED]: dropped } : { [QUEUE]: queue });
    waiting = queue.length;
  }

  const isTransient = (status) => status === 401 || status === 408 || status === 429 || status >= 500;

  /** Without the parts that can make a record large (for a 413). */
  function slimmed(record) {
    return { ...record, tips: [], media: (record.media || []).map(({ measurements, ...rest }) => rest) };
  }

  /** Send one record: 'stored' | 'kept' (try later) | { dropped: note }. */
  async function send(entry) {
    let result;
    try {
      result = await ns.helper.exchange({ method: 'POST', path: '/v1/posts', json: entry.record });
    } catch (error) {
      return { outcome: 'kept', note: error?.message || String(error) };
    }
    if (result.kind === 'ok' || result.status === 409) return { outcome: 'stored' };
    if (result.kind === 'unreachable') return { outcome: 'kept', note: ns.messages['helper-down'] };
    if (result.kind === 'timeout') return { outcome: 'kept', note: ns.messages['helper-busy'] };
    if (result.kind === 'unauthorized' || isTransient(result.status)) {
      return { outcome: 'kept', note: result.payload?.error?.message || `The helper answered ${result.status}.` };
    }
    if (result.status === 413 && !entry.slimmed) return { outcome: 'slim' };
    return { outcome: 'dropped', status: result.status, code: result.payload?.error?.code || null, note: result.payload?.error?.message || `The helper answered ${result.status}.` };
  }

  async function settle(clientId, change) {
    await locked(async () => {
      const { queue, dropped } = await read();
      const index = queue.findIndex((entry) => entry.record.client_id === clientId);
      if (index < 0) return;
      const entry = queue[index];
      if (change.outcome === 'stored') queue.splice(index, 1);
      else if (change.outcome === 'slim') queue[index] = { ...entry, record: slimmed(entry.record), slimmed: true };
      else if (change.outcome === 'dropped') {
        queue.splice(index, 1);
        dropped.push({ record: entry.record, status: change.status, code: change.code, message: change.note, at: new Date().toISOString() });
      } else queue[index] = { ...entry, tries: (entry.tries || 0) + 1, lastError: change.note || null };
      await write(queue, dropped.slice(-MAX_DROPPED_SHOWN));
    });
  }

  async function armAlarm(pending) {
    if (!chrome.alarms) return;
    if (pending) await chrome.alarms.create(ALARM, { periodInMinutes: ALARM_PERIOD_MINUTES });
    else await chrome.alarms.clear(ALARM);
  }

  let flushing = null;
  let again = false;

  /** Send the queue until it is empty or a record must wait: client_id → stored | kept | dropped. */
  async function drain() {
    const outcomes = new Map();
    for (;;) {
      const { queue } = await read();
      const entry = queue.find((e) => !outcomes.has(e.record.client_id));
      if (!entry) break;
      const change = await send(entry);
      await settle(entry.record.client_id, change);
      if (change.outcome === 'slim') continue; // the slimmed record goes next
      outcomes.set(entry.record.client_id, change.outcome);
      if (change.outcome === 'kept') break; // in order: the rest waits behind it
    }
    const { queue } = await read();
    await armAlarm(queue.length > 0);
    return outcomes;
  }

  /** Send what is queued, oldest first; one flush at a time (a call during one runs it again after). */
  function flush() {
    if (flushing) {
      again = true;
      return flushing;
    }
    flushing = (async () => {
      const outcomes = new Map();
      do {
        again = false;
        for (const [id, outcome] of await drain()) outcomes.set(id, outcome);
      } while (again);
      return outcomes;
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  /** Queue a record and try to send it: { state: stored | queued | dropped, message }. */
  async function add(record) {
    await locked(async () => {
      const { queue } = await read();
      if (queue.some((entry) => entry.record.client_id === record.client_id)) return;
      queue.push({ record, queuedAt: new Date().toISOString(), tries: 0 });
      await write(queue);
    });
    const outcome = (await flush()).get(record.client_id);
    if (outcome === 'stored') return { state: 'stored', message: ns.messages['post-recorded'] };
    if (outcome === 'dropped') {
      const { dropped } = await read();
      const note = dropped.findLast((d) => d.record.client_id === record.client_id)?.message;
      return { state: 'dropped', message: note ? `${ns.messages['post-dropped']} (${note})` : ns.messages['post-dropped'] };
    }
    return { state: 'queued', message: ns.messages['post-queued'] };
  }

  /** For the options page: what waits, and what the helper refused. */
  async function status() {
    const { queue, dropped } = await read();
    const summary = (record) => ({ client_id: record.client_id, text: record.text, posted_at: record.posted_at, url: record.url || null });
    return {
      pending: queue.map((entry) => ({ ...summary(entry.record), tries: entry.tries || 0, lastError: entry.lastError || null })),
      dropped: dropped.map((entry) => ({ ...summary(entry.record), status: entry.status, code: entry.code, message: entry.message, at: entry.at })),
    };
  }

  async function forgetDropped() {
    await locked(() => chrome.storage.local.set({ [DROPPED]: [] }));
  }

  async function flushIfPending() {
    const { queue } = await read();
    if (queue.length) await flush();
  }

  ns.helper.onReachable(() => {
    if (!flushing && waiting !== 0) flushIfPending().catch((error) => console.error('Backchannel: flushing posts', error));
  });
  chrome.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) flushIfPending().catch((error) => console.error('Backchannel: flushing posts', error));
  });
  // A worker (re)start: send what an earlier worker, or an earlier browser, left behind.
  flushIfPending().catch((error) => console.error('Backchannel: flushing posts', error));

  ns.postQueue = Object.freeze({ add, flush, status, forgetDropped });
})();
