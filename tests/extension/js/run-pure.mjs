// Loads the extension's plain scripts into a bare context (no DOM) and answers the pure
// questions the Python tests ask: page detection, code point conversion, fix planning.
// Usage: node run-pure.mjs <extension dir> < questions.json > answers.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const dir = process.argv[2];
// A clock the questions move by hand, so kept answers age without waiting.
const clock = { now: 0 };
const context = vm.createContext({ console, atob, btoa, URL, performance: { now: () => clock.now } });
context.globalThis = context;
for (const file of ['shared/constants.js', 'shared/codepoints.js', 'shared/bytes.js', 'content/adapters/x.js', 'content/coach/insert-text.js', 'content/coach/session-context.js', 'content/coach/check-ahead.js', 'content/coach/photos.js']) {
  vm.runInContext(readFileSync(join(dir, file), 'utf8'), context, { filename: file });
}
const ns = context.Backchannel;
const questions = JSON.parse(readFileSync(0, 'utf8'));
const answers = {
  pages: questions.urls.map((href) => {
    const url = new URL(href);
    return Object.fromEntries(Object.entries(ns.x.pages).map(([name, test]) => [name, test(url)]));
  }),
  toUtf16: questions.toUtf16.map(([text, cp]) => ns.codepoints.toUtf16(text, cp)),
  toCodePoint: questions.toCodePoint.map(([text, unit]) => ns.codepoints.toCodePoint(text, unit)),
  plans: questions.plans.map(([fix, checked, current]) => ns.insertText.planFix(fix, checked, current)),
  withoutTags: questions.withoutTags.map(([snippet, draft]) => ns.sessionContext.withoutTagsPresent(snippet, draft)),
  helperUrl: questions.helperUrls.map((url) => ns.constants.HELPER_URL.test(url)),
  statusIds: questions.statusUrls.map((href) => ns.x.statusId(new URL(href))),
  createTweetPaths: questions.createTweetPaths.map((path) => ns.x.network.createTweetPath.test(path)),
  createTweetRequests: questions.createTweetRequests.map((body) => ns.x.network.createTweetRequest(body)),
  createTweetResponses: questions.createTweetResponses.map(([status, body]) => ns.x.network.createTweetResponse(status, body)),
  shortcuts: questions.shortcuts.map(({ mac, ...event }) => ns.x.isPostShortcut({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...event }, mac)),
  postUrls: questions.postUrls.map(([origin, id, name]) => ns.x.network.postUrl(origin, id, name)),
  replyPages: questions.replyPages.map((action) => ns.x.replyPageUrl('https://x.com', action)),
  base64: questions.base64.map((numbers) => {
    const encoded = ns.bytes.toBase64(Uint8Array.from(numbers));
    return [encoded, Array.from(ns.bytes.fromBase64(encoded))];
  }),
};

/** Checks ahead of the pause, with a helper that answers only when the scenario says so. */
async function checkAhead() {
  const asked = [];
  const answer = [];
  const ahead = new ns.CheckAhead((payload) => {
    asked.push(payload.text);
    return new Promise((resolve) => answer.push(resolve));
  });
  const draft = (text) => ({ key: `${text}\0[]`, payload: () => ({ text }) });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const seen = {};
  ahead.send(draft('a'));
  ahead.send(draft('ab'));
  ahead.send(draft('abc')); // the newest draft waits; 'ab' is never sent
  seen.askedWhileInFlight = [...asked];
  seen.pending = [ahead.pending(draft('a').key) !== null, ahead.pending(draft('abc').key) !== null];
  seen.answeredBeforeReply = ahead.answered(draft('a').key);
  answer.shift()({ ok: true, result: 'tips for a' });
  await settle();
  seen.askedAfterReply = [...asked];
  seen.answeredA = ahead.answered(draft('a').key);
  answer.shift()({ ok: false, state: 'helper-down' });
  await settle();
  seen.failedIsNotKept = ahead.answered(draft('abc').key);
  ahead.send(draft('abcd')); // after a failure nothing goes ahead...
  seen.askedWhileHalted = asked.length;
  ahead.resume(); // ...until a check succeeds
  ahead.send(draft('a')); // in hand: not asked again
  seen.askedForKept = asked.length;
  clock.now += 2500;
  seen.staleAnswer = ahead.answered(draft('a').key);
  ahead.send(draft('a')); // too old: asked again
  answer.shift()({ ok: true, result: 'tips for a, again' });
  await settle();
  seen.fresh = ahead.answered(draft('a').key);
  ahead.forget();
  seen.forgotten = ahead.answered(draft('a').key);
  seen.asked = asked;
  return seen;
}
answers.checkAhead = await checkAhead();

/** Descriptions read from X's one link per post, into photos the PhotoSet already matched. */
function descriptions() {
  const set = new ns.PhotoSet(() => {});
  const photos = (count, { fresh, part = 0 } = {}) => {
    set.items = Array.from({ length: count }, (_, i) => ({ key: i + 1, part, fresh, alt: null, attachment: { image: i } }));
    return set.items.map((p) => p.attachment);
  };
  const read = (text, items, part = 0) => {
    set.readDescriptions([{ part, items, description: text === null ? null : { text } }]);
    return set.items.map((p) => p.alt);
  };
  const seen = {};
  seen.english = read('Add descriptions', photos(2, { fresh: false }));
  seen.germanFresh = read('Beschreibungen hinzufügen', photos(2, { fresh: true }));
  read('Beschreibung hinzufügen', photos(1, { fresh: true })); // learned, as a new photo shows it
  seen.germanAgain = read('Beschreibung hinzufügen', photos(1, { fresh: false }));
  seen.germanDescribed = read('Folie: 70 % des Lernens', set.items.map((p) => p.attachment));
  seen.counted = read('2 image descriptions', photos(2, { fresh: false }));
  seen.arabicDigits = read('٢ أوصاف للصور', photos(2, { fresh: false }));
  seen.unknownSingle = read('Slide: the 70-20-10 model', photos(1, { fresh: false }));
  const items = photos(1, { fresh: false });
  read('Add description', items);
  seen.inactiveKept = read(null, items);
  return seen;
}
answers.descriptions = descriptions();

/** Two photos of one size, where pixels cannot be read back (fingerprints are null here, as
 * in a browser that refuses them): the second is judged first, yet each gets its own preview. */
function sameSizePhotos() {
  const set = new ns.PhotoSet(() => {});
  const photo = (key) => ({ key, state: 'analysing', analysis: null, fingerprint: null, seen: false, fresh: true, part: null, attachment: null, addedAt: 0 });
  const [first, second] = [photo(1), photo(2)];
  set.items = [first, second];
  const items = ['first preview', 'second preview'].map((name) => ({ image: { name }, width: 1600, height: 1200, remove: null }));
  const sync = () => set.sync([{ part: 0, items, description: null }], new WeakMap());
  Object.assign(second, { state: 'ready', analysis: { width: 1600, height: 1200 } });
  sync();
  const seen = { secondJudgedFirst: second.attachment?.image.name ?? null };
  Object.assign(first, { state: 'ready', analysis: { width: 1600, height: 1200 } });
  sync();
  seen.both = [first.attachment?.image.name ?? null, second.attachment?.image.name ?? null];
  return seen;
}
answers.sameSizePhotos = sameSizePhotos();
process.stdout.write(JSON.stringify(answers));
