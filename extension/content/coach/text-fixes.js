/* What the coach of a composer (content/coach/coach.js) does when a tip's button is
 * pressed: put a fix into the draft (or on the clipboard when X does not take it), carry
 * the draft over to a reply (FLW001), copy a thread split, attach the session's context,
 * and switch a rule off. Each asks for a fresh check afterwards. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x, background, insertText, sessionContext } = ns;

  /** A text tip's fix, a thread split or FLW001's reply. */
  async function fix(coach, tip) {
    if (!tip?.fix || !coach.last) return;
    coach.panel.setNotice('');
    if (tip.fix.action?.type === 'reply') {
      await continueThread(coach, tip.fix.action);
      return;
    }
    if (tip.fix.parts) {
      const copied = await insertText.copyToClipboard(tip.fix.parts.join('\n\n'));
      coach.panel.setNotice(copied ? `Copied as a thread of ${tip.fix.parts.length} posts (separated by blank lines).` : 'The clipboard refused the thread.');
      return;
    }
    const textbox = coach.active.textbox;
    const plan = insertText.planFix(tip.fix, coach.last.text, x.readText(textbox));
    if (plan.mode === 'stale') {
      coach.panel.setNotice('The draft changed since it was checked; the tips are updated — try again.');
      coach.check(true);
      return;
    }
    report(coach, await insertText.applyPlan(textbox, plan));
    coach.check(true);
  }

  /** FLW001: carry the draft over to a reply to your last post in the session. */
  async function continueThread(coach, action) {
    const target = x.replyPageUrl(location.origin, action);
    if (!target) {
      coach.panel.setNotice('Your last post in this session has no address on X yet; reply to it from your profile.');
      return;
    }
    const draft = x.readText(coach.active.textbox);
    const copied = !draft.trim() || (await insertText.copyToClipboard(draft));
    if (!copied) {
      coach.panel.setNotice('The clipboard refused your draft, so the reply was not opened: copy it yourself first.');
      return;
    }
    // X opens the reply box under the post: the draft is on the clipboard to paste there.
    location.assign(target);
  }

  async function attachSession(coach) {
    coach.panel.setNotice('');
    const outcome = await sessionContext.attach(coach.active.textbox, { event: coach.event });
    if (!outcome.ok) {
      coach.panel.setNotice(outcome.message || ns.messages[outcome.state] || 'No session context to insert.');
      return;
    }
    report(coach, outcome);
    coach.check(true);
  }

  /** The live chat's current question: start (or renumber) the draft as its answer. */
  async function answerChat(coach) {
    coach.panel.setNotice('');
    const live = coach.chat;
    if (!live?.question) {
      coach.panel.setNotice('No chat question is up right now.');
      return;
    }
    const textbox = coach.active.textbox;
    const plan = ns.chat.answerPlan(x.readText(textbox), live.question.number, live.chat.hashtag);
    report(coach, await insertText.applyPlan(textbox, plan));
    coach.check(true);
  }

  /** Mark the session on now as not to be posted (the user's own mark, kept by the helper). */
  async function holdSession(coach) {
    const session = coach.last?.result.session;
    if (!coach.event || !Number.isInteger(session)) return;
    const reply = await background.ask('hold-session', { event: coach.event, session });
    if (!reply.ok) {
      coach.panel.setNotice(reply.message || ns.messages[reply.state] || 'The helper could not mark the session.');
      return;
    }
    coach.panel.setNotice('Marked: this session is not to be posted. Lift it with `backchannel session no-post ID --clear`.');
    coach.ahead.forget();
    coach.check(true);
  }

  function report(coach, { landed, copied }) {
    if (landed) coach.panel.setNotice('');
    else if (copied) coach.panel.setNotice("X didn't take the text, so it is on your clipboard — paste it with Ctrl+V (⌘V).");
    else coach.panel.setNotice("X didn't take the text, and the clipboard refused it too. Type it by hand, sorry.");
  }

  async function disableRule(coach, code) {
    const reply = await background.ask('set-rule-enabled', { code, enabled: false });
    if (!reply.ok) {
      coach.panel.setNotice(reply.message);
      return;
    }
    coach.panel.setNotice(`${code} is off. Turn it back on in the extension options.`);
    coach.ahead.forget();
    coach.check(true);
  }

  ns.textFixes = Object.freeze({ apply: fix, attachSession, answerChat, holdSession, disableRule });
})();
