/* Features and their lifetimes (after refined-github): each feature says where it runs,
 * as a pure function of the URL, and gets an AbortSignal. The signal is aborted on in-app
 * navigation, so listeners and observers tied to it are torn down and the feature starts
 * again for the new page. X navigates with history.pushState, which a content script
 * cannot hear, so the URL is compared whenever the DOM changes (batched to one frame). */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const features = [];
  const domListeners = new Set();
  let frameRequested = false;

  /** feature: { id, runsOn(url: URL): boolean, start(signal: AbortSignal): void } */
  function addFeature(feature) {
    features.push(feature);
  }

  /** Call `callback` once per frame in which the document changed, until `signal` aborts. */
  function onDomChange(callback, signal) {
    domListeners.add(callback);
    signal.addEventListener('abort', () => domListeners.delete(callback), { once: true });
  }

  function flush() {
    frameRequested = false;
    for (const callback of [...domListeners]) {
      try {
        callback();
      } catch (error) {
        console.error('Backchannel:', error);
      }
    }
  }

  function start() {
    let href = null;
    let controller = null;
    const navigate = () => {
      if (location.href === href) return;
      href = location.href;
      controller?.abort();
      controller = new AbortController();
      const url = new URL(href);
      for (const feature of features) {
        if (!feature.runsOn(url)) continue;
        try {
          feature.start(controller.signal);
        } catch (error) {
          console.error(`Backchannel: feature ${feature.id} failed to start`, error);
        }
      }
    };
    const changed = () => {
      navigate();
      if (!frameRequested) {
        frameRequested = true;
        requestAnimationFrame(flush);
      }
    };
    new MutationObserver(changed).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener('popstate', changed);
    navigate();
    changed();
  }

  ns.lifecycle = Object.freeze({ addFeature, onDomChange, start });
})();
