/* Frame timing for the panel. Work done inside an animation-frame callback is painted in
 * that same frame; work done anywhere else waits for the next one (up to 16.7 ms at 60 Hz).
 * So the coach notices a pause in typing on a frame boundary and draws there, and it
 * measures "painted" as the first task after the rendering update that drew it. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  // A hidden tab runs no animation frames; its work must not wait for the tab to come back.
  const HIDDEN_FALLBACK_MS = 100;

  /** Run `callback(framed)` in the next animation frame (framed = true), or after a short
   * timeout when no frame comes (a hidden tab: framed = false). */
  function atNextFrame(callback) {
    let done = false;
    const run = (framed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(framed);
    };
    const timer = setTimeout(() => run(false), HIDDEN_FALLBACK_MS);
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
