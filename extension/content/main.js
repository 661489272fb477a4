/* Starts the features listed before it in the manifest. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  if (Object.hasOwn(ns, 'started')) return;
  ns.started = true;
  ns.lifecycle.start();
})();
