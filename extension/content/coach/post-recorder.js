/* Every post kept: notice a post going out, wait for X to confirm it, and hand the record
 * to the background worker (which stores it with the helper, or queues it while the
 * helper is down).
 *
 * - Noticed: the coach calls begin() with a snapshot of the draft (its text — several for
 *   a thread — the tips shown, its photos, the event and session it was checked against)
 *   when the post button is clicked or Ctrl/⌘+Enter is pressed.
 * - Confirmed: X's own answer to its CreateTweet call (seen through page-requests), which
 *   carries the new post's id; or, when that call was not seen, or X answered it without
 *   saying which post it made (`tweet_results: {}`), the toast's "View" link to
 *   /status/<id> — for the first post of a new post or thread only: a reply's toast links
 *   the post it answers.
 * - Scheduled: X's answer to CreateScheduledTweet; recorded with the time X will post it.
 * - Edits and quotes: recorded with the post they edit (the helper updates it and keeps
 *   its earlier text) or quote.
 * - Not recorded: X refused it ("failed"), or nothing confirmed it within POST_CONFIRM_MS
 *   ("unconfirmed": it may exist all the same).
 * Lives as long as the page, not the composer: X unmounts the composer once it posts. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x, background, pageClock, pageRequests, lifecycle } = ns;
  const { PLATFORM, POST_CONFIRM_MS } = ns.constants;
  const SHOWN_MS = 60000; // a composer (re)mounted this soon after a post still says what became of it
  const SAME_POST_MS = 1000; // a click and a shortcut (or a double click) announce one post

  const attempts = []; // posts on their way, oldest first
  const byRequest = new Map(); // the page's request id → the part it sends
  const listeners = new Set();
  const usedToasts = new Set();
  let latest = null;
  let started = false;

  const normal = (text) => String(text ?? '').replace(/\u00a0/g, ' ').trim();
  // waiting: no request seen yet; sending: X is answering; untold: X took it without saying which post it is.
  const open = (part) => part.state === 'waiting' || part.state === 'sending' || part.state === 'untold';

  function report(attempt, part, state, message) {
    const count = attempt.parts.length;
    const label = count > 1 ? `Post ${attempt.parts.indexOf(part) + 1} of ${count}: ` : '';
    latest = { state, message: label + message, at: performance.now() };
    for (const listener of listeners) listener(latest);
  }

  function settle(attempt) {
    if (attempt.parts.some(open)) return;
    clearTimeout(attempt.timer);
    const index = attempts.indexOf(attempt);
    if (index >= 0) attempts.splice(index, 1);
  }

  function create(snapshot) {
    const attempt = {
      startedAt: performance.now(),
      sawRequest: false,
      toastBefore: x.toastPost()?.id ?? null,
      event: snapshot.event ?? null,
      session: snapshot.session ?? null,
      replyTo: snapshot.replyTo ?? null,
      parts: [],
    };
    attempt.parts = snapshot.parts.map((part) => ({ text: part.text, tips: part.tips || [], media: part.media || [], clientId: crypto.randomUUID(), state: 'waiting', attempt }));
    attempt.timer = setTimeout(() => expire(attempt), POST_CONFIRM_MS);
    attempts.push(attempt);
    return attempt;
  }

  /** A post is going out: snapshot = { parts: [{ text, tips, media }], event, session, replyTo }. */
  function begin(snapshot) {
    start();
    const parts = snapshot.parts.filter((part) => normal(part.text) || part.media?.length);
    if (!parts.length) return;
    const again = attempts.some((a) => performance.now() - a.startedAt < SAME_POST_MS && a.parts.every(open)
      && a.parts.length === parts.length && a.parts.every((p, i) => normal(p.text) === normal(parts[i].text)));
    if (!again) create({ ...snapshot, parts });
  }

  function expire(attempt) {
    for (const part of attempt.parts) {
      if (!open(part)) continue;
      part.state = 'unconfirmed';
      report(attempt, part, 'unconfirmed', ns.messages['post-unconfirmed']);
    }
    settle(attempt);
  }

  /** The part a CreateTweet request sends: the waiting part with its text, else the oldest waiting one. */
  function partFor(request) {
    const waiting = attempts.flatMap((a) => a.parts.filter((p) => p.state === 'waiting'));
    return waiting.find((p) => request && normal(p.text) === normal(request.text)) || waiting[0] || null;
  }

  function onRequest(message) {
    const request = x.network.createTweetRequest(message.body);
    // A post sent from somewhere the coach did not see still goes on the record.
    const part = partFor(request) || (request ? create({ parts: [{ text: request.text }] }).parts[0] : null);
    if (!part) return;
    part.state = 'sending';
    part.request = request;
    part.attempt.sawRequest = true;
    byRequest.set(message.id, part);
  }

  function onResponse(message) {
    const part = byRequest.get(message.id);
    byRequest.delete(message.id);
    if (!part || part.state !== 'sending') return;
    const answer = x.network.createTweetResponse(message.status, message.body);
    if (answer.outcome === 'created') {
      confirm(part, { id: answer.id, url: x.network.postUrl(location.origin, answer.id, answer.screenName), replyTo: answer.replyTo });
      return;
    }
    if (answer.outcome === 'scheduled') {
      confirm(part, { id: null, url: null, replyTo: null });
      return;
    }
    if (answer.outcome === 'unknown') {
      // The post may well exist: wait for the toast, and say "unconfirmed" if none comes.
      part.state = 'untold';
      watchToast();
      return;
    }
    part.state = 'failed';
    report(part.attempt, part, 'failed', `${ns.messages['post-failed']} X said: ${answer.message}`);
    // X stops a thread at its first failed post: the rest will not be sent either.
    for (const rest of part.attempt.parts) if (rest.state === 'waiting') rest.state = 'failed';
    settle(part.attempt);
  }

  /** Whether a toast's link can name this post: the first post of a new post or thread (the
   * link goes to a thread's first post, to the parent of a reply, nowhere for a schedule). */
  function toastCanName(attempt, part) {
    if (attempt.parts.indexOf(part) !== 0 || attempt.replyTo) return false;
    if (part.request && (part.request.replyTo || part.request.scheduled)) return false;
    return part.state === 'untold' || (part.state === 'waiting' && !attempt.sawRequest);
  }

  /** When X's answer did not say which post it made, the toast's "View" link confirms it. */
  function watchToast() {
    const unseen = attempts.filter((a) => toastCanName(a, a.parts[0]));
    if (!unseen.length) return;
    const toast = x.toastPost();
    if (!toast || usedToasts.has(toast.id)) return;
    const attempt = unseen.find((a) => a.toastBefore !== toast.id);
    if (!attempt) return;
    usedToasts.add(toast.id);
    confirm(attempt.parts[0], { id: toast.id, url: toast.url, replyTo: null });
  }

  async function confirm(part, post) {
    const { attempt } = part;
    const index = attempt.parts.indexOf(part);
    const previous = index > 0 ? attempt.parts[index - 1] : null;
    const request = part.request;
    part.state = 'confirmed';
    part.remoteId = post.id;
    settle(attempt);
    const scheduledFor = request?.scheduled ? request.scheduledFor : null;
    const record = {
      client_id: part.clientId,
      platform: PLATFORM,
      text: request?.text ?? part.text,
      posted_at: scheduledFor ?? pageClock.nowISO(),
      event: attempt.event,
      session: attempt.session,
      remote_id: post.id,
      url: post.url,
      // X's request says what the post replies to; without it, the thread's previous post or the conversation.
      reply_to_remote_id: request ? request.replyTo : post.replyTo ?? (previous ? previous.remoteId : attempt.replyTo),
      thread_of_client_id: previous?.state === 'confirmed' ? previous.clientId : null,
      scheduled_for: scheduledFor,
      quoted_url: request?.quoted ?? null,
      edit_of_remote_id: request?.editOf ?? null,
      media: part.media,
      tips: part.tips,
    };
    const reply = await background.ask('record-post', { record });
    if (!reply.ok) report(attempt, part, 'unsaved', `The post went out, but Backchannel could not save it: ${reply.message || ns.messages[reply.state]}`);
    else if (reply.state === 'stored') {
      const kind = record.scheduled_for ? 'scheduled' : record.edit_of_remote_id ? 'edited' : 'recorded';
      report(attempt, part, kind, ns.messages[`post-${kind}`]);
    } else report(attempt, part, reply.state, reply.message || ns.messages[`post-${reply.state}`]);
  }

  function start() {
    if (started) return;
    started = true;
    pageRequests.watch(x.network.createTweetPath, (message) => (message.kind === 'request' ? onRequest(message) : onResponse(message)));
    lifecycle.onDomChange(watchToast, new AbortController().signal); // for the page's lifetime
  }

  /** Hear each outcome ({ state, message }) until `signal` aborts. */
  function subscribe(listener, signal) {
    listeners.add(listener);
    signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
  }

  /** The outcome of the latest post, if it is recent enough to show. */
  const recent = () => (latest && performance.now() - latest.at < SHOWN_MS ? latest : null);

  ns.postRecorder = Object.freeze({ start, begin, subscribe, recent });
})();
