// Weekly chats in the page (content/coach/chat.js, content/adapters/x.js): posts read from a
// timeline built to X's article markup, the moderator's questions picked from them, and how
// the answer button changes a draft.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadInPage, plain } from './load.mjs';

const { ns, window } = loadInPage(['shared/constants.js', 'shared/codepoints.js', 'content/adapters/x.js', 'content/coach/chat.js']);

function article({ id, name, handle, text }) {
  return `<article data-testid="tweet" role="article"><div data-testid="User-Name">
    <a href="/${handle}" role="link"><span>${name}</span></a><a href="/${handle}" role="link"><span>@${handle}</span></a>
    <a href="/${handle}/status/${id}" role="link"><time datetime="2026-12-09T00:05:00.000Z">7:05 PM</time></a></div>
    <div data-testid="tweetText" lang="en">${text}</div></article>`;
}

test('timeline posts are read from X article markup: text, author and the post id', () => {
  window.document.body.innerHTML = [
    article({ id: '11', name: 'EdChat', handle: 'edchatmod', text: 'Q1: Introduce yourself <a href="/hashtag/edchat">#edchat</a>' }),
    '<article data-testid="tweet"><div data-testid="tweetPhoto"></div></article>', // a photo alone: no text
    article({ id: '12', name: 'Jo', handle: 'jo_teaches', text: 'A1 Jo from Leeds #edchat' }),
  ].join('');
  assert.deepEqual(plain(ns.x.timelinePosts(window.document)), [
    { text: 'Q1: Introduce yourself #edchat', author: '@edchatmod', remoteId: '11' },
    { text: 'A1 Jo from Leeds #edchat', author: '@jo_teaches', remoteId: '12' },
  ]);
});

test('questions are the moderator’s numbered posts with the chat’s hashtag', () => {
  const chat = { hashtag: 'edchat', moderator: '@EdChatMod' };
  const posts = [
    { text: 'Q1: Introduce yourself #edchat', author: '@edchatmod', remoteId: '1' },
    { text: 'Q 2 - How do you keep up? #EdChat', author: '@edchatmod', remoteId: '2' },
    { text: 'Q3: not the moderator #edchat', author: '@someone', remoteId: '3' },
    { text: 'Q4: another chat #ukedchat', author: '@edchatmod', remoteId: '4' },
    { text: 'Welcome to #edchat', author: '@edchatmod', remoteId: '5' },
    { text: 'QA session tonight #edchat', author: '@edchatmod', remoteId: '6' },
  ];
  assert.deepEqual(ns.chat.questionPosts(posts, chat).map((p) => p.remoteId), ['1', '2']);
  assert.deepEqual(ns.chat.questionPosts(posts, { hashtag: 'edchat', moderator: null }).map((p) => p.remoteId), ['1', '2', '3']);
});

test('the answer button starts an answer, or renumbers the draft and adds the tag', () => {
  assert.deepEqual(plain(ns.chat.answerPlan('', 3, 'edchat')), { mode: 'append', text: 'A3  #edchat', expected: 'A3  #edchat' });
  assert.equal(ns.chat.answerPlan('RSS mostly', 3, 'edchat').text, 'A3 RSS mostly #edchat');
  assert.equal(ns.chat.answerPlan('A2: RSS mostly #EdChat', 3, 'edchat').text, 'A3 RSS mostly #EdChat');
  assert.equal(ns.chat.answerPlan('@jo A2 agreed', 3, 'edchat').text, 'A3 agreed #edchat');
});
