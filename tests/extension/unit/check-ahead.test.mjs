// Checks sent ahead of the pause in typing (content/coach/check-ahead.js), with a helper
// that answers only when the test says so and a clock the test moves by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load, plain } from './load.mjs';

test('checks ahead of the pause send the newest draft and keep fresh answers only', async () => {
  const clock = { now: 0 };
  const { ns } = load(['content/coach/check-ahead.js'], { performance: { now: () => clock.now } });
  const asked = [];
  const answer = [];
  const ahead = new ns.CheckAhead((payload) => {
    asked.push(payload.text);
    return new Promise((resolve) => answer.push(resolve));
  });
  const draft = (text) => ({ key: `${text}\0[]`, payload: () => ({ text }) });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  ahead.send(draft('a'));
  ahead.send(draft('ab'));
  ahead.send(draft('abc')); // the newest draft waits; 'ab' is never sent
  // One request in flight; drafts typed meanwhile collapse into the newest.
  assert.deepEqual(asked, ['a']);
  assert.deepEqual([ahead.pending(draft('a').key) !== null, ahead.pending(draft('abc').key) !== null], [true, false]);
  assert.equal(ahead.answered(draft('a').key), null);
  answer.shift()({ ok: true, result: 'tips for a' });
  await settle();
  assert.deepEqual(asked, ['a', 'abc']);
  assert.deepEqual(plain(ahead.answered(draft('a').key)), { ok: true, result: 'tips for a' });
  // A failure is never kept: the check at the pause reports it, and nothing more goes
  // ahead until a check succeeds (each try might start the native host).
  answer.shift()({ ok: false, state: 'helper-down' });
  await settle();
  assert.equal(ahead.answered(draft('abc').key), null);
  ahead.send(draft('abcd'));
  assert.equal(asked.length, 2);
  ahead.resume();
  ahead.send(draft('a')); // in hand: not asked again
  assert.equal(asked.length, 2);
  // Answers depend on the clock (the running session): after 2 s they are asked again.
  clock.now += 2500;
  assert.equal(ahead.answered(draft('a').key), null);
  ahead.send(draft('a'));
  answer.shift()({ ok: true, result: 'tips for a, again' });
  await settle();
  assert.deepEqual(plain(ahead.answered(draft('a').key)), { ok: true, result: 'tips for a, again' });
  ahead.forget();
  assert.equal(ahead.answered(draft('a').key), null);
  assert.deepEqual(asked, ['a', 'abc', 'a']);
});
