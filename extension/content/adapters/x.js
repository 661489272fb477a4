/* The site adapter for X (x.com, twitter.com, and their mobile hosts). Every selector and
 * every fact about X's page lives here, so when X changes its markup this is the one file
 * to fix; tests run each selector against the composer fixtures.
 *
 * - SELECTORS: named by what they find, best first (ranked fallbacks).
 * - pages: page detection, pure functions of a URL.
 * - findComposers / readText / insertion: what the coach needs from a composer.
 * - photos: the attached photos, their descriptions, attaching and removing files.
 * - posting: what sends a post, and X's own answer to it (the CreateTweet call). */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  const SELECTORS = Object.freeze({
    // The text box of a post being written: X's Draft.js editor (tweetTextarea_0, _1 … in
    // a thread; never the tweetTextarea_0_label beside it), X's mobile <textarea>, then any
    // Draft.js editor X stopped labelling (labelled ones, such as the DM box, are not posts).
    composerTextbox: [
      '[data-testid^="tweetTextarea_"][role="textbox"]',
      'textarea[data-testid^="tweetTextarea_"]',
      '.public-DraftEditor-content[contenteditable="true"]:not([data-testid])',
    ],
    // The row of buttons under a composer (media, GIF, poll, emoji); the panel sits below it.
    composerToolbar: ['[data-testid="toolBar"]', '[role="group"]:has(input[type="file"])'],
    // The button that sends the post: "Post" in the modal, "Post"/"Reply" inline.
    postButton: ['[data-testid="tweetButton"]', '[data-testid="tweetButtonInline"]'],
    // The hidden file input behind the media button.
    mediaInput: ['input[data-testid="fileInput"]', 'input[type="file"][accept*="image"]'],
    // What a composer part holds under its text box: its media (each medium's preview and its
    // own remove button), one media-actions row for the active part, a poll, a quoted post.
    attachments: ['[data-testid="attachments"]'],
    // The one description link of a part's photos (to the /compose/post/media editor) and its
    // text: "Add description(s)" while none has one, the description, or "N image descriptions".
    descriptionLink: ['[data-testid="altTextWrapper"]', 'a[href$="/compose/post/media"]'],
    descriptionText: ['[data-testid="altTextLabel"]'],
    // Buttons inside an attached medium; the remove button is the item's one button (X's
    // English label first, for an item with more than one).
    mediaButton: ['button', '[role="button"]'],
    removeMediaLabelled: ['[aria-label="Remove media"]'],
    // A quoted post inside the attachments: its text, author, avatar, photos or time.
    quotedPostPart: ['[data-testid="tweetText"]', '[data-testid="User-Name"]', '[data-testid="Tweet-User-Avatar"]', '[data-testid="tweetPhoto"]', 'time'],
    // The toast X shows after posting ("Your post was sent"), and its "View" link to the post.
    toast: ['[data-testid="toast"]'],
    toastPostLink: ['[data-testid="toast"] a[href*="/status/"]'],
    // The compose dialog (/compose/post).
    composeDialog: ['[role="dialog"][aria-modal="true"]', '[aria-labelledby="modal-header"]'],
    // A post in a timeline (home, a hashtag search, a list): its text, and the author block
    // whose "@handle" link names who posted it; the post's own address is the status link
    // around its <time>.
    timelinePost: ['article[data-testid="tweet"]'],
    postText: ['[data-testid="tweetText"]'],
    postAuthor: ['[data-testid="User-Name"]'],
    postTimeLink: ['a[href*="/status/"]:has(time)'],
    // One paragraph of a Draft.js editor, and the spans holding its text.
    draftBlock: ['[data-block="true"]'],
    draftText: ['[data-text="true"]'],
  });

  const HOSTS = new Set(['x.com', 'mobile.x.com', 'twitter.com', 'mobile.twitter.com']);
  const STATUS_PATH = /^\/(?:[A-Za-z0-9_]{1,15}|i\/web)\/status\/(\d{1,30})(?:\/|$)/;

  const pages = Object.freeze({
    isX: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
    isHome: (url) => /^\/home\/?$/.test(url.pathname),
    isCompose: (url) => /^\/compose\/(post|tweet)\/?$/.test(url.pathname),
    isConversation: (url) => STATUS_PATH.test(url.pathname),
    isMessages: (url) => /^\/(messages|i\/chat)(\/|$)/.test(url.pathname),
    isSettings: (url) => /^\/(settings|i\/flow|i\/keyboard_shortcuts)(\/|$)/.test(url.pathname),
    /** Pages where posts can be written, so composers there are coached. */
    canCoach: (url) => pages.isX(url) && !pages.isMessages(url) && !pages.isSettings(url),
    /** Pages that must show a composer; if none is found the panel says so. */
    expectsComposer: (url) => pages.isX(url) && (pages.isCompose(url) || pages.isHome(url)),
  });

  function all(root, name) {
    const found = new Set();
    for (const selector of SELECTORS[name]) for (const element of root.querySelectorAll(selector)) found.add(element);
    return [...found];
  }

  function first(root, name) {
    for (const selector of SELECTORS[name]) {
      const element = root.querySelector(selector);
      if (element) return element;
    }
    return null;
  }

  function matches(element, name) {
    return SELECTORS[name].some((selector) => element.matches(selector));
  }

  function editorKind(textbox) {
    if (textbox.tagName === 'TEXTAREA') return 'textarea';
    if (textbox.classList.contains('public-DraftEditor-content') || textbox.querySelector('[data-contents="true"]')) return 'draft';
    return 'plain';
  }

  /** The composer around a text box: the nearest ancestor holding a toolbar. */
  function composerParts(textbox) {
    let node = textbox.parentElement;
    for (let depth = 0; node && depth < 30; depth += 1, node = node.parentElement) {
      const toolbar = first(node, 'composerToolbar');
      if (toolbar) return { scope: node, toolbar, postButton: first(node, 'postButton') };
      if (matches(node, 'composeDialog')) break;
    }
    return { scope: null, toolbar: null, postButton: null };
  }

  /** One post of a composer (a thread has several): the widest ancestor of its text box, inside
   * the composer, that holds no other post's text box. Its attachments are this post's. */
  function composerPart(textbox, scope, textboxes) {
    let part = textbox;
    for (let node = textbox.parentElement; node && node !== scope; node = node.parentElement) {
      if (textboxes.some((other) => other !== textbox && node.contains(other))) break;
      part = node;
    }
    return textboxes.filter((other) => scope?.contains(other)).length > 1 ? part : scope || part;
  }

  /** Every composer in `root`: { textbox, kind, index, scope, part, toolbar, postButton, dialog, problems }. */
  function findComposers(root = document) {
    const textboxes = all(root, 'composerTextbox');
    return textboxes.map((textbox) => {
      const parts = composerParts(textbox);
      const index = Number(/^tweetTextarea_(\d+)$/.exec(textbox.getAttribute('data-testid') || '')?.[1] ?? 0);
      const problems = [];
      if (!parts.toolbar) problems.push('toolbar');
      else if (!first(parts.scope, 'mediaInput')) problems.push('media-input');
      if (parts.toolbar && !parts.postButton) problems.push('post-button');
      const part = composerPart(textbox, parts.scope, textboxes);
      return { textbox, kind: editorKind(textbox), index, ...parts, part, dialog: textbox.closest(SELECTORS.composeDialog.join(',')), problems };
    });
  }

  /** The draft as the user sees it, paragraphs joined with \n. */
  function readText(textbox) {
    if (textbox.tagName === 'TEXTAREA') return textbox.value;
    const blocks = all(textbox, 'draftBlock');
    if (blocks.length) return blocks.map((block) => block.textContent).join('\n');
    return textbox.innerText.replace(/\n$/, '');
  }

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  function textNodes(textbox) {
    const leaves = all(textbox, 'draftText');
    const nodes = leaves.length ? leaves : [textbox];
    const first = nodes[0].firstChild?.nodeType === Node.TEXT_NODE ? nodes[0].firstChild : nodes[0];
    const lastLeaf = nodes[nodes.length - 1];
    const last = lastLeaf.lastChild?.nodeType === Node.TEXT_NODE ? lastLeaf.lastChild : lastLeaf;
    return { first, last };
  }

  function selectRange(textbox, whole) {
    const { first, last } = textNodes(textbox);
    const range = document.createRange();
    const end = last.nodeType === Node.TEXT_NODE ? last.length : last.childNodes.length;
    if (whole) range.setStart(first, 0);
    else range.setStart(last, end);
    range.setEnd(last, end);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* Draft.js keeps its own selection and only learns the DOM's on 'selectionchange'
   * (a task after the change); on focus it first re-applies its old one. So: focus, let
   * it settle, select, let it learn, then paste. */
  async function placeCaret(textbox, whole) {
    textbox.focus();
    await nextFrame();
    selectRange(textbox, whole);
    await nextTask();
    await nextFrame();
  }

  /* Draft.js takes text the way a person pastes it: a paste event carrying text/plain.
   * (execCommand('insertText') on an empty Draft.js editor makes React unmount it.) */
  function paste(textbox, text) {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    textbox.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }

  function setTextarea(textbox, text, whole) {
    textbox.focus();
    const start = whole ? 0 : textbox.value.length;
    textbox.setRangeText(text, start, textbox.value.length, 'end');
    // React listens for input; it sees a value it did not set and updates its state.
    textbox.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));
  }

  /* Firefox's ClipboardEvent takes no clipboardData: a synthetic paste arrives empty there.
   * Asked of the browser once, rather than guessed from its name. */
  const pasteCarriesText = (() => {
    try {
      const data = new DataTransfer();
      data.setData('text/plain', 'x');
      return new ClipboardEvent('paste', { clipboardData: data }).clipboardData?.getData('text/plain') === 'x';
    } catch {
      return false;
    }
  })();

  async function insert(textbox, text, whole) {
    const kind = editorKind(textbox);
    if (kind === 'textarea') {
      setTextarea(textbox, text, whole);
      return;
    }
    const hadText = readText(textbox).length > 0;
    await placeCaret(textbox, whole);
    if (kind === 'draft' && pasteCarriesText) paste(textbox, text);
    // A plain contenteditable has no React state to break, and Draft.js follows
    // execCommand's edit of a draft that has text (Firefox's way in). On an empty Draft.js
    // editor it would make React unmount it: nothing is inserted, and the caller's read-back
    // puts the text on the clipboard instead.
    else if (kind !== 'draft' || hadText) document.execCommand('insertText', false, text);
    await nextFrame();
  }

  /** The id of the post a status URL shows (/<user>/status/<id>), or null. */
  function statusId(url) {
    return STATUS_PATH.exec(url.pathname)?.[1] ?? null;
  }

  /** The post a composer replies to: the conversation's post, for the reply box under it. */
  function replyTarget(composer, url) {
    if (composer.dialog || !pages.isConversation(url)) return null;
    return statusId(url);
  }

  // ---- photos

  /** Whether an image is one the user attached: X previews the user's own files from local
   * blob: (or data:) URLs, and everything else (a GIF from the GIF picker, a quoted post's
   * avatar and photos) from its CDN. */
  const isLocalPreview = (image) => /^(blob|data):/.test(image.currentSrc || image.getAttribute('src') || '');

  /** The quoted post inside the attachments, if any: the attachments' child holding its parts. */
  function quotedPosts(attachments) {
    const blocks = new Set();
    for (const part of all(attachments, 'quotedPostPart')) {
      let node = part;
      while (node.parentElement && node.parentElement !== attachments) node = node.parentElement;
      blocks.add(node);
    }
    return [...blocks];
  }

  /** One medium's remove button: the item's only button, or its one labelled "Remove media". */
  function removeButton(item) {
    const buttons = all(item, 'mediaButton');
    if (buttons.length === 1) return buttons[0];
    return buttons.find((button) => matches(button, 'removeMediaLabelled')) || null;
  }

  /** The media a composer part shows, in order: { items: [{ image, width, height, remove }],
   * description: { text, link } | null (the link shows for the active part only), problems }.
   * An item is the nearest ancestor of a preview that holds a button and no other preview,
   * so each remove button is its own medium's. Width and height are 0 until a preview loads. */
  function partMedia(part, { alone = true } = {}) {
    const attachments = part && first(part, 'attachments');
    if (!attachments) return { items: [], description: null, problems: [] };
    const quoted = quotedPosts(attachments);
    const previews = [...attachments.querySelectorAll('img')].filter((image) => isLocalPreview(image) && !quoted.some((block) => block.contains(image)));
    const problems = [];
    const items = previews.map((image) => {
      let item = image.parentElement;
      while (item && item !== attachments && !first(item, 'mediaButton')) item = item.parentElement;
      const own = item && item !== attachments && previews.every((other) => other === image || !item.contains(other));
      const remove = own ? removeButton(item) : null;
      if (!remove && !problems.includes('remove-media')) problems.push('remove-media');
      return { image, width: image.complete ? image.naturalWidth : 0, height: image.complete ? image.naturalHeight : 0, remove };
    });
    const link = first(attachments, 'descriptionLink');
    const label = link && (first(link, 'descriptionText') || link);
    // X draws the description link for the active post only; a lone post is always active.
    if (items.length && !link && alone) problems.push('description');
    return { items, description: label ? { text: label.textContent.trim(), link } : null, problems };
  }

  /** Whether an event target is the composer's media input. */
  const isMediaInput = (element) => element instanceof HTMLInputElement && matches(element, 'mediaInput');

  /** Attach files the way a person picking them does: X's media input, then a change event
   * (X reads the input's files on change). False when the composer has no media input. */
  function attachFiles(scope, files) {
    const input = scope && first(scope, 'mediaInput');
    if (!input) return false;
    const data = new DataTransfer();
    for (const file of files) data.items.add(file);
    input.files = data.files;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }

  // ---- posting

  /** The post button an event target is in, if it can post now (X disables it while it cannot). */
  function postButtonOf(target) {
    const button = target instanceof Element ? target.closest(SELECTORS.postButton.join(',')) : null;
    if (!button || button.disabled || button.getAttribute('aria-disabled') === 'true') return null;
    return button;
  }

  const ON_MAC = /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgentData?.platform || globalThis.navigator?.platform || '');

  /** Draft.js posts on ⌘+Enter on a Mac and Ctrl+Enter elsewhere (Shift may be held too). */
  const isPostShortcut = (event, mac = ON_MAC) => event.key === 'Enter' && !event.altKey && (mac ? event.metaKey : event.ctrlKey);

  /** The post a toast's "View" link points to: { id, url } or null (an "Undo post" toast's
   * link has no address until the post is out; a scheduled post's toast has no link). */
  function toastPost(root = document) {
    const link = first(root, 'toastPostLink');
    if (!link) return null;
    const url = new URL(link.getAttribute('href'), location.href);
    const id = statusId(url);
    return id ? { id, url: url.href } : null;
  }

  // X's web client sends a post as a GraphQL mutation: CreateTweet, CreateNoteTweet for a long
  // post, CreateScheduledTweet for one sent later. The query id in the path changes with each
  // X release; the names do not.
  const CREATE_TWEET_PATH = /^\/i\/api\/graphql\/[A-Za-z0-9_-]+\/Create(?:Note|Scheduled)?Tweet$/;

  const parseJson = (text) => {
    try {
      return typeof text === 'string' ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  };

  const postId = (value) => (/^\d{1,30}$/.test(String(value)) ? String(value) : null);

  /** The address of a post on X (a quote's attachment_url), or null. */
  function postAddress(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === 'https:' && HOSTS.has(url.hostname) && STATUS_PATH.test(url.pathname) ? url.href : null;
    } catch {
      return null;
    }
  }

  /** What a request to post asks for (null when it is not one):
   * { scheduled: false, text, replyTo, quoted, editOf } for CreateTweet / CreateNoteTweet,
   * { scheduled: true, text, replyTo, scheduledFor } for CreateScheduledTweet. */
  function createTweetRequest(body) {
    const variables = parseJson(body)?.variables;
    if (!variables || typeof variables !== 'object') return null;
    const later = variables.post_tweet_request;
    if (later && typeof later.status === 'string') {
      const at = Number(variables.execute_at);
      return {
        scheduled: true,
        text: later.status,
        replyTo: postId(later.in_reply_to_status_id),
        scheduledFor: Number.isFinite(at) && at > 0 && at < 1e11 ? new Date(at * 1000).toISOString() : null,
      };
    }
    if (typeof variables.tweet_text !== 'string') return null;
    return {
      scheduled: false,
      text: variables.tweet_text,
      replyTo: postId(variables.reply?.in_reply_to_tweet_id),
      quoted: postAddress(variables.attachment_url),
      editOf: postId(variables.edit_options?.previous_tweet_id),
    };
  }

  /** X's answer to a request to post, as one of:
   * { outcome: 'created', id, screenName, text, replyTo } — the post exists;
   * { outcome: 'scheduled', scheduleId } — X will post it later;
   * { outcome: 'unknown' } — X took it without saying which post it is (tweet_results: {});
   * { outcome: 'refused', message } — X said no. X refuses some posts (a duplicate, a limit,
   * "looks automated") with HTTP 200, a top-level `errors` list and `data: {}`, so success is
   * a created post, never just the status. */
  function createTweetResponse(status, body) {
    const json = parseJson(body);
    const errors = Array.isArray(json?.errors) ? json.errors : [];
    const ok = status >= 200 && status < 300;
    const created = json?.data?.create_tweet ?? json?.data?.notetweet_create;
    let result = created?.tweet_results?.result;
    if (result?.tweet) result = result.tweet; // TweetWithVisibilityResults wraps the post
    const id = postId(result?.rest_id ?? result?.legacy?.id_str);
    if (ok && id) {
      const user = result.core?.user_results?.result;
      const screenName = user?.core?.screen_name ?? user?.legacy?.screen_name ?? null;
      return {
        outcome: 'created',
        id,
        screenName: /^[A-Za-z0-9_]{1,15}$/.test(String(screenName)) ? screenName : null,
        text: typeof result.legacy?.full_text === 'string' ? result.legacy.full_text : null,
        replyTo: postId(result.legacy?.in_reply_to_status_id_str),
      };
    }
    const scheduleId = postId(json?.data?.tweet?.rest_id);
    if (ok && scheduleId && !errors.length) return { outcome: 'scheduled', scheduleId };
    if (ok && !errors.length && created && typeof created === 'object') return { outcome: 'unknown' };
    const error = errors[0];
    const message = typeof error?.message === 'string' ? error.message.slice(0, 300) : status ? `X answered ${status}.` : 'The request did not reach X.';
    return { outcome: 'refused', message };
  }

  /** The address of a post X created. */
  function postUrl(origin, id, screenName) {
    return `${origin}/${screenName || 'i/web'}/status/${id}`;
  }

  /** The posts a timeline shows under ``root``: [{ text, author: '@handle' | null, remoteId | null }],
   * in page order; a post without text (a photo alone) is left out. */
  function timelinePosts(root = document) {
    const out = [];
    for (const article of all(root, 'timelinePost')) {
      const body = first(article, 'postText');
      if (!body) continue;
      const text = body.textContent.trim();
      const block = first(article, 'postAuthor');
      let author = null;
      for (const link of block ? block.querySelectorAll('a[href^="/"]') : []) {
        const handle = /^\/([A-Za-z0-9_]{1,15})\/?$/.exec(link.getAttribute('href'))?.[1];
        if (handle) {
          author = `@${handle}`;
          break;
        }
      }
      const href = first(article, 'postTimeLink')?.getAttribute('href') ?? '';
      const remoteId = STATUS_PATH.exec(href.startsWith('http') ? new URL(href).pathname : href)?.[1] ?? null;
      if (text) out.push({ text, author, remoteId });
    }
    return out;
  }

  /** Where to reply to an earlier post (FLW001's "continue thread"): its X address, never another site's. */
  function replyPageUrl(origin, action) {
    try {
      const url = new URL(action?.url ?? '');
      if (url.protocol === 'https:' && /^(mobile\.)?(x|twitter)\.com$/.test(url.hostname) && STATUS_PATH.test(url.pathname)) return url.href;
    } catch {
      // not a URL: fall back to the id
    }
    const id = String(action?.remote_id ?? '');
    return /^\d+$/.test(id) ? postUrl(origin, id, null) : null;
  }

  ns.x = Object.freeze({
    SELECTORS,
    pages,
    findComposers,
    composerParts,
    readText,
    editorKind,
    first,
    all,
    statusId,
    replyTarget,
    partMedia,
    isMediaInput,
    attachFiles,
    postButtonOf,
    isPostShortcut,
    toastPost,
    replyPageUrl,
    timelinePosts,
    network: Object.freeze({ createTweetPath: CREATE_TWEET_PATH, createTweetRequest, createTweetResponse, postUrl }),
    /** Put `text` after the draft (caret at the end). */
    appendText: (textbox, text) => insert(textbox, text, false),
    /** Replace the whole draft with `text` (select all, then insert). */
    replaceText: (textbox, text) => insert(textbox, text, true),
  });
})();
