// Text the coach computes without a page: code point ↔ UTF-16 indices (shared/codepoints.js),
// fix planning (content/coach/insert-text.js), the session snippet without the draft's tags
// (content/coach/session-context.js), base64 for photos (shared/bytes.js) and where the
// helper may live (shared/constants.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load, plain } from './load.mjs';

const { ns } = load(['shared/constants.js', 'shared/codepoints.js', 'shared/bytes.js', 'content/coach/insert-text.js', 'content/coach/session-context.js']);

test('code points to UTF-16 and back', () => {
  const toUtf16 = [['abc', 2], ['🎤 hi', 1], ['🎤 hi', 2], ['a🎤b', 3], ['ab', 10]].map(([text, point]) => ns.codepoints.toUtf16(text, point));
  assert.deepEqual(toUtf16, [2, 2, 3, 4, 2]);
  const toCodePoint = [['abc', 2], ['🎤 hi', 2], ['a🎤b', 3]].map(([text, unit]) => ns.codepoints.toCodePoint(text, unit));
  assert.deepEqual(toCodePoint, [2, 1, 2]);
});

test('fix plans', () => {
  const plan = (fix, checked, current) => plain(ns.insertText.planFix(fix, checked, current));
  const tag = { edits: [{ start: 5, end: 5, insert: ' #LT13' }], result: 'hello #LT13' };
  assert.deepEqual(plan(tag, 'hello', 'hello'), { mode: 'append', text: ' #LT13', expected: 'hello #LT13' });
  // Trailing whitespace the fix would replace is reused instead of doubled.
  assert.deepEqual(plan({ edits: [{ start: 5, end: 6, insert: ' #LT13' }], result: 'hello #LT13' }, 'hello ', 'hello '),
    { mode: 'append', text: '#LT13', expected: 'hello #LT13' });
  // An append stays right when the person typed more after the check.
  assert.deepEqual(plan(tag, 'hello', 'hello world'), { mode: 'append', text: ' #LT13', expected: 'hello world #LT13' });
  assert.deepEqual(plan({ edits: [{ start: 0, end: 0, insert: '#LT13' }], result: '#LT13' }, '', 'typed'),
    { mode: 'append', text: ' #LT13', expected: 'typed #LT13' });
  // Indices are code points: the emoji is one, not two.
  assert.deepEqual(plan({ edits: [{ start: 2, end: 2, insert: ' — @priya' }], result: '🎤! — @priya' }, '🎤!', '🎤!'),
    { mode: 'append', text: ' — @priya', expected: '🎤! — @priya' });
  const whole = { edits: [{ start: 0, end: 3, insert: 'Hi' }], result: 'Hi there' };
  assert.deepEqual(plan(whole, 'Hey there', 'Hey there'), { mode: 'replace', text: 'Hi there', expected: 'Hi there' });
  // A whole-draft fix computed for an older draft would lose what was typed since.
  assert.deepEqual(plan(whole, 'Hey there', 'Hey there!'), { mode: 'stale' });
});

test("the session snippet drops tags the draft has", () => {
  assert.equal(ns.sessionContext.withoutTagsPresent('#LT13 #LT13A1 “Learning in the flow of work” — @priyaraman', 'Great talk #lt13'),
    '#LT13A1 “Learning in the flow of work” — @priyaraman');
  assert.equal(ns.sessionContext.withoutTagsPresent('#LT13 #LT13A1 “Learning” — @priyaraman', 'Great talk'), '#LT13 #LT13A1 “Learning” — @priyaraman');
});

test('helper addresses are loopback only', () => {
  const urls = ['http://127.0.0.1:28841', 'http://localhost:1', 'http://[::1]:28841', 'https://127.0.0.1:28841',
    'http://127.0.0.1.evil.example:28841', 'http://127.0.0.1:28841/v1', 'http://10.0.0.1:28841'];
  assert.deepEqual(urls.map((url) => ns.constants.HELPER_URL.test(url)), [true, true, true, false, false, false, false]);
});

test('base64 round trip', () => {
  for (const numbers of [[], [0, 255, 128], Array.from({ length: 256 * 200 }, (_, i) => i % 256)]) {
    const encoded = ns.bytes.toBase64(Uint8Array.from(numbers));
    assert.equal(encoded, Buffer.from(numbers).toString('base64'));
    assert.deepEqual(Array.from(ns.bytes.fromBase64(encoded)), numbers);
  }
  assert.equal(ns.bytes.toBase64(Uint8Array.from([0, 255, 128])), 'AP+A');
});
