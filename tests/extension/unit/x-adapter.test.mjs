// The X adapter's pure parts (content/adapters/x.js): page detection from sample URLs, post
// ids from addresses, X's requests to post and its answers (the JSON shapes X sends, built by
// tests/extension/x_api.py, which the browser tests answer with too) and the post shortcut.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load, plain } from './load.mjs';
import { X } from './x-answers.mjs';

const { ns } = load(['shared/constants.js', 'shared/codepoints.js', 'content/adapters/x.js']);

const PAGES = ['isX', 'isHome', 'isCompose', 'isConversation', 'isMessages', 'isSettings', 'canCoach', 'expectsComposer'];
const URLS = {
  // url: the page tests that are true for it
  'https://x.com/home': ['isX', 'isHome', 'canCoach', 'expectsComposer'],
  'https://twitter.com/home?lang=en': ['isX', 'isHome', 'canCoach', 'expectsComposer'],
  'https://x.com/compose/post': ['isX', 'isCompose', 'canCoach', 'expectsComposer'],
  'https://x.com/compose/tweet': ['isX', 'isCompose', 'canCoach', 'expectsComposer'],
  'https://mobile.x.com/compose/post?text=hi': ['isX', 'isCompose', 'canCoach', 'expectsComposer'],
  'https://x.com/priyaraman/status/1296887091901718529': ['isX', 'isConversation', 'canCoach'],
  'https://mobile.twitter.com/priyaraman/status/1296887091901718529/photo/1': ['isX', 'isConversation', 'canCoach'],
  'https://x.com/i/web/status/1296887091901718529': ['isX', 'isConversation', 'canCoach'],
  'https://x.com/priyaraman': ['isX', 'canCoach'],
  'https://x.com/explore': ['isX', 'canCoach'],
  'https://x.com/messages/123-456': ['isX', 'isMessages'],
  'https://x.com/i/chat': ['isX', 'isMessages'],
  'https://x.com/settings/account': ['isX', 'isSettings'],
  'https://x.com/i/flow/login': ['isX', 'isSettings'],
  'http://x.com/home': ['isHome'],
  'https://evil.example/home': ['isHome'],
  'https://x.com.evil.example/compose/post': ['isCompose'],
  'https://x.com/home/extra': ['isX', 'canCoach'],
};

for (const [href, expected] of Object.entries(URLS)) {
  test(`page detection: ${href}`, () => {
    assert.deepEqual(Object.keys(ns.x.pages).sort(), [...PAGES].sort());
    const url = new URL(href);
    assert.deepEqual(PAGES.filter((name) => ns.x.pages[name](url)), expected);
  });
}

test('status ids from post addresses', () => {
  const ids = ['https://x.com/priyaraman/status/1296887091901718529', 'https://x.com/i/web/status/42/photo/1', 'https://x.com/home',
    'https://x.com/priyaraman/statuses/12', 'https://x.com/a/b/status/1'].map((href) => ns.x.statusId(new URL(href)));
  assert.deepEqual(ids, ['1296887091901718529', '42', null, null, null]);
});

test('the CreateTweet endpoint is the post mutations only', () => {
  // CreateTweet, CreateNoteTweet (long posts) and CreateScheduledTweet post; nothing else does.
  const paths = ['/i/api/graphql/oB-5XsHNAbjvARJEc8CZFw/CreateTweet', '/i/api/graphql/abc/CreateNoteTweet', '/i/api/graphql/abc/CreateRetweet',
    '/i/api/graphql/abc/CreateTweet/extra', '/i/api/1.1/statuses/update.json', '/i/api/graphql/abc/CreateScheduledTweet'];
  assert.deepEqual(paths.map((path) => ns.x.network.createTweetPath.test(path)), [true, true, false, false, false, true]);
});

test("CreateTweet requests say the text and what it replies to, quotes, edits or schedules", () => {
  const read = (body) => plain(ns.x.network.createTweetRequest(body === null ? null : JSON.stringify(body)));
  assert.deepEqual(read({ variables: { tweet_text: 'Hello #LT13', media: { media_entities: [] } }, queryId: 'q' }),
    { scheduled: false, text: 'Hello #LT13', replyTo: null, quoted: null, editOf: null });
  assert.deepEqual(read({ variables: { tweet_text: 'Agreed', reply: { in_reply_to_tweet_id: '1296887091901718529', exclude_reply_user_ids: [] } } }),
    { scheduled: false, text: 'Agreed', replyTo: '1296887091901718529', quoted: null, editOf: null });
  assert.equal(read({ variables: { reply: { in_reply_to_tweet_id: '12' } } }), null);
  assert.equal(plain(ns.x.network.createTweetRequest('not json')), null);
  assert.equal(read(null), null);
  // A quote carries the quoted post's address; an edit, the post it edits.
  assert.equal(read({ variables: { tweet_text: 'This', attachment_url: 'https://x.com/priyaraman/status/1880000000000000042' } }).quoted,
    'https://x.com/priyaraman/status/1880000000000000042');
  assert.equal(read({ variables: { tweet_text: 'Fixed typo', edit_options: { previous_tweet_id: '1890000000000000001' } } }).editOf, '1890000000000000001');
  const hostile = read({ variables: { tweet_text: 'x', attachment_url: 'javascript:alert(1)', edit_options: { previous_tweet_id: '../1' } } });
  assert.deepEqual([hostile.quoted, hostile.editOf], [null, null]);
  // CreateScheduledTweet (twikit's client posts it the way X's web client does).
  const scheduled = read({ variables: { post_tweet_request: { auto_populate_reply_metadata: false, status: 'Later #LT13', exclude_reply_user_ids: [], media_ids: [] },
    execute_at: 1359554400 }, queryId: 'LCVzRQGxOaGnOnYH01NQXg' });
  assert.deepEqual(scheduled, { scheduled: true, text: 'Later #LT13', replyTo: null, scheduledFor: '2013-01-30T14:00:00.000Z' });
});

test('CreateTweet answers confirm a post only when X created one', () => {
  const answer = (status, body) => plain(ns.x.network.createTweetResponse(status, body === null ? null : typeof body === 'string' ? body : JSON.stringify(body)));
  assert.deepEqual(answer(200, X.created), { outcome: 'created', id: '1890000000000000001', screenName: 'ada_at_lt13', text: 'Hello #LT13', replyTo: null });
  assert.equal(answer(200, X.reply).replyTo, '1296887091901718529');
  // Newer X answers: the user's screen name under core, and a post wrapped for visibility.
  const wrapped = { data: { create_tweet: { tweet_results: { result: { __typename: 'TweetWithVisibilityResults', tweet: {
    rest_id: '7', core: { user_results: { result: { core: { screen_name: 'ada' } } } }, legacy: { full_text: 'x' } } } } } } };
  assert.deepEqual(answer(200, wrapped), { outcome: 'created', id: '7', screenName: 'ada', text: 'x', replyTo: null });
  const visibility = answer(200, X.visibility);
  assert.deepEqual([visibility.outcome, visibility.id], ['created', '1890000000000000003']);
  const note = answer(200, { data: { notetweet_create: { tweet_results: { result: { rest_id: '8', legacy: { full_text: 'long' } } } } } });
  assert.deepEqual([note.outcome, note.id], ['created', '8']);
  // A scheduled post is X's promise to post later, not a post.
  assert.deepEqual(answer(200, X.scheduled), { outcome: 'scheduled', scheduleId: '1890000000000000077' });
  // X took the post without saying which it is: not a refusal, the post may exist.
  assert.deepEqual(answer(200, X.empty), { outcome: 'unknown' });
  // A refusal inside HTTP 200 is a refusal.
  assert.deepEqual(answer(...X.refusals.duplicate), { outcome: 'refused', message: 'Authorization: Status is a duplicate. (187)' });
  const automated = answer(...X.refusals.automated);
  assert.ok(automated.outcome === 'refused' && automated.message.includes('(226)'));
  const limit = answer(...X.refusals['daily-limit']);
  assert.ok(limit.outcome === 'refused' && limit.message.includes('(344)'));
  const forbidden = answer(...X.refusals.forbidden);
  assert.ok(forbidden.outcome === 'refused' && forbidden.message.startsWith('This request looks like it might be automated'));
  assert.deepEqual(answer(200, '<html>not json</html>'), { outcome: 'refused', message: 'X answered 200.' });
  assert.deepEqual(answer(0, null), { outcome: 'refused', message: 'The request did not reach X.' });
  assert.equal(answer(500, X.serverError).outcome, 'refused');
});

test('the post shortcut is ⌘+Enter on a Mac and Ctrl+Enter elsewhere, Shift allowed', () => {
  const shortcuts = [
    [{ key: 'Enter', ctrlKey: true }, false, true], [{ key: 'Enter', ctrlKey: true, shiftKey: true }, false, true],
    [{ key: 'Enter', metaKey: true }, false, false], [{ key: 'Enter', metaKey: true }, true, true],
    [{ key: 'Enter', ctrlKey: true }, true, false], [{ key: 'Enter', ctrlKey: true, altKey: true }, false, false],
    [{ key: 'a', ctrlKey: true }, false, false],
  ];
  for (const [event, mac, expected] of shortcuts) {
    assert.equal(ns.x.isPostShortcut({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...event }, mac), expected, JSON.stringify({ event, mac }));
  }
});

test('post addresses', () => {
  assert.deepEqual([ns.x.network.postUrl('https://x.com', '1', 'ada'), ns.x.network.postUrl('https://twitter.com', '2', null)],
    ['https://x.com/ada/status/1', 'https://twitter.com/i/web/status/2']);
});

test('continuing a thread opens only X status pages', () => {
  const pages = [
    { url: 'https://x.com/ada/status/111', remote_id: '111' },
    { url: 'https://evil.example/ada/status/111', remote_id: '111' },
    { url: 'javascript:alert(1)', remote_id: null },
    { url: null, remote_id: '222' },
    { url: 'http://x.com/ada/status/333', remote_id: '../../x' },
  ].map((action) => ns.x.replyPageUrl('https://x.com', action));
  assert.deepEqual(pages, ['https://x.com/ada/status/111', 'https://x.com/i/web/status/111', null, 'https://x.com/i/web/status/222', null]);
});
