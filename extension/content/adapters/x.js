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
    // The attached photos and videos of a draft.
    attachments: ['[data-testid="attachments"]'],
    // One attached photo's preview (X shows the file itself, so its natural size is the photo's).
    attachmentImage: ['[data-testid="attachments"] img'],
    // The description link under an attached photo: "Add description" until one is written.
    altTextLabel: ['[data-testid="altTextLabel"]'],
    // The ✕ that takes a photo out of the draft.
    removeMedia: ['[data-testid="attachments"] [aria-label="Remove media"]'],
    // The toast X shows after posting ("Your post was sent"), and its "View" link to the post.
    toast: ['[data-testid="toast"]'],
    toastPostLink: ['[data-testid="toast"] a[href*="/status/"]'],
    // The compose dialog (/compose/post).
    composeDialog: ['[role="dialog"][aria-modal="true"]', '[aria-labelledby="modal-header"]'],
    // One paragraph of a Draft.js editor, and the spans holding its text.
    draftBlock: ['[data-block="true"]'],
    draftText: ['[data-text="true"]'],
  });

  const HOSTS = new Set(['x.com', 'mobile.x.com', 'twitter.com', 'mobile.twitter.com']);
  const STATUS_PATH = /^\/(?:[A-Za-z0-9_]{1,15}|i\/web)\/status\/(\d{1,30})(?:\/|$)/;
  // What the description link says while a photo has none (X's English UI; in another
  // language the description is simply unknown, and the helper says nothing about it).
  const NO_DESCRIPTION = new Set(['Add description', 'Add descriptions']);

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

  /** Every composer in `root`: { textbox, kind, index, scope, toolbar, postButton, dialog, problems }. */
  function findComposers(root = document) {
    return all(root, 'composerTextbox').map((textbox) => {
      const parts = composerParts(textbox);
      const index = Number(/^tweetTextarea_(\d+)$/.exec(textbox.getAttribute('data-testid') || '')?.[1] ?? 0);
      const problems = [];
      if (!parts.toolbar) problems.push('toolbar-missing');
      return { textbox, kind: editorKind(textbox), index, ...parts, dialog: textbox.closest(SELECTORS.composeDialog.join(',')), problems };
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

  /** The item of one attached photo: the ancestor of its preview right below the attachments. */
  function attachmentItem(image) {
    let node = image;
    while (node.parentElement && !matches(node.parentElement, 'attachments')) node = node.parentElement;
    return node;
  }

  /** The attached photos of a composer: [{ image, width, height, alt, remove }]. `alt` is the
   * description ("" when X says there is none, null when it cannot be told); width and
   * height are 0 until the preview has loaded. */
  function attachedPhotos(scope) {
    if (!scope) return [];
    return all(scope, 'attachmentImage').map((image) => {
      const item = attachmentItem(image);
      const label = first(item, 'altTextLabel');
      const said = label ? label.textContent.trim() : null;
      return {
        image,
        width: image.complete ? image.naturalWidth : 0,
        height: image.complete ? image.naturalHeight : 0,
        alt: said === null ? null : NO_DESCRIPTION.has(said) ? '' : said,
        describe: label,
        remove: first(item, 'removeMedia'),
      };
    });
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

  /** X posts on Ctrl+Enter (⌘+Enter on a Mac) in the composer. */
  const isPostShortcut = (event) => event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;

  /** The post a toast's "View" link points to: { id, url } or null. */
  function toastPost(root = document) {
    const link = first(root, 'toastPostLink');
    if (!link) return null;
    const url = new URL(link.getAttribute('href'), location.href);
    const id = statusId(url);
    return id ? { id, url: url.href } : null;
  }

  // X's web client sends a post as a GraphQL mutation: CreateTweet, or CreateNoteTweet for
  // a long post. The query id in the path changes with each X release; the name does not.
  const CREATE_TWEET_PATH = /^\/i\/api\/graphql\/[A-Za-z0-9_-]+\/Create(?:Note)?Tweet$/;

  const parseJson = (text) => {
    try {
      return typeof text === 'string' ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  };

  /** What a CreateTweet request asks for: { text, replyTo } (null when it is not one). */
  function createTweetRequest(body) {
    const variables = parseJson(body)?.variables;
    if (!variables || typeof variables.tweet_text !== 'string') return null;
    const replyTo = variables.reply?.in_reply_to_tweet_id;
    return { text: variables.tweet_text, replyTo: /^\d{1,30}$/.test(String(replyTo)) ? String(replyTo) : null };
  }

  /** X's answer to a CreateTweet request: { ok: true, id, screenName, text, replyTo } or
   * { ok: false, message }. X answers some refusals (a duplicate, a limit) with HTTP 200
   * and an `errors` list, so success is a created post, never just the status. */
  function createTweetResponse(status, body) {
    const json = parseJson(body);
    const created = json?.data?.create_tweet ?? json?.data?.notetweet_create;
    let result = created?.tweet_results?.result;
    if (result?.tweet) result = result.tweet; // TweetWithVisibilityResults wraps the post
    const id = result?.rest_id ?? result?.legacy?.id_str;
    if (status >= 200 && status < 300 && /^\d{1,30}$/.test(String(id))) {
      const user = result.core?.user_results?.result;
      const screenName = user?.core?.screen_name ?? user?.legacy?.screen_name ?? null;
      const replyTo = result.legacy?.in_reply_to_status_id_str;
      return {
        ok: true,
        id: String(id),
        screenName: /^[A-Za-z0-9_]{1,15}$/.test(String(screenName)) ? screenName : null,
        text: typeof result.legacy?.full_text === 'string' ? result.legacy.full_text : null,
        replyTo: /^\d{1,30}$/.test(String(replyTo)) ? String(replyTo) : null,
      };
    }
    const error = Array.isArray(json?.errors) ? json.errors[0] : null;
    const message = typeof error?.message === 'string' ? error.message.slice(0, 300) : status ? `X answered ${status}.` : 'The request did not reach X.';
    return { ok: false, message };
  }

  /** The address of a post X created. */
  function postUrl(origin, id, screenName) {
    return `${origin}/${screenName || 'i/web'}/status/${id}`;
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
    attachedPhotos,
    isMediaInput,
    attachFiles,
    postButtonOf,
    isPostShortcut,
    toastPost,
    replyPageUrl,
    network: Object.freeze({ createTweetPath: CREATE_TWEET_PATH, createTweetRequest, createTweetResponse, postUrl }),
    /** Put `text` after the draft (caret at the end). */
    appendText: (textbox, text) => insert(textbox, text, false),
    /** Replace the whole draft with `text` (select all, then insert). */
    replaceText: (textbox, text) => insert(textbox, text, true),
  });
})();
