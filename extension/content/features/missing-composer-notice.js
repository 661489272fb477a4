/* Feature: on pages that must have a composer (home, /compose/post), say so when the
 * adapter cannot find one, instead of coaching nothing in silence. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x, lifecycle, CoachPanel } = ns;
  const GRACE_MS = 4000; // X renders the composer well within this on a slow machine

  function start(signal) {
    let panel = null;
    const found = () => x.findComposers(document).length > 0;
    const show = () => {
      if (signal.aborted || found() || panel) return;
      panel = new CoachPanel({ onFix() {}, onDismiss() {}, onDisableRule() {}, onAttachSession() {} });
      panel.setStatus('problem', '');
      panel.setProblem("Backchannel can't find X's post composer on this page. X may have changed its layout — the coach is off here until it is fixed.");
      panel.attach.hidden = true;
      panel.mount();
      panel.host.hidden = false;
      Object.assign(panel.host.style, { top: '12px', right: '12px', left: 'auto' });
    };
    const timer = setTimeout(show, GRACE_MS);
    lifecycle.onDomChange(() => {
      if (panel && found()) {
        panel.destroy();
        panel = null;
      }
    }, signal);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      panel?.destroy();
    }, { once: true });
  }

  lifecycle.addFeature({ id: 'missing-composer-notice', runsOn: x.pages.expectsComposer, start });
})();
