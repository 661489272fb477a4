/* The page's clock, not the content script's own. They agree in real life; in tests the
 * page's Date is faked (Playwright's clock) and the helper must see that time, so the
 * time is asked of a tiny listener in the page's world (page-world/clock.js). The answer
 * comes back during the synchronous dispatch. A missing or odd answer falls back to our
 * own Date. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

  function nowISO() {
    let answer = null;
    const listen = (event) => {
      if (typeof event.detail === 'string') answer = event.detail;
    };
    document.addEventListener('backchannel:clock-answer', listen);
    try {
      document.dispatchEvent(new CustomEvent('backchannel:clock-ask'));
    } finally {
      document.removeEventListener('backchannel:clock-answer', listen);
    }
    return answer && ISO.test(answer) ? answer : new Date().toISOString();
  }

  ns.pageClock = Object.freeze({ nowISO });
})();
