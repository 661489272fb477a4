/* Feature: the coach panel beside every composer on pages where posts are written.
 * One panel per composer (composers sharing a toolbar — a thread — share a panel, which
 * coaches the post last focused). After a pause in typing the draft goes to the helper
 * (through the background worker) and the tips are drawn. Panels go away with their
 * composer (X unmounts and remounts it on in-app navigation) and with the page. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x, lifecycle, background, pageClock, insertText, sessionContext, CoachPanel } = ns;
  const { DEBOUNCE_MS } = ns.constants;

  // While the helper is down or unpaired, look again now and then, so the panel recovers
  // without waiting for a keystroke.
  const RETRY_FIRST_MS = 2000;
  const RETRY_MAX_MS = 30000;
  const TOOLBAR_MISSING = "Can't find X's toolbar for this composer, so the panel sits under the text box (X may have changed its page).";

  /** Whether something else (a dialog and its mask) lies over the text box. */
  function covered(textbox) {
    const box = textbox.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const x = box.left + Math.min(box.width / 2, 24);
    const y = box.top + Math.min(box.height / 2, 12);
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const top = document.elementsFromPoint(x, y).find((element) => !element.hasAttribute('data-backchannel'));
    return Boolean(top) && !textbox.contains(top) && !top.contains(textbox);
  }

  class Coach {
    constructor(composers, pageSignal) {
      this.controller = new AbortController();
      this.signal = this.controller.signal;
      pageSignal.addEventListener('abort', () => this.destroy(), { once: true, signal: this.signal });
      this.composers = [];
      this.textboxes = new WeakSet();
      this.dismissed = new Set();
      this.seq = 0;
      this.timer = 0;
      this.retryDelay = RETRY_FIRST_MS;
      this.lastChecked = null;
      this.last = null; // { text, result } of the latest check
      this.panel = new CoachPanel({
        onFix: (tip) => this.fix(tip),
        onDismiss: (code) => this.dismiss(code),
        onDisableRule: (code) => this.disableRule(code),
        onAttachSession: () => this.attachSession(),
      });
      this.panel.setStatus('idle', 'Tips appear here as you type.');
      this.panel.mount();
      this.update(composers);
      this.active = composers[0];
      this.check();
    }

    get alive() {
      return !this.signal.aborted;
    }

    /** Take the current composers of this group (a thread may have gained one). */
    update(composers) {
      this.composers = composers;
      if (!this.active || !this.active.textbox.isConnected) this.active = composers[0];
      for (const composer of composers) {
        if (this.textboxes.has(composer.textbox)) continue;
        this.textboxes.add(composer.textbox);
        const { textbox } = composer;
        const changed = () => {
          this.active = this.composers.find((c) => c.textbox === textbox) || this.active;
          this.schedule();
        };
        textbox.addEventListener('input', changed, { signal: this.signal });
        textbox.addEventListener('focus', changed, { signal: this.signal });
        // Draft.js re-renders after a paste or a fix without an input event; watch its DOM.
        const observer = new MutationObserver(changed);
        observer.observe(textbox, { childList: true, characterData: true, subtree: true });
        this.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      }
      const problem = composers.some((c) => c.problems.includes('toolbar-missing')) ? TOOLBAR_MISSING : null;
      this.panel.setProblem(problem);
      this.label();
    }

    label() {
      const count = this.composers.length;
      this.panel.setLabel(count > 1 ? `post ${this.composers.indexOf(this.active) + 1} of ${count}` : '');
    }

    place() {
      const composer = this.active || this.composers[0];
      if (!composer) return;
      if (covered(composer.textbox)) this.panel.host.hidden = true; // e.g. the home composer under the compose dialog
      else this.panel.place(composer.toolbar || composer.textbox, composer.scope || composer.textbox);
    }

    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.check(), DEBOUNCE_MS);
    }

    async check(force = false) {
      if (!this.alive || !this.active) return;
      this.label();
      const text = x.readText(this.active.textbox);
      if (!force && text === this.lastChecked) return;
      const seq = ++this.seq;
      if (!text.trim()) {
        this.lastChecked = text;
        this.dismissed.clear();
        this.panel.clearTips();
        this.panel.setStatus('idle', 'Tips appear here as you type.');
        return;
      }
      const sentAt = performance.now();
      const reply = await background.ask('check', { text, at: pageClock.nowISO() });
      if (seq !== this.seq || !this.alive) return; // a newer draft is on its way
      if (!reply.ok) {
        this.lastChecked = null; // try again on the next keystroke, or after a while
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.check(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
        this.panel.clearTips();
        this.panel.setStatus(reply.state, reply.message || ns.messages[reply.state] || 'The helper could not check this draft.');
        this.place();
        return;
      }
      this.retryDelay = RETRY_FIRST_MS;
      this.lastChecked = text;
      this.last = { text, result: reply.result };
      this.event = reply.result.event;
      this.panel.render(reply.result, this.dismissed);
      this.place();
      // The time from sending the draft to the frame that paints its tips (make bench reads it).
      requestAnimationFrame(() => performance.measure('backchannel:tips-painted', { start: sentAt, end: performance.now() }));
    }

    async fix(tip) {
      if (!tip?.fix || !this.last) return;
      this.panel.setNotice('');
      if (tip.fix.parts) {
        const copied = await insertText.copyToClipboard(tip.fix.parts.join('\n\n'));
        this.panel.setNotice(copied ? `Copied as a thread of ${tip.fix.parts.length} posts (separated by blank lines).` : 'The clipboard refused the thread.');
        return;
      }
      const textbox = this.active.textbox;
      const plan = insertText.planFix(tip.fix, this.last.text, x.readText(textbox));
      if (plan.mode === 'stale') {
        this.panel.setNotice('The draft changed since it was checked; the tips are updated — try again.');
        this.check(true);
        return;
      }
      this.report(await insertText.applyPlan(textbox, plan));
      this.check(true);
    }

    async attachSession() {
      this.panel.setNotice('');
      const outcome = await sessionContext.attach(this.active.textbox, { event: this.event });
      if (!outcome.ok) {
        this.panel.setNotice(outcome.message || ns.messages[outcome.state] || 'No session context to insert.');
        return;
      }
      this.report(outcome);
      this.check(true);
    }

    report({ landed, copied }) {
      if (landed) this.panel.setNotice('');
      else if (copied) this.panel.setNotice("X didn't take the text, so it is on your clipboard — paste it with Ctrl+V (⌘V).");
      else this.panel.setNotice("X didn't take the text, and the clipboard refused it too. Type it by hand, sorry.");
    }

    dismiss(code) {
      this.dismissed.add(code);
      if (this.last) this.panel.render(this.last.result, this.dismissed);
    }

    async disableRule(code) {
      const reply = await background.ask('set-rule-enabled', { code, enabled: false });
      if (!reply.ok) {
        this.panel.setNotice(reply.message);
        return;
      }
      this.panel.setNotice(`${code} is off. Turn it back on in the extension options.`);
      this.check(true);
    }

    destroy() {
      clearTimeout(this.timer);
      this.controller.abort();
      this.panel.destroy();
    }
  }

  function start(signal) {
    const coaches = new Map(); // group key (toolbar, else text box) → Coach
    const scan = () => {
      const groups = new Map();
      for (const composer of x.findComposers(document)) {
        const key = composer.toolbar || composer.textbox;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(composer);
      }
      for (const [key, coach] of coaches) {
        if (!groups.has(key) || !key.isConnected || !coach.alive) {
          coach.destroy();
          coaches.delete(key);
        }
      }
      for (const [key, composers] of groups) {
        composers.sort((a, b) => a.index - b.index);
        if (coaches.has(key)) coaches.get(key).update(composers);
        else coaches.set(key, new Coach(composers, signal));
      }
      for (const coach of coaches.values()) coach.place();
    };
    lifecycle.onDomChange(scan, signal);
    const place = () => requestAnimationFrame(() => coaches.forEach((coach) => coach.place()));
    window.addEventListener('scroll', place, { capture: true, passive: true, signal });
    window.addEventListener('resize', place, { passive: true, signal });
    scan();
  }

  lifecycle.addFeature({ id: 'coach-panel', runsOn: x.pages.canCoach, start });
})();
