// Loads the extension's real scripts into a fresh context of their own, in the order the
// manifest (or a page's <script> tags) loads them, for node's test runner (`node --test`).
// No copy of any load list lives here: the lists are read from extension/manifest.json and
// the pages' HTML, so a test needs only name the files it is about.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { JSDOM } from 'jsdom';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXTENSION_DIR = join(ROOT, 'extension');

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

/** The scripts an extension page loads, in order, as paths inside extension/. */
function pageScripts(page) {
  const html = readFileSync(join(EXTENSION_DIR, page), 'utf8');
  return [...html.matchAll(/<script src="([^"]+)"/g)].map(([, src]) => join(dirname(page), src).replaceAll('\\', '/'));
}

/** Every list of scripts that run together in one context: name → files in load order. */
export const LISTS = Object.freeze({
  background: manifest.background.scripts,
  'page-world': manifest.content_scripts.find((script) => script.world === 'MAIN').js,
  content: manifest.content_scripts.find((script) => script.world !== 'MAIN').js,
  popup: pageScripts(manifest.action.default_popup),
  options: pageScripts(manifest.options_ui.page),
});

/** The globals node shares with a browser that the pure parts use; `extra` adds fakes. */
function globalsFor(extra) {
  const context = {
    console, URL, URLSearchParams, atob, btoa, fetch, AbortController, AbortSignal, TextEncoder, TextDecoder,
    setTimeout, clearTimeout, setImmediate, queueMicrotask, structuredClone, performance, Blob, File,
    ...extra,
  };
  context.globalThis = context;
  return context;
}

/**
 * Run `files` (paths inside extension/) in a new context without a DOM, with shared/namespace.js first and
 * in the order of the one list that holds them all, and return the namespace they fill.
 * A file in no list, or files from lists that never run together, throw.
 */
export function load(files, extra = {}) {
  const context = vm.createContext(globalsFor(extra));
  runIn(context, files);
  return { ns: context.Backchannel, context };
}

/**
 * The same in a page: a jsdom window at `url` (an x.com page unless said otherwise) with
 * `extra` added to its globals. Returns the namespace and the window.
 */
export function loadInPage(files, { url = 'https://x.com/home', extra = {} } = {}) {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url, runScripts: 'outside-only', pretendToBeVisual: true });
  Object.assign(dom.window, extra);
  runIn(dom.getInternalVMContext(), files);
  return { ns: dom.window.Backchannel, window: dom.window };
}

function runIn(context, files) {
  const list = Object.entries(LISTS).find(([, scripts]) => files.every((file) => scripts.includes(file)));
  if (!list) throw new Error(`no load list in the manifest holds all of ${files.join(', ')}`);
  const [, scripts] = list;
  for (const file of scripts.filter((script) => script === 'shared/namespace.js' || files.includes(script))) {
    vm.runInContext(readFileSync(join(EXTENSION_DIR, file), 'utf8'), context, { filename: join(EXTENSION_DIR, file) });
  }
}

/** A value made in another context, as plain data of this one (for deepStrictEqual). */
export const plain = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
