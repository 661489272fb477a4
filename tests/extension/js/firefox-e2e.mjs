// Drives Debian's Firefox ESR with the extension installed (WebDriver BiDi, through
// puppeteer-core), the composer fixture served at https://x.com/home by request
// interception, the page's clock set to `at`, and the real native host and helper.
// Types a draft, waits for the panel's tips, applies one fix, attaches the session's
// context, and reads the draft back after each; then tries "Attach session context" on an
// empty composer, where Firefox cannot insert text (see the adapter's insert()); then, in the
// German modal composer, attaches two photos and applies the photo fix offered for the
// second, which must replace the second and keep the first.
// Usage: node firefox-e2e.mjs < job.json > outcome.json
//   job: { firefox, extensionDir, fixturesDir, page, assetPath, origins, profileDir, env, at, draft, rule,
//          photos: [paths of two JPEG files], photoRule }
//   (page, assetPath and origins: the fixture's HTML, where its assets live, X's origins;
//   all from tests/extension/browser.py, as the Chromium tests serve them)
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

// Read stdin as a stream: the job carries photos, and a large pipe read in one go can fail with EAGAIN.
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const assets = {
  'composer.js': ['text/javascript', readFileSync(`${job.fixturesDir}/composer.js`)],
  'composer.css': ['text/css', readFileSync(`${job.fixturesDir}/composer.css`)],
};
const X_HOSTS = new Set(job.origins.map((origin) => new URL(origin).hostname));

const TEXTBOX = '[data-testid="tweetTextarea_0"]';

/** The panel and the draft as the page's DOM shows them. */
function panelState() {
  const host = document.querySelector('[data-backchannel="coach"]');
  if (!host) return null;
  const root = host.shadowRoot || host;
  return {
    state: host.getAttribute('data-state'),
    rules: [...root.querySelectorAll('[data-rule]')].map((tip) => tip.getAttribute('data-rule')),
    notice: root.querySelector('[data-backchannel-notice]')?.textContent ?? '',
    draft: document.querySelector('[data-testid="tweetTextarea_0"]')?.textContent ?? null,
    model: window.__fixture?.editors[0]?.() ?? null, // Draft.js's own state, not just its DOM
  };
}

/** In the page: the text of the first element matching `selector` in any panel (clicked
 * when `click`), or null. The compose page has two panels: the home composer's and the modal's. */
function inPanels(selector, click) {
  for (const host of document.querySelectorAll('[data-backchannel="coach"]')) {
    const found = (host.shadowRoot || host).querySelector(selector);
    if (!found) continue;
    if (click) found.click();
    return found.textContent;
  }
  return null;
}

/** Click a control inside the panel (its shadow root). */
async function clickInPanel(page, selector) {
  await page.evaluate((target) => {
    const host = document.querySelector('[data-backchannel="coach"]');
    (host.shadowRoot || host).querySelector(target).click();
  }, selector);
}

/** A page at an x.com address (https://x.com/home unless told) with the fixture and the clock at `at`. */
async function openX(browser, address = 'https://x.com/home') {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument((at) => {
    const RealDate = Date;
    const shift = RealDate.parse(at) - RealDate.now();
    window.Date = class extends RealDate {
      constructor(...args) {
        if (args.length) super(...args);
        else super(RealDate.now() + shift);
      }

      static now() {
        return RealDate.now() + shift;
      }
    };
  }, job.at);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!X_HOSTS.has(url.hostname)) return request.continue();
    const asset = url.pathname.startsWith(job.assetPath) ? assets[url.pathname.slice(job.assetPath.length)] : undefined;
    if (asset) return request.respond({ status: 200, contentType: asset[0], body: asset[1] });
    return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: job.page });
  });
  await page.goto(address);
  await page.waitForSelector(TEXTBOX, { timeout: 15000 });
  await page.waitForSelector('[data-backchannel="coach"]', { timeout: 15000 });
  return page;
}

async function until(page, test, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    last = await page.evaluate(panelState);
    if (test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: the panel is ${JSON.stringify(last)}`);
}

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: job.firefox,
  headless: true,
  userDataDir: job.profileDir,
  env: job.env,
});
const outcome = {};
try {
  outcome.extensionId = await browser.installExtension(job.extensionDir);
  const page = await openX(browser);
  await page.click(TEXTBOX);
  await page.keyboard.type(job.draft);
  outcome.checked = await until(page, (panel) => panel?.rules.includes(job.rule), `no ${job.rule} tip`);
  await clickInPanel(page, `[data-backchannel-fix="${job.rule}"]`);
  outcome.fixed = await until(page, (panel) => panel && !panel.rules.includes(job.rule), `${job.rule} still shown after its fix`);
  await clickInPanel(page, '[data-backchannel-action="attach-session"]');
  outcome.attached = await until(page, (panel) => panel?.draft !== outcome.fixed.draft, 'the session context was not inserted');
  // An empty composer: Firefox cannot paste into Draft.js, and execCommand would unmount it.
  const empty = await openX(browser);
  await clickInPanel(empty, '[data-backchannel-action="attach-session"]');
  outcome.emptyAttach = await until(empty, (panel) => /clipboard/.test(panel?.notice || ''), 'no clipboard notice');
  // Two photos in the German modal composer; the fix offered for the second replaces the second.
  const modal = await openX(browser, 'https://x.com/compose/post?lang=de');
  outcome.console = [];
  modal.on('console', (message) => outcome.console.push(message.text()));
  modal.on('pageerror', (error) => outcome.console.push(`pageerror ${error}`));
  // Picked as a person picks them: Firefox's own file input, given the files (WebDriver BiDi's input.setFiles).
  for (const path of job.photos) {
    const input = await modal.$('[role="dialog"] [data-testid="fileInput"]');
    await input.uploadFile(path);
  }
  const fix = `[data-rule="${job.photoRule}"][data-photo="2"] [data-backchannel-photo-fix]`;
  const previews = () => modal.evaluate(() => [...document.querySelectorAll('[role="dialog"] [data-testid="attachments"] img')]
    .map((image) => image.getAttribute('src')).filter((src) => src.startsWith('blob:')));
  const deadline = Date.now() + 20000;
  while (!(await modal.evaluate(inPanels, fix, false))) {
    if (Date.now() > deadline) throw new Error(`no ${job.photoRule} tip for photo 2`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  outcome.photosBefore = await previews();
  await modal.evaluate(inPanels, fix, true);
  const fixedBy = Date.now() + 20000;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The previews change as the copy goes in; the panel's notice follows once the fix is done.
    outcome.photosAfter = await previews();
    outcome.photoNotice = await modal.evaluate(inPanels, '[data-backchannel-notice]:not(:empty)', false);
  } while (
    Date.now() < fixedBy
    && !(outcome.photosAfter.length === 2 && !outcome.photosAfter.includes(outcome.photosBefore[1]) && outcome.photoNotice)
  );
} catch (error) {
  outcome.error = String(error?.stack || error);
  const pages = await browser.pages();
  outcome.seen = await pages[pages.length - 1]?.evaluate(panelState).catch(() => null);
  outcome.panels = await pages[pages.length - 1]?.evaluate(() => [...document.querySelectorAll('[data-backchannel="coach"]')]
    .map((host) => (host.shadowRoot || host).querySelector('section')?.textContent.slice(0, 800))).catch(() => null);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(outcome));
