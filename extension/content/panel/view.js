/* The coach panel: a view with no knowledge of X or the helper. It draws a state (tips,
 * length left, photos, a problem, a status, what became of the last post) with DOM APIs
 * and textContent only — tips carry tweet text and helper text, which must never be
 * parsed as HTML — and reports clicks through callbacks. Testability contract: host
 * [data-backchannel="coach"], tips [data-rule] (photo tips also [data-photo]), fix buttons
 * [data-backchannel-fix] / [data-backchannel-photo-fix], actions [data-backchannel-action],
 * photo cards [data-backchannel-photo] with a canvas thumbnail [data-backchannel-thumbnail]
 * (the slide's box drawn on it, in thumbnail pixels in data-slide-box), the post's fate
 * [data-backchannel-post][data-post-state]. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { el } = ns.dom;
  const STATUS_CLASS = { 'helper-down': 'down', 'not-paired': 'down', unauthorized: 'down', 'extension-reloaded': 'down', problem: 'problem' };

  const THUMBNAIL_SIZE = 96; // CSS pixels, the longer side
  const TIP_THUMBNAIL_SIZE = 32; // beside a photo tip
  const SLIDE_COLOUR = '#ffd400';
  const PHOTO_STATE_TEXT = { analysing: 'Looking at the photo…' };

  /** A photo's one-line summary: where its slide is, as a follower sees it. */
  function photoSummary(photo) {
    if (photo.state !== 'ready') return photo.message || PHOTO_STATE_TEXT[photo.state] || '';
    const { slide, width, height } = photo.analysis;
    if (!slide) return `${width}×${height} px; no slide found.`;
    return `${width}×${height} px; slide ${Math.round(slide.share * 100)}% of the photo, ${slide.display_width} px wide as followers see it.`;
  }

  /** Draw a thumbnail of `photo` with its slide's box; returns the box in thumbnail pixels, or null. */
  function drawThumbnail(canvas, photo, size = THUMBNAIL_SIZE) {
    const bitmap = photo.thumbnail;
    const ratio = devicePixelRatio || 1;
    const width = photo.analysis?.width || bitmap?.width || 4;
    const height = photo.analysis?.height || bitmap?.height || 3;
    const scale = size / Math.max(width, height);
    const cssWidth = Math.max(1, Math.round(width * scale));
    const cssHeight = Math.max(1, Math.round(height * scale));
    Object.assign(canvas.style, { width: `${cssWidth}px`, height: `${cssHeight}px` });
    canvas.width = Math.round(cssWidth * ratio);
    canvas.height = Math.round(cssHeight * ratio);
    const context = canvas.getContext('2d');
    context.scale(ratio, ratio);
    context.fillStyle = '#cfd9de';
    context.fillRect(0, 0, cssWidth, cssHeight);
    if (bitmap) context.drawImage(bitmap, 0, 0, cssWidth, cssHeight);
    const box = photo.analysis?.slide?.box;
    if (!box) return null;
    const [left, top, right, bottom] = box.map((v) => v * scale);
    const drawn = [left, top, right - left, bottom - top].map(Math.round);
    context.lineWidth = 3;
    context.strokeStyle = 'rgb(0 0 0 / 60%)';
    context.strokeRect(left, top, right - left, bottom - top);
    context.lineWidth = 2;
    context.strokeStyle = SLIDE_COLOUR;
    context.strokeRect(left, top, right - left, bottom - top);
    return drawn;
  }

  class CoachPanel {
    /** handlers: { onFix(tip), onDismiss(code), onDisableRule(code), onAttachSession(), onAnswerChat(), onPhotoFix(tip), onPhotoDownload(key) } */
    constructor(handlers) {
      this.handlers = handlers;
      this.host = el('div', { 'data-backchannel': 'coach', 'data-state': 'idle', hidden: true });
      const root = this.host.attachShadow({ mode: 'open' });
      const style = el('style');
      style.textContent = ns.panelCss;
      this.title = el('span', { className: 'post' });
      this.length = el('span', { className: 'length', 'data-backchannel-length': '' });
      this.status = el('p', { className: 'status', role: 'status', 'data-backchannel-status': '' });
      this.problem = el('p', { className: 'status problem', 'data-backchannel-problem': '', hidden: true });
      this.list = el('ul', { 'aria-label': 'Tips for this post' });
      this.photos = el('ul', { className: 'photos', 'aria-label': 'Photos in this post', hidden: true });
      this.notice = el('p', { className: 'notice', 'aria-live': 'polite', 'data-backchannel-notice': '' });
      this.post = el('p', { className: 'post-status', role: 'status', 'data-backchannel-post': '', hidden: true });
      this.attach = el('button', { type: 'button', 'data-backchannel-action': 'attach-session', title: 'Insert the hashtags, title and speaker of the session on now' }, 'Attach session context');
      // Shown while a weekly chat is live and has a question: starts "A<n>  #chat".
      this.answer = el('button', { type: 'button', 'data-backchannel-action': 'answer-chat', hidden: true }, '');
      // Shown while a session is on: the speaker asked that it not be posted (the coach then warns).
      this.hold = el('button', { type: 'button', 'data-backchannel-action': 'hold-session', hidden: true, title: 'The speaker asked that this session not be posted: warn on drafts and photos during it' }, 'Not to be posted');
      root.append(
        style,
        el('section', { className: 'panel', 'aria-label': 'Backchannel Coach' },
          el('header', {}, el('span', { className: 'title' }, 'Backchannel'), this.title, this.length),
          this.problem, this.status, this.photos, this.list, el('footer', {}, this.attach, this.answer, this.hold), this.notice, this.post),
      );
      // Keep the focus (and Draft.js's selection) in the composer when a button is pressed.
      root.addEventListener('mousedown', (event) => {
        if (event.target.closest?.('button')) event.preventDefault();
      });
      root.addEventListener('click', (event) => this.clicked(event));
      this.tips = new Map();
      this.otherFixes = new Map();
    }

    clicked(event) {
      const button = event.target.closest?.('button');
      if (!button || button.disabled) return;
      const fix = button.getAttribute('data-backchannel-fix');
      const photoFix = button.getAttribute('data-backchannel-photo-fix');
      const action = button.getAttribute('data-backchannel-action');
      const code = button.closest('li')?.getAttribute('data-rule');
      if (fix) this.handlers.onFix(this.tips.get(fix) ?? this.otherFixes.get(fix));
      else if (photoFix) this.handlers.onPhotoFix(this.tips.get(photoFix));
      else if (action === 'download-crop') this.handlers.onPhotoDownload(Number(button.closest('li')?.getAttribute('data-photo-key')));
      else if (action === 'attach-session') this.handlers.onAttachSession();
      else if (action === 'answer-chat') this.handlers.onAnswerChat?.();
      else if (action === 'hold-session') this.handlers.onHoldSession?.();
      else if (action === 'dismiss') this.handlers.onDismiss(code);
      else if (action === 'disable-rule') this.handlers.onDisableRule(code);
    }

    mount(parent = document.body) {
      if (!this.host.isConnected) parent.append(this.host);
    }

    destroy() {
      this.host.remove();
    }

    setLabel(text) {
      this.title.textContent = text;
    }

    /** A problem finding something on X's page; null clears it. */
    setProblem(text) {
      this.problem.hidden = !text;
      this.problem.textContent = text || '';
    }

    /** Whether the "Not to be posted" button shows: a session is on, and it is not marked already. */
    setSessionHold(available) {
      this.hold.hidden = !available;
    }

    /** The live chat ({ chat: { hashtag }, question: { number, text } } from /v1/chats/live), or null. */
    setChat(live) {
      const question = live?.question;
      this.answer.hidden = !question;
      this.answer.textContent = question ? `Answer Q${question.number} #${live.chat.hashtag}` : '';
      this.answer.title = question ? `Q${question.number}: ${question.text}` : '';
    }

    setNotice(text) {
      this.notice.textContent = text || '';
    }

    /** state: idle | checking | ready | helper-down | not-paired | unauthorized | helper-error | … */
    setStatus(state, message = '') {
      this.host.setAttribute('data-state', state);
      this.status.className = `status ${STATUS_CLASS[state] || ''}`.trim();
      this.status.textContent = message;
    }

    /** Draw tips ({ tips, length }: a /v1/check result, length null for a photo-only draft),
     * leaving out dismissed rules. A photo tip carries photoKey (and photoIndex, from 0) and is
     * drawn with a small thumbnail of its photo (`photos`: the analysed photos, in order). */
    render(result, dismissed, { photos = [] } = {}) {
      if (result.length) {
        const left = result.length.limit - result.length.weighted;
        this.length.textContent = left >= 0 ? `${left} left` : `${-left} over`;
        this.length.classList.toggle('over', left < 0);
      } else {
        this.length.textContent = '';
      }
      this.tips = new Map();
      this.otherFixes = new Map(); // a tip's other one-click fixes (`more_fixes`), each as that tip with that fix
      const items = [];
      for (const tip of result.tips) {
        const key = tip.photoKey ? `${tip.code}#${tip.photoKey}` : tip.code;
        if (dismissed.has(tip.code) || this.tips.has(key)) continue;
        this.tips.set(key, tip);
        items.push(this.tipItem(tip, key, photos));
      }
      this.list.replaceChildren(...items);
      this.setStatus('ready', items.length ? '' : 'No tips: this post looks good.');
    }

    /** The tips drawn now, as the helper gave them (a post record keeps them). */
    shownTips() {
      return [...this.tips.values()].map(({ photoKey, photoIndex, ...tip }) => tip);
    }

    tipItem(tip, key, photos) {
      const actions = el('div', { className: 'actions' });
      if (tip.fix) actions.append(el('button', { type: 'button', className: 'primary', 'data-backchannel-fix': key }, tip.fix.parts ? `Copy as a thread of ${tip.fix.parts.length}` : tip.fix.title));
      (tip.more_fixes ?? []).forEach((fix, i) => {
        // GDE004's slides link beside the programme page: one button each, applied like the first.
        const other = `${key}@${i + 1}`;
        this.otherFixes.set(other, { ...tip, fix, more_fixes: undefined });
        actions.append(el('button', { type: 'button', className: 'primary', 'data-backchannel-fix': other }, fix.title));
      });
      if (tip.photo_fix) actions.append(el('button', { type: 'button', className: 'primary', 'data-backchannel-photo-fix': key }, tip.photo_fix.title));
      actions.append(
        el('button', { type: 'button', className: 'quiet', 'data-backchannel-action': 'dismiss', title: 'Hide this tip for this post' }, 'Dismiss'),
        el('button', { type: 'button', className: 'quiet', 'data-backchannel-action': 'disable-rule', title: `Stop checking ${tip.name} (turn it back on in the options)` }, 'Turn off rule'),
      );
      const which = tip.photoKey && photos.length > 1 ? `Photo ${tip.photoIndex + 1}: ` : '';
      const item = el('li', { 'data-rule': tip.code, 'data-level': tip.level, 'data-photo': tip.photoKey ? tip.photoIndex + 1 : null },
        el('span', { className: 'level' }, tip.level), el('span', { className: 'message' }, which + tip.message), el('span', { className: 'code' }, tip.code));
      // A description proposed from the slide: shown, to be pasted into X's editor and edited there.
      if (tip.photo_fix?.description) item.append(el('p', { className: 'proposal', 'data-backchannel-proposal': '' }, tip.photo_fix.description));
      item.append(actions);
      const photo = tip.photoKey && photos.find((p) => p.key === tip.photoKey);
      if (photo) {
        // Which photo the tip is about, at a glance: its thumbnail beside the tip.
        const canvas = el('canvas', { className: 'tip-thumbnail', 'data-backchannel-tip-thumbnail': '', role: 'img', 'aria-label': `Photo ${tip.photoIndex + 1}` });
        drawThumbnail(canvas, photo, TIP_THUMBNAIL_SIZE);
        item.prepend(canvas);
      }
      return item;
    }

    clearTips() {
      this.tips = new Map();
      this.list.replaceChildren();
      this.length.textContent = '';
    }

    /** Draw the attached photos: a thumbnail with the slide outlined, and what the helper said. */
    setPhotos(photos) {
      this.photos.hidden = photos.length === 0;
      this.photos.replaceChildren(...photos.map((photo, index) => {
        const canvas = el('canvas', { className: 'thumbnail', 'data-backchannel-thumbnail': '', role: 'img' });
        const box = drawThumbnail(canvas, photo);
        canvas.setAttribute('aria-label', box ? `Photo ${index + 1}, its slide outlined` : `Photo ${index + 1}`);
        if (box) canvas.setAttribute('data-slide-box', box.join(','));
        const about = el('div', { className: 'about' },
          el('p', { className: `summary ${photo.state}`, 'data-backchannel-photo-summary': '' }, photoSummary(photo)));
        // The quick answer's tips are shown; the helper is still reading the slide's text.
        if (photo.reading) about.append(el('p', { className: 'summary analysing', 'data-backchannel-photo-reading': '' }, 'Reading the slide…'));
        if (photo.analysis?.crop) {
          about.append(el('div', { className: 'actions' },
            el('button', { type: 'button', className: 'quiet', 'data-backchannel-action': 'download-crop', title: 'Save a copy cropped to the slide' }, 'Download cropped')));
        }
        return el('li', { 'data-backchannel-photo': index + 1, 'data-photo-key': photo.key, 'data-photo-state': photo.state }, canvas, about);
      }));
    }

    /** What became of the last post ({ state, message }), or null. */
    setPost(outcome) {
      this.post.hidden = !outcome;
      this.post.setAttribute('data-post-state', outcome?.state || '');
      this.post.textContent = outcome?.message || '';
    }

    /** Sit below `anchor` (the toolbar, else the text box), as wide as `frame`, inside the viewport. */
    place(anchor, frame) {
      const a = anchor.getBoundingClientRect();
      const f = frame.getBoundingClientRect();
      const visible = a.width > 0 && a.height > 0 && a.bottom > 0 && a.top < innerHeight;
      this.host.hidden = !visible;
      if (!visible) return;
      const width = Math.max(280, Math.min(560, f.width));
      const left = Math.max(8, Math.min(f.left, innerWidth - width - 8));
      const height = this.host.offsetHeight || 0;
      const top = Math.max(8, Math.min(a.bottom + 6, innerHeight - height - 8));
      Object.assign(this.host.style, { top: `${Math.round(top)}px`, left: `${Math.round(left)}px`, width: `${Math.round(width)}px` });
    }
  }

  ns.CoachPanel = CoachPanel;
})();
