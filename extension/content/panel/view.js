/* The coach panel: a view with no knowledge of X or the helper. It draws a state (tips,
 * length left, a problem, a status) with DOM APIs and textContent only — tips carry
 * tweet text and helper text, which must never be parsed as HTML — and reports clicks
 * through callbacks. Testability contract: host [data-backchannel="coach"], tips
 * [data-rule], fix buttons [data-backchannel-fix], actions [data-backchannel-action]. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const STATUS_CLASS = { 'helper-down': 'down', 'not-paired': 'down', unauthorized: 'down', 'extension-reloaded': 'down', problem: 'problem' };

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  class CoachPanel {
    /** handlers: { onFix(tip), onDismiss(code), onDisableRule(code), onAttachSession() } */
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
      this.notice = el('p', { className: 'notice', 'aria-live': 'polite', 'data-backchannel-notice': '' });
      this.attach = el('button', { type: 'button', 'data-backchannel-action': 'attach-session', title: 'Insert the hashtags, title and speaker of the session on now' }, 'Attach session context');
      root.append(
        style,
        el('section', { className: 'panel', 'aria-label': 'Backchannel Coach' },
          el('header', {}, el('span', { className: 'title' }, 'Backchannel'), this.title, this.length),
          this.problem, this.status, this.list, el('footer', {}, this.attach), this.notice),
      );
      // Keep the focus (and Draft.js's selection) in the composer when a button is pressed.
      root.addEventListener('mousedown', (event) => {
        if (event.target.closest?.('button')) event.preventDefault();
      });
      root.addEventListener('click', (event) => this.clicked(event));
      this.tips = new Map();
    }

    clicked(event) {
      const button = event.target.closest?.('button');
      if (!button || button.disabled) return;
      const fix = button.getAttribute('data-backchannel-fix');
      const action = button.getAttribute('data-backchannel-action');
      const code = button.closest('li')?.getAttribute('data-rule');
      if (fix) this.handlers.onFix(this.tips.get(fix));
      else if (action === 'attach-session') this.handlers.onAttachSession();
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

    setNotice(text) {
      this.notice.textContent = text || '';
    }

    /** state: idle | checking | ready | helper-down | not-paired | unauthorized | helper-error | … */
    setStatus(state, message = '') {
      this.host.setAttribute('data-state', state);
      this.status.className = `status ${STATUS_CLASS[state] || ''}`.trim();
      this.status.textContent = message;
    }

    /** Draw a /v1/check result, leaving out dismissed rules. */
    render(result, dismissed) {
      const left = result.length.limit - result.length.weighted;
      this.length.textContent = left >= 0 ? `${left} left` : `${-left} over`;
      this.length.classList.toggle('over', left < 0);
      this.tips = new Map();
      const items = [];
      for (const tip of result.tips) {
        if (dismissed.has(tip.code) || this.tips.has(tip.code)) continue;
        this.tips.set(tip.code, tip);
        items.push(this.tipItem(tip));
      }
      this.list.replaceChildren(...items);
      this.setStatus('ready', items.length ? '' : 'No tips: this post looks good.');
    }

    tipItem(tip) {
      const actions = el('div', { className: 'actions' });
      if (tip.fix) actions.append(el('button', { type: 'button', className: 'primary', 'data-backchannel-fix': tip.code }, tip.fix.parts ? `Copy as a thread of ${tip.fix.parts.length}` : tip.fix.title));
      actions.append(
        el('button', { type: 'button', className: 'quiet', 'data-backchannel-action': 'dismiss', title: 'Hide this tip for this post' }, 'Dismiss'),
        el('button', { type: 'button', className: 'quiet', 'data-backchannel-action': 'disable-rule', title: `Stop checking ${tip.name} (turn it back on in the options)` }, 'Turn off rule'),
      );
      return el('li', { 'data-rule': tip.code, 'data-level': tip.level },
        el('span', { className: 'level' }, tip.level), el('span', { className: 'message' }, tip.message), el('span', { className: 'code' }, tip.code), actions);
    }

    clearTips() {
      this.tips = new Map();
      this.list.replaceChildren();
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
