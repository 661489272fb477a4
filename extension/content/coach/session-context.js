/* "Attach session context": ask the helper (through the background) what is on now at the
 * page's clock, and append its snippet, e.g. #LT13 #LT13A1 “Learning in the flow of work” — @priyaraman */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  function describeNext(now) {
    const next = now?.next?.[0];
    if (!next) return 'No session is on now, and none is coming up.';
    const start = new Date(next.start);
    const time = Number.isNaN(start.getTime()) ? next.start : start.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return `No session is on now. Next: “${next.title}” at ${time}.`;
  }

  /** The snippet without the hashtags the draft already carries (the event tag, often). */
  function withoutTagsPresent(snippet, draft) {
    const present = new Set((draft.match(/#[\p{L}\p{N}_]+/gu) || []).map((tag) => tag.toLowerCase()));
    return snippet
      .split(' ')
      .filter((word) => !(/^#[\p{L}\p{N}_]+$/u.test(word) && present.has(word.toLowerCase())))
      .join(' ');
  }

  /** { ok, landed?, copied?, snippet?, state?, message? } */
  async function attach(textbox, { event } = {}) {
    const reply = await ns.background.ask('now', { at: ns.pageClock.nowISO(), event });
    if (!reply.ok) return { ok: false, state: reply.state, message: reply.message };
    const snippet = reply.now?.snippet;
    if (!snippet) return { ok: false, state: 'no-session', message: describeNext(reply.now) };
    const current = ns.x.readText(textbox);
    const addition = withoutTagsPresent(snippet, current);
    const separator = current.trim() && !/\s$/.test(current) ? ' ' : '';
    const plan = { mode: 'append', text: separator + addition, expected: current + separator + addition };
    return { ok: true, snippet, ...(await ns.insertText.applyPlan(textbox, plan)) };
  }

  ns.sessionContext = Object.freeze({ attach, withoutTagsPresent });
})();
