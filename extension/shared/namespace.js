/* The one namespace the extension's plain scripts share in each context (the background,
 * the content scripts, the popup, the options page), loaded first in each of the manifest's
 * lists (and the pages' <script> tags). Reading a name that no loaded file has given it
 * throws at once, naming the name, so a file missing from its list fails loudly where it is
 * needed instead of handing out `undefined`. Each script gives its names at its end
 * (`ns.name = …`); docs/EXTENSION.md ("One load list") says how the lists are kept. */
(() => {
  'use strict';
  if (globalThis.Backchannel) return;
  const loaded = {};
  globalThis.Backchannel = new Proxy(loaded, {
    get(target, name) {
      if (typeof name === 'symbol' || Object.hasOwn(target, name)) return target[name];
      // Asked of any object by promises and JSON, never a script's name: not there.
      if (name === 'then' || name === 'toJSON') return undefined;
      throw new ReferenceError(
        `Backchannel.${name} is not loaded: the file that defines it is missing from this context's list in extension/manifest.json, or comes after the file that needs it`,
      );
    },
  });
})();
