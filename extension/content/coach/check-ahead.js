/* Checks of the draft ahead of the pause. While the user types, the newest draft goes to
 * the helper (one request in flight; whatever was typed meanwhile goes when it returns), so
 * when the pause comes its answer is usually in hand and the tips are drawn in the frame
 * that notices the pause instead of a round trip later. The pause still decides when the
 * panel changes: answers that arrive ahead of it are only kept, never drawn.
 *
 * A draft is known by its key (text, photos, reply target); its answer is kept for a short
 * while only, because the check also depends on the clock (which session is running).
 * After a failed check nothing more is sent ahead until a check succeeds again: while the
 * helper is down, each try may start the native host, and the pause's own check retries
 * with a backoff. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  // An answer older than this is asked again: the running session may have changed.
  const FRESH_MS = 2000;

  class CheckAhead {
    /** `ask(payload)` sends one check and resolves to the background's reply. */
    constructor(ask) {
      this.ask = ask;
      this.inFlight = null; // { key, promise }
      this.next = null; // the newest draft typed while a check was in flight: { key, payload() }
      this.answer = null; // { key, reply, sentAt } of the last successful check ahead
      this.halted = false; // a check ahead failed: wait for `resume()`
    }

    /** Check `draft` ({ key, payload() }) ahead of the pause, unless it is in hand or on its way. */
    send(draft) {
      if (this.inFlight) {
        this.next = this.inFlight.key === draft.key ? null : draft;
        return;
      }
      if (this.halted || this.answered(draft.key)) return;
      const sentAt = performance.now();
      const promise = this.ask(draft.payload()).then((reply) => {
        this.inFlight = null;
        const next = this.next;
        this.next = null;
        if (reply?.ok) {
          this.answer = { key: draft.key, reply, sentAt };
          if (next) this.send(next);
        } else {
          this.halted = true; // the pause's own check reports the failure and retries
        }
        return reply;
      });
      this.inFlight = { key: draft.key, promise };
    }

    /** The successful reply for `key`, when it is in hand and fresh; else null. */
    answered(key) {
      const answer = this.answer;
      return answer && answer.key === key && performance.now() - answer.sentAt < FRESH_MS ? answer.reply : null;
    }

    /** The promise of the reply for `key`, when that check is on its way; else null. */
    pending(key) {
      return this.inFlight?.key === key ? this.inFlight.promise : null;
    }

    /** A check succeeded: send ahead again. */
    resume() {
      this.halted = false;
    }

    /** Forget what is in hand (the rules or the helper changed). */
    forget() {
      this.answer = null;
      this.next = null;
    }
  }

  ns.CheckAhead = CheckAhead;
})();
