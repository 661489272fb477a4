// The next step the popup and the options page show when the extension is not paired
// (shared/next-step.js): the exact command for each failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load, plain } from './load.mjs';

const { ns } = load(['shared/constants.js', 'shared/next-step.js']);

test('each failure has its own next step', () => {
  assert.match(ns.nextStep({ state: 'helper-down' }).steps[0], /`make run`/);
  assert.match(ns.nextStep({ state: 'unauthorized' }).summary, /token/);
  // The host is there but for another copy of the extension: reinstall it for this one.
  assert.match(ns.nextStep({ state: 'not-paired', detail: 'Access to the specified native messaging host is forbidden.' }).steps[0], /native-host install`/);
  const missing = plain(ns.nextStep({ state: 'not-paired', detail: 'Specified native messaging host not found.' }));
  assert.equal(missing.steps.length, 3);
  assert.match(missing.steps[1], /--profile DIR/);
  assert.match(missing.steps[2], /the options page's “Pair by hand”/);
  assert.match(ns.nextStep({ state: 'not-paired' }, { onOptions: true }).steps[2], /“Pair by hand” below/);
  assert.deepEqual(plain(ns.nextStep({ state: 'helper-error', message: 'Odd.' })).summary, 'Odd.');
  assert.equal(ns.nextStep(null).summary, 'The helper could not be reached.');
});
