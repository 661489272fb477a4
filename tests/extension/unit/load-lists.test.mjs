// The manifest is the one place that says which scripts run in which context, and in what
// order (docs/EXTENSION.md, "One load list"). These checks keep that true: every script is
// listed exactly where it runs, every name a script reads from the shared namespace is given
// by a script before it in the same list, the Chromium worker imports the manifest's own
// list, and a missing script fails loudly instead of leaving `undefined` behind.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { EXTENSION_DIR, LISTS, load } from './load.mjs';

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

function scriptsOnDisk(dir = EXTENSION_DIR) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scriptsOnDisk(path);
    return entry.name.endsWith('.js') ? [relative(EXTENSION_DIR, path).replaceAll('\\', '/')] : [];
  });
}

/** What a script gives the namespace (`ns.name = …`) and reads from it (`ns.name`, `const { … } = ns`). */
function namesOf(file) {
  const source = readFileSync(join(EXTENSION_DIR, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const gives = new Set([...source.matchAll(/\bns\.(\w+)\s*=(?!=)/g)].map((m) => m[1]));
  const reads = new Set([...source.matchAll(/\bns\.(\w+)/g)].map((m) => m[1]).filter((name) => !gives.has(name)));
  for (const [, names] of source.matchAll(/const\s*\{([^}]*)\}\s*=\s*ns\s*;/g)) {
    for (const name of names.split(',')) if (name.trim()) reads.add(name.split(':')[0].trim());
  }
  return { gives, reads };
}

test('every listed script exists, and every script is in a list (or is the worker)', () => {
  for (const [name, files] of Object.entries(LISTS)) {
    for (const file of files) assert.ok(existsSync(join(EXTENSION_DIR, file)), `${name} lists ${file}, which is missing`);
    assert.equal(new Set(files).size, files.length, `${name} lists a script twice`);
  }
  const listed = new Set([...Object.values(LISTS).flat(), manifest.background.service_worker]);
  assert.deepEqual(scriptsOnDisk().filter((file) => !listed.has(file)), []);
});

test('the namespace comes first wherever scripts share it', () => {
  for (const name of ['background', 'content', 'popup', 'options']) assert.equal(LISTS[name][0], 'shared/namespace.js', name);
  // The page's own world shares nothing with the extension.
  assert.ok(!LISTS['page-world'].includes('shared/namespace.js'));
  for (const file of LISTS['page-world']) assert.deepEqual([...namesOf(file).reads], [], file);
});

for (const [name, files] of Object.entries(LISTS)) {
  test(`${name}: every name a script reads is given by a script before it`, () => {
    const given = new Map();
    for (const file of files) {
      const { gives, reads } = namesOf(file);
      for (const read of reads) {
        if (read === 'started') continue; // main.js's own guard against running twice
        assert.ok(given.has(read) || gives.has(read), `${file} reads Backchannel.${read}, which no script before it in the ${name} list gives`);
      }
      for (const give of gives) {
        assert.ok(!given.has(give), `${file} gives Backchannel.${give}, which ${given.get(give)} gave already`);
        given.set(give, file);
      }
    }
  });
}

test("Chromium's worker imports the manifest's background list, the list Firefox loads", () => {
  const imported = [];
  const context = vm.createContext({
    importScripts: (...files) => imported.push(...files),
    chrome: { runtime: { getManifest: () => structuredClone(manifest) } },
  });
  vm.runInContext(readFileSync(join(EXTENSION_DIR, manifest.background.service_worker), 'utf8'), context);
  assert.deepEqual(imported, LISTS.background.map((file) => `/${file}`));
  assert.equal(manifest.background.type, undefined, "classic scripts: Firefox's event page and Chromium's worker load them alike");
});

test('a script whose dependency is not loaded fails at once, naming what is missing', () => {
  // check-ahead.js needs nothing; photos.js needs constants and the background messenger.
  assert.doesNotThrow(() => load(['content/coach/check-ahead.js']));
  assert.throws(() => load(['shared/constants.js', 'content/coach/photos.js']), /Backchannel\.background is not loaded/);
  const { ns } = load(['shared/constants.js']);
  assert.throws(() => ns.x, /Backchannel\.x is not loaded: the file that defines it is missing from this context's list in extension\/manifest\.json/);
  assert.equal(Object.hasOwn(ns, 'x'), false);
});

test('a script the tests ask for must be in a list', () => {
  assert.throws(() => load(['content/not-there.js']), /no load list in the manifest holds/);
  assert.throws(() => load(['background/router.js', 'content/adapters/x.js']), /no load list in the manifest holds/);
});
