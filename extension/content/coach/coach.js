/* The coach of one composer group (composers sharing a toolbar — a thread — share a
 * panel, which coaches the post last focused); content/features/coach-panels.js makes one
 * per group. While the user types, the draft goes to the helper (through the background
 * worker) ahead of time; after a pause in typing its tips are drawn, in the frame that
 * notices the pause when the answer is in hand. Photos the user attaches are judged by the
 * helper too, and their tips join the draft's. A tip's buttons are handled by
 * text-fixes.js and photo-fixes.js; when the post goes out, the post recorder gets its
 * snapshot (post-snapshot.js). A coach goes away with its composer (X unmounts and
 * remounts it on in-app navigation) and with the page. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x, frames, background, pageClock, postRecorder, postSnapshot, textFixes, photoFixes, CoachPanel, PhotoSet, CheckAhead } = ns;
  const { DEBOUNCE_MS } = ns.constants;

  // While the helper is down or unpaired, look again now and then, so the panel recovers
  // without waiting for a keystroke.
  const RETRY_FIRST_MS = 2000;
  const CHAT_REFRESH_MS = 10000; // how often the live chat (and the timeline's new questions) is looked at
  const RETRY_MAX_MS = 30000;

  /** What the panel says when parts of X's page it needs are missing (`missing`: names from
   * ns.markupParts), or null. */
  function markupProblem(missing) {
    if (!missing.length) return null;
    const parts = missing.map((name) => ns.markupParts[name] || name).join('; ');
    const where = missing.includes('toolbar') ? ' The panel sits under the text box.' : '';
    return `Can't find ${parts} — X may have changed its page.${where} The extension options list this for a report.`;
  }

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
      this.lastChecked = null; // the key of the draft (text, photos, reply target) checked last
      this.ahead = new CheckAhead((payload) => background.ask('check', payload));
      this.last = null; // { text, media, result } of the latest check
      this.panel = new CoachPanel({
        onFix: (tip) => textFixes.apply(this, tip),
        onDismiss: (code) => this.dismiss(code),
        onDisableRule: (code) => textFixes.disableRule(this, code),
        onAttachSession: () => textFixes.attachSession(this),
        onAnswerChat: () => textFixes.answerChat(this),
        onHoldSession: () => textFixes.holdSession(this),
        onPhotoFix: (tip) => photoFixes.apply(this, tip),
        onPhotoDownload: (key) => photoFixes.downloadCrop(this, key),
      });
      this.photos = new PhotoSet((photo) => this.photosChanged(photo));
      this.previewsAwaited = new WeakSet(); // attachment previews whose load is awaited
      this.previewFingerprints = new WeakMap(); // attachment preview → its fingerprint
      this.panel.setStatus('idle', 'Tips appear here as you type.');
      this.panel.setPost(postRecorder.recent());
      postRecorder.subscribe((outcome) => this.panel.setPost(outcome), this.signal);
      this.panel.mount();
      this.update(composers);
      this.active = composers[0];
      this.check();
      this.chat = null; // the weekly chat live now (from the helper), for the answer button
      this.watchChat();
    }

    /** Ask which chat is live (sending the moderator's questions the timeline shows) now and
     * every CHAT_REFRESH_MS, and show the answer button for its current question. */
    async watchChat() {
      while (this.alive) {
        const live = await ns.chat.refresh();
        if (!this.alive) return;
        this.chat = live;
        this.panel.setChat(live);
        await new Promise((resolve) => setTimeout(resolve, CHAT_REFRESH_MS));
      }
    }

    get alive() {
      return !this.signal.aborted;
    }

    /** Whether a DOM node belongs to this composer group (its text boxes, toolbar, attachments). */
    owns(node) {
      return this.composers.some((composer) => (composer.scope || composer.textbox).contains(node));
    }

    get scope() {
      return (this.active || this.composers[0])?.scope || null;
    }

    /** Take the current composers of this group (a thread may have gained one). */
    update(composers) {
      this.composers = composers;
      // Each scan finds the composers afresh: keep following the same text box.
      this.active = composers.find((c) => c.textbox === this.active?.textbox) || composers[0];
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
      this.reportMarkup();
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

    /** The draft as it stands, the key it is known by, and what the helper is asked. */
    draft() {
      const text = x.readText(this.active.textbox);
      const media = this.photos.media();
      const replyTo = x.replyTarget(this.active, new URL(location.href));
      // A photo whose slide is still being read is judged again once it is read.
      const reading = this.photos.ready().filter((photo) => photo.reading).map((photo) => photo.analysis.id);
      const key = `${text}\0${JSON.stringify(media)}\0${JSON.stringify(replyTo)}\0${reading.join(',')}`;
      return { text, media, reading, key, payload: () => ({ text, at: pageClock.nowISO(), media, replyTo }) };
    }

    /** The draft changed: check it ahead, and look for the pause on a frame boundary, so
     * tips drawn then are painted in that frame rather than waiting for the next one. */
    schedule() {
      if (!this.alive || !this.active) return;
      const typedAt = performance.now();
      const draft = this.draft();
      if (draft.key !== this.lastChecked && (draft.text.trim() || draft.media.length)) this.ahead.send(draft);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => frames.atNextFrame((framed) => this.check(false, { framed, typedAt })), DEBOUNCE_MS);
    }

    /** Check the draft and draw its tips. `force` asks the helper even when the draft is the
     * one checked last (a fix, a rule switched off); `framed` says this runs inside an
     * animation-frame callback; `typedAt` is the last keystroke before the pause. */
    async check(force = false, { framed = false, typedAt = null } = {}) {
      if (!this.alive || !this.active) return;
      const startedAt = performance.now();
      this.label();
      const draft = this.draft();
      const { text, media, key } = draft;
      if (!force && key === this.lastChecked) return;
      const seq = ++this.seq;
      if (!text.trim() && !media.length) {
        this.lastChecked = key;
        this.dismissed.clear();
        this.last = null;
        this.panel.clearTips();
        if (this.photos.pending) this.panel.setStatus('checking', 'Looking at the photo…');
        else this.panel.setStatus('idle', 'Tips appear here as you type.');
        return;
      }
      let reply = force ? null : this.ahead.answered(key);
      if (!reply) {
        framed = false; // the answer comes in some later task
        reply = await ((!force && this.ahead.pending(key)) || background.ask('check', draft.payload()));
        if (seq !== this.seq || !this.alive) return; // a newer draft is on its way
      }
      if (!reply.ok && reply.detail === 'not_found' && media.length && !this.resent) {
        // The helper restarted and forgot the photos: send them again (once), which checks again.
        this.resent = true;
        this.lastChecked = null;
        this.ahead.forget();
        this.photos.retry({ forgotten: true });
        return;
      }
      if (!reply.ok) {
        this.lastChecked = null; // try again on the next keystroke, or after a while
        this.ahead.forget();
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.check(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
        this.last = null;
        this.panel.clearTips();
        this.panel.setStatus(reply.state, reply.message || ns.messages[reply.state] || 'The helper could not check this draft.');
        this.place();
        return;
      }
      this.photos.retry(); // photos the helper missed while it was down go now
      this.ahead.resume();
      this.retryDelay = RETRY_FIRST_MS;
      this.resent = false;
      this.lastChecked = key;
      this.last = { text, media, reading: draft.reading, result: reply.result };
      this.event = reply.result.event;
      // A session is on and not yet held (GDE001 would say so): offer to mark it.
      this.panel.setSessionHold(Number.isInteger(reply.result.session) && !reply.result.tips.some((t) => t.code === 'GDE001'));
      this.draw();
      // From noticing the pause (or being asked) to the paint that shows the tips, and from
      // the last keystroke to that paint (make bench reads both).
      frames.afterPaint(() => {
        const paintedAt = performance.now();
        performance.measure('backchannel:tips-painted', { start: startedAt, end: paintedAt });
        if (typedAt !== null) performance.measure('backchannel:typed-to-tips-painted', { start: typedAt, end: paintedAt });
      }, { inFrame: framed });
    }

    /** The tips to show: the latest check's, plus those of photos analysed since it. Photo
     * tips name their photo by its place in the media list sent (`media`). */
    tips() {
      const ready = this.photos.ready();
      // A photo read since the last check: its own answer's tips are newer than the check's.
      const stale = new Set(ready.filter((photo) => !photo.reading && this.last?.reading?.includes(photo.analysis.id)).map((photo) => photo.analysis.id));
      const sent = (this.last?.media ?? []).map((item) => (stale.has(item.id) ? { ...item, id: null } : item));
      const tips = [];
      for (const tip of this.last?.result.tips ?? []) {
        if (typeof tip.media !== 'number') {
          tips.push(tip);
          continue;
        }
        const photo = ready.find((p) => p.analysis.id === sent[tip.media]?.id);
        if (photo) tips.push({ ...tip, photoKey: photo.key, photoIndex: ready.indexOf(photo) });
      }
      for (const photo of ready) {
        if (sent.some((m) => m.id === photo.analysis.id)) continue;
        for (const tip of photo.analysis.tips) tips.push({ ...tip, photoKey: photo.key, photoIndex: ready.indexOf(photo) });
      }
      return tips;
    }

    draw() {
      if (this.photosDrawn !== this.photos.version) {
        this.photosDrawn = this.photos.version;
        this.panel.setPhotos(this.photos.items);
      }
      // A composer X just mounted again has photos before its first answer: drawing their
      // tips alone would hide the draft's for a moment, so a draft with text waits for it.
      const photoOnly = this.photos.ready().length && !x.readText(this.active.textbox).trim();
      if (this.last || photoOnly) {
        this.panel.render({ tips: this.tips(), length: this.last?.result.length ?? null }, this.dismissed, { photos: this.photos.ready() });
      }
      this.place();
    }

    // ---- photos

    attachFiles(files) {
      for (const file of files) this.photos.add(file);
    }

    photosChanged(photo) {
      if (!this.alive) return;
      if (photo?.state === 'ready') this.syncPhotos(); // now it has a size to find it among X's attachments by
      this.draw();
      if (photo?.state === 'ready' || photo?.state === 'error' || !photo) this.check();
      if (photo?.state === 'ready') {
        // From the moment the photo was caught to the paint that shows its first tips, and to the
        // paint of the whole verdict once the slide is read (make bench reads both).
        const marks = [];
        if (!photo.paintedQuick) marks.push('backchannel:photo-tips-painted');
        if (!photo.reading && !photo.paintedFinal) marks.push('backchannel:photo-final-painted');
        photo.paintedQuick = true;
        photo.paintedFinal ||= !photo.reading;
        if (marks.length) {
          frames.afterPaint(() => {
            const end = performance.now();
            for (const mark of marks) performance.measure(mark, { start: photo.addedAt, end });
          });
        }
      }
    }

    /** The media of each post of this composer, as the adapter finds them. */
    media() {
      const alone = this.composers.length === 1;
      return this.composers.map((composer) => ({ part: composer.index, ...x.partMedia(composer.part, { alone }) }));
    }

    syncPhotos() {
      const parts = this.media();
      this.markupMissing = [...new Set(parts.flatMap((part) => part.problems))];
      this.reportMarkup();
      if (!this.photos.items.length && !parts.some((part) => part.items.length)) return;
      // A preview's size is known once it has loaded, which changes no DOM: look again then.
      for (const { items } of parts) {
        for (const { image, width } of items) {
          if (width || this.previewsAwaited.has(image)) continue;
          this.previewsAwaited.add(image);
          image.addEventListener('load', () => this.syncPhotos(), { once: true, signal: this.signal });
        }
      }
      this.photos.sync(parts, this.previewFingerprints);
    }

    /** Say which parts of X's page are missing, in the panel and (once per change) to the
     * options page through the background worker. */
    reportMarkup() {
      const missing = [...new Set([...this.composers.flatMap((c) => c.problems), ...(this.markupMissing || [])])].sort();
      const key = missing.join(',');
      if (key === this.markupReported) return;
      this.markupReported = key;
      this.panel.setProblem(markupProblem(missing));
      background.ask('report-markup', { missing, page: location.pathname });
    }

    // ---- posting

    /** The post is going out (its button, or Ctrl/⌘+Enter): tell the recorder what it holds. */
    posting() {
      postRecorder.begin(postSnapshot(this));
    }

    dismiss(code) {
      this.dismissed.add(code);
      this.draw();
    }

    destroy() {
      clearTimeout(this.timer);
      this.controller.abort();
      this.photos.destroy();
      this.panel.destroy();
    }
  }

  ns.Coach = Coach;
})();
