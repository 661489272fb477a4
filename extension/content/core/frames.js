/* Frame timing for the panel. Work done inside an animation-frame callback is painted in
 * that same frame; work done anywhere else waits for the next one (up to 16.7 ms at 60 Hz).
 * So the coach notices a pause in typing on a frame boundary and draws there, and it
 * measures "painted" as the first task after the rendering update that drew it. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  // A hidden tab runs no animation frames: its work goes on at once, not when the tab comes
  // back. A visible tab's frame can be late (the compositor rasterising X's preview of a
  // 12 MP photo holds it back for a few hundred ms) but it comes, and what waits for it must
  // wait: giving up early ran the page's next heavy work before the paint it was waiting
  // for. This bound only keeps a browser that never sends a frame from stalling the coach.
  const NO_FRAME_MS = 1000;

  /** Run `callback(framed)` in the next animation frame (framed = true), or without one
   * (framed = false) when the tab is hidden or becomes hidden first. */
  function atNextFrame(callback) {
    let done = false;
    const run = (framed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', hidden);
      callback(framed);
    };
    const hidden = () => {
      if (document.hidden) run(false);
    };
    const timer = setTimeout(() => run(false), document.hidden ? 0 : NO_FRAME_MS);
    document.addEventListener('visibilitychange', hidden);
    requestAnimationFrame(() => run(true));
  }

  /** Call `callback()` once the DOM as it is now has been painted: in the first task after
   * the rendering update that paints it. `inFrame` says the caller is inside an
   * animation-frame callback, whose changes this very frame paints. */
  function afterPaint(callback, { inFrame = false } = {}) {
    const queueTask = () => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        callback();
      };
      channel.port2.postMessage(null);
    };
    if (inFrame) queueTask();
    else requestAnimationFrame(queueTask);
  }

  ns.frames = Object.freeze({ atNextFrame, afterPaint });
})();
