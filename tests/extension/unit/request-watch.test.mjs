// The page-world watcher (content/page-world/request-watch.js) in a jsdom page: it tells this
// window about the page's own fetch calls to the paths the content script names — the
// request's body, then X's status and answer — and changes nothing about any call. The
// page's fetch here is node's, reaching a real HTTP server on a loopback port.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadInPage } from './load.mjs';
import { startHelper } from './background-world.mjs';

test("the page's calls to the watched path are told to this window; every call passes through untouched", async () => {
  const server = await startHelper();
  try {
    const { window } = loadInPage(['content/page-world/request-watch.js'], { extra: { fetch, Request, Response } });
    const told = [];
    window.addEventListener('message', (event) => told.push(JSON.parse(JSON.stringify(event.data))));
    const until = async (count) => {
      for (let i = 0; i < 200 && told.length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    // Nothing is watched until the content script names a path.
    server.answer(200, { data: 'before' });
    assert.deepEqual(await (await window.fetch(`${server.url}/i/api/graphql/q/CreateTweet`, { method: 'POST', body: '{}' })).json(), { data: 'before' });
    window.document.dispatchEvent(new window.CustomEvent('backchannel:watch-requests', { detail: '/CreateTweet$' }));
    server.answer(200, { data: { create_tweet: {} } });
    const answer = await window.fetch(`${server.url}/i/api/graphql/q/CreateTweet`, { method: 'POST', body: '{"variables":{"tweet_text":"hi"}}' });
    // The page reads X's answer itself, whole.
    assert.deepEqual(await answer.json(), { data: { create_tweet: {} } });
    server.answer(200, { other: true });
    await (await window.fetch(`${server.url}/i/api/graphql/q/HomeTimeline`)).text();
    await until(2);
    assert.deepEqual(told, [
      { channel: 'backchannel:request-watch:v1', kind: 'request', id: 1, url: `${server.url}/i/api/graphql/q/CreateTweet`, body: '{"variables":{"tweet_text":"hi"}}' },
      { channel: 'backchannel:request-watch:v1', kind: 'response', id: 1, status: 200, body: '{"data":{"create_tweet":{}}}' },
    ]);
    assert.equal(server.requests.length, 3);
    // A call that fails still fails for the page, and is told as status 0.
    await server.close();
    await assert.rejects(window.fetch(`${server.url}/i/api/graphql/q/CreateTweet`, { method: 'POST', body: '{}' }));
    await until(4);
    assert.deepEqual(told.slice(2).map(({ kind, id, status }) => [kind, id, status]), [['request', 2, undefined], ['response', 2, 0]]);
  } finally {
    await server.close().catch(() => {});
  }
});
