// The post recorder (content/coach/post-recorder.js) in a jsdom page at x.com: a post going
// out is recorded once X's answer to its CreateTweet call (as the page-world script reports
// it) names the post; a refusal is not recorded; a thread's posts are chained; a post the
// coach did not see go out is recorded all the same. X's answers come from x_api.py.
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';
import { loadInPage, plain } from './load.mjs';
import { X } from './x-answers.mjs';

const CHANNEL = 'backchannel:request-watch:v1';

function page() {
  const sent = [];
  const chrome = { runtime: { sendMessage: async (message) => { sent.push(plain(message)); return { ok: true, state: 'stored' }; } } };
  const { ns, window } = loadInPage(['shared/constants.js', 'shared/codepoints.js', 'content/core/lifecycle.js', 'content/core/page-clock.js',
    'content/core/page-requests.js', 'content/core/background.js', 'content/adapters/x.js', 'content/coach/post-recorder.js'],
  { extra: { chrome, crypto: webcrypto } });
  const outcomes = [];
  ns.postRecorder.subscribe((outcome) => outcomes.push(plain(outcome)), new window.AbortController().signal);
  let id = 0;
  /** X's client posting `variables` and X answering `status`, `answer`, as the page-world script tells it. */
  const post = (variables, status, answer) => {
    id += 1;
    const tell = (data) => window.dispatchEvent(new window.MessageEvent('message', { data: { channel: CHANNEL, id, ...data }, source: window, origin: window.location.origin }));
    tell({ kind: 'request', body: JSON.stringify({ variables, queryId: 'q' }) });
    tell({ kind: 'response', status, body: JSON.stringify(answer) });
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  const records = () => sent.filter((message) => message.type === 'record-post').map((message) => message.record);
  return { ns, post, settled, records, outcomes };
}

const snapshot = (...texts) => ({
  parts: texts.map((text, i) => ({ text, tips: i === 0 ? [{ code: 'WHO001' }] : [], media: [] })),
  event: 'lt13', session: 7, replyTo: null,
});

test('a post X created is recorded with its id, address, event, session and tips', async () => {
  const { ns, post, settled, records, outcomes } = page();
  ns.postRecorder.begin(snapshot('Hello #LT13'));
  post({ tweet_text: 'Hello #LT13' }, 200, X.created);
  await settled();
  const [record] = records();
  assert.match(record.client_id, /^[0-9a-f-]{36}$/);
  assert.match(record.posted_at, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual({ ...record, client_id: null, posted_at: null }, {
    client_id: null, platform: 'x', text: 'Hello #LT13', posted_at: null, event: 'lt13', session: 7,
    remote_id: '1890000000000000001', url: 'https://x.com/ada_at_lt13/status/1890000000000000001',
    reply_to_remote_id: null, thread_of_client_id: null, scheduled_for: null, quoted_url: null, edit_of_remote_id: null,
    media: [], tips: [{ code: 'WHO001' }],
  });
  assert.equal(outcomes.at(-1).state, 'recorded');
  assert.equal(records().length, 1);
});

test('a post X refused, even at HTTP 200, is not recorded and says why', async () => {
  const { ns, post, settled, records, outcomes } = page();
  ns.postRecorder.begin(snapshot('Hello #LT13'));
  post({ tweet_text: 'Hello #LT13' }, ...X.refusals.duplicate);
  await settled();
  assert.deepEqual(records(), []);
  assert.equal(outcomes.at(-1).state, 'failed');
  assert.match(outcomes.at(-1).message, /Status is a duplicate\. \(187\)/);
});

test("a thread's second post is recorded as following the first, replying to it", async () => {
  const { ns, post, settled, records } = page();
  ns.postRecorder.begin(snapshot('One #LT13', 'Two'));
  post({ tweet_text: 'One #LT13' }, 200, X.thread[0]);
  await settled();
  post({ tweet_text: 'Two', reply: { in_reply_to_tweet_id: '1890000000000000011', exclude_reply_user_ids: [] } }, 200, X.thread[1]);
  await settled();
  const [first, second] = records();
  assert.deepEqual([first.remote_id, second.remote_id], ['1890000000000000011', '1890000000000000012']);
  assert.equal(second.thread_of_client_id, first.client_id);
  assert.equal(second.reply_to_remote_id, '1890000000000000011');
});

test('a post the coach did not see go out is recorded from X\'s request all the same; a scheduled one at its time', async () => {
  const { ns, post, settled, records, outcomes } = page();
  ns.postRecorder.start(); // as the coach-panels feature does on every page where posts are written
  post({ tweet_text: 'Sent from elsewhere' }, 200, X.created);
  await settled();
  post({ post_tweet_request: { status: 'Later #LT13', media_ids: [] }, execute_at: 1359554400 }, 200, X.scheduled);
  await settled();
  const [elsewhere, scheduled] = records();
  assert.deepEqual([elsewhere.text, elsewhere.remote_id, elsewhere.event], ['Sent from elsewhere', '1890000000000000001', null]);
  assert.deepEqual([scheduled.text, scheduled.remote_id, scheduled.scheduled_for, scheduled.posted_at],
    ['Later #LT13', null, '2013-01-30T14:00:00.000Z', '2013-01-30T14:00:00.000Z']);
  assert.equal(outcomes.at(-1).state, 'scheduled');
});
