/* The site adapter for X (x.com, twitter.com, and their mobile hosts). Every selector and
 * every fact about X's page lives here, so when X changes its markup this is the one file
 * to fix; tests run each selector against the composer fixtures.
 *
 * - SELECTORS: named by what they find, best first (ranked fallbacks).
 * - pages: page detection, pure functions of a URL.
 * - findComposers / readText / insertion: what the coach needs from a composer. */
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
    // The toast X shows after posting ("Your post was sent").
    toast: ['[data-testid="toast"]'],
    // The compose dialog (/compose/post).
    composeDialog: ['[role="dialog"][aria-modal="true"]', '[aria-labelledby="modal-header"]'],
    // One paragraph of a Draft.js editor, and the spans holding its text.
    draftBlock: ['[data-block="true"]'],
    draftText: ['[data-text="true"]'],
  });

  const HOSTS = new Set(['x.com', 'mobile.x.com', 'twitter.com', 'mobile.twitter.com']);

  const pages = Object.freeze({
    isX: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
    isHome: (url) => /^\/home\/?$/.test(url.pathname),
    isCompose: (url) => /^\/compose\/(post|tweet)\/?$/.test(url.pathname),
    isConversation: (url) => /^\/(?:[A-Za-z0-9_]{1,15}|i\/web)\/status\/\d+(\/|$)/.test(url.pathname),
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

  async function insert(textbox, text, whole) {
    const kind = editorKind(textbox);
    if (kind === 'textarea') {
      setTextarea(textbox, text, whole);
      return;
    }
    await placeCaret(textbox, whole);
    if (kind === 'draft') paste(textbox, text);
    else document.execCommand('insertText', false, text); // a plain contenteditable has no React state to break
    await nextFrame();
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
    /** Put `text` after the draft (caret at the end). */
    appendText: (textbox, text) => insert(textbox, text, false),
    /** Replace the whole draft with `text` (select all, then insert). */
    replaceText: (textbox, text) => insert(textbox, text, true),
  });
})();
