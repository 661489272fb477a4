/* Chromium's entry point. Firefox has no service workers for extensions: it loads the
 * manifest's background.scripts into its event page. Chromium ignores that key and runs this
 * worker, which imports the very same list, read from the manifest, so the files and their
 * order are written down once. Classic scripts rather than ES modules: content scripts
 * cannot be modules, so every part of the extension shares one way of loading code. A file
 * that is listed but missing stops the worker here (importScripts throws), and a file that
 * is needed but not listed throws where its name is read (shared/namespace.js). */
importScripts(...chrome.runtime.getManifest().background.scripts.map((file) => `/${file}`));
