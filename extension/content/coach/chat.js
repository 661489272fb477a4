/* Weekly chats: which chat is live (asked of the helper at the page's clock), the questions
 * its moderator posts as they appear on the timeline (sent to the helper, which keeps only
 * the moderator's), and the one-click start of an answer to the current question:
 * "A3  #edchat" in an empty composer, "A3 " before a draft (and the tag after it). */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  // "Q3: …", "Q3. …", "Q3) …", "Q3 - …", "Q 3 …" at the start of a post (after any mentions).
  const QUESTION = /^\s*(?:@\w+\s+)*Q\s?(\d{1,2})\s*[:.)\-–—]?\s+\S/i;
  const ANSWER = /^\s*(?:@\w+\s+)*A\s?\d{1,2}(?=[\s:.)\-–—,]|$)/i;

  /** The moderator's question posts among timeline posts ({ text, author, remoteId }) for a chat
   * ({ hashtag, moderator }): numbered, carrying the chat's hashtag, by the moderator. */
  function questionPosts(posts, chat) {
    const tag = new RegExp(`[#＃]${chat.hashtag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'iu');
    const moderator = (chat.moderator || '').toLowerCase();
    return posts.filter((post) => QUESTION.test(post.text) && tag.test(post.text)
      && (!moderator || (post.author || '').toLowerCase() === moderator));
  }

  /** How the answer button changes the draft: { mode: 'append' | 'replace', text, expected }. */
  function answerPlan(current, number, hashtag) {
    if (!current.trim()) return { mode: 'append', text: `A${number}  #${hashtag}`, expected: `A${number}  #${hashtag}` };
    const hasTag = new RegExp(`[#＃]${hashtag}(?![\\p{L}\\p{N}_])`, 'iu').test(current);
    const body = current.replace(ANSWER, '').replace(/^[\s:.)\-–—,]+/, '');
    const result = `A${number} ${body}`.trimEnd() + (hasTag ? '' : ` #${hashtag}`);
    return { mode: 'replace', text: result, expected: result };
  }

  const sent = new Set(); // the timeline posts already sent, by id (or text)

  /** The live chat to show (the first), after sending the questions the timeline shows; null when none. */
  async function refresh(root = document) {
    const at = ns.pageClock.nowISO();
    let reply = await ns.background.ask('chats-live', { at });
    if (!reply.ok || !reply.live?.length) return null;
    let added = false;
    const posts = ns.x.timelinePosts(root);
    for (const item of reply.live) {
      for (const post of questionPosts(posts, item.chat)) {
        const key = post.remoteId || post.text;
        if (sent.has(key)) continue;
        sent.add(key);
        const answer = await ns.background.ask('chat-question', { chat: item.chat.slug, text: post.text, at, author: post.author, remoteId: post.remoteId });
        added = added || answer.ok;
      }
    }
    if (added) reply = await ns.background.ask('chats-live', { at });
    return reply.ok ? reply.live?.[0] ?? null : null;
  }

  ns.chat = Object.freeze({ questionPosts, answerPlan, refresh });
})();
