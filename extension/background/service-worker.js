/* Chromium's entry point. Firefox has no service workers for extensions, so the manifest's
 * background.scripts lists the same files and Firefox loads them into its event page;
 * Chromium ignores that key and runs this worker, which imports the same list (a test
 * keeps the two lists identical). Classic scripts rather than ES modules: content scripts
 * cannot be modules, so every part of the extension shares one way of loading code. */
importScripts(
  '/shared/constants.js',
  '/shared/bytes.js',
  '/background/pairing-store.js',
  '/background/pairing.js',
  '/background/helper-client.js',
  '/background/post-queue.js',
  '/background/site-pause.js',
  '/background/router.js',
);
