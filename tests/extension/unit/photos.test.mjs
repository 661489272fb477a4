// The photo set's bookkeeping that needs no pixels (content/coach/photos.js): descriptions
// read from X's one link per post in any language, and photos of one size each keeping their
// own preview where the browser will not read pixels back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './load.mjs';

const { ns } = load(['shared/constants.js', 'content/core/background.js', 'content/coach/photos.js']);

test('descriptions are read from the one link, in any language', () => {
  const set = new ns.PhotoSet(() => {});
  const photos = (count, { fresh, part = 0 } = {}) => {
    set.items = Array.from({ length: count }, (_, i) => ({ key: i + 1, part, fresh, alt: null, attachment: { image: i } }));
    return set.items.map((p) => p.attachment);
  };
  const read = (text, items, part = 0) => {
    set.readDescriptions([{ part, items, description: text === null ? null : { text } }]);
    return set.items.map((p) => p.alt);
  };
  // English: X's words say none has one, whatever the photos.
  assert.deepEqual(read('Add descriptions', photos(2, { fresh: false })), ['', '']);
  // German, never seen before: beside photos just attached the link can only say "none"...
  assert.deepEqual(read('Beschreibungen hinzufügen', photos(2, { fresh: true })), ['', '']);
  read('Beschreibung hinzufügen', photos(1, { fresh: true })); // learned, as a new photo shows it
  // ...so later, beside the same words, the photos still have none, and a description shows.
  assert.deepEqual(read('Beschreibung hinzufügen', photos(1, { fresh: false })), ['']);
  assert.deepEqual(read('Folie: 70 % des Lernens', set.items.map((p) => p.attachment)), ['Folie: 70 % des Lernens']);
  // A count says how many have one, not which: unknown for each, in any digits.
  assert.deepEqual(read('2 image descriptions', photos(2, { fresh: false })), [null, null]);
  assert.deepEqual(read('٢ أوصاف للصور', photos(2, { fresh: false })), [null, null]);
  // Words never seen, beside a photo that was not just attached: the description itself.
  assert.deepEqual(read('Slide: the 70-20-10 model', photos(1, { fresh: false })), ['Slide: the 70-20-10 model']);
  // A post whose link is not shown (not the active post) keeps what was read.
  const items = photos(1, { fresh: false });
  read('Add description', items);
  assert.deepEqual(read(null, items), ['']);
});

test('two photos of one size keep their own previews when pixels cannot be read', () => {
  // X shows media in the order they were attached: that order decides when the pixels cannot
  // (fingerprints are null here, as in a browser that refuses them).
  const set = new ns.PhotoSet(() => {});
  const photo = (key) => ({ key, state: 'analysing', analysis: null, fingerprint: null, seen: false, fresh: true, part: null, attachment: null, addedAt: 0 });
  const [first, second] = [photo(1), photo(2)];
  set.items = [first, second];
  const items = ['first preview', 'second preview'].map((name) => ({ image: { name }, width: 1600, height: 1200, remove: null }));
  const sync = () => set.sync([{ part: 0, items, description: null }], new WeakMap());
  Object.assign(second, { state: 'ready', analysis: { width: 1600, height: 1200 } });
  sync();
  assert.equal(second.attachment?.image.name ?? null, 'second preview');
  Object.assign(first, { state: 'ready', analysis: { width: 1600, height: 1200 } });
  sync();
  assert.deepEqual([first.attachment?.image.name ?? null, second.attachment?.image.name ?? null], ['first preview', 'second preview']);
});

test("X's preview is drawn for its fingerprint only where its size cannot say whose it is", () => {
  // Drawing the preview decodes the whole photo on the page's thread (12 MP from a phone): the
  // one photo of a size beside the one preview of it are paired by their size alone.
  const set = new ns.PhotoSet(() => {});
  const photo = (key) => ({ key, state: 'ready', analysis: { width: 4000, height: 3000 }, fingerprint: null, seen: false, fresh: true, part: null, attachment: null, addedAt: 0 });
  const first = photo(1);
  set.items = [first];
  const preview = (name) => ({ image: { name }, width: 4000, height: 3000, remove: null });
  const items = [preview('first preview')];
  const fingerprints = new WeakMap();
  const sync = () => set.sync([{ part: 0, items, description: null }], fingerprints);
  sync();
  assert.equal(first.attachment?.image.name, 'first preview');
  first.fingerprint = new Uint8Array(64); // its thumbnail is made
  sync();
  assert.equal(fingerprints.has(items[0].image), false, 'one photo, one preview of its size: not drawn');
  // A second photo of the same size, still without its answer: it may own either preview.
  const second = { ...photo(2), state: 'analysing', analysis: null };
  set.items.push(second);
  items.push(preview('second preview'));
  sync();
  assert.equal(fingerprints.has(items[0].image), true, 'two previews of the size: drawn to compare');
  assert.equal(fingerprints.get(items[0].image), null); // a preview that cannot be read back (no canvas here)...
  Object.assign(second, { state: 'ready', analysis: { width: 4000, height: 3000 } });
  sync();
  // ...leaves X's order to decide.
  assert.deepEqual([first.attachment?.image.name, second.attachment?.image.name], ['first preview', 'second preview']);
});
