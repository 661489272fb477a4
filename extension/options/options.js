/* The options page: pairing status and manual pairing, the active event, the posts
 * waiting for the helper (and those it refused), the parts of X's page the coach could not
 * find, the current event's posting policy, rule switches and thresholds. Everything
 * goes through the background worker (the same door as the content scripts) and is drawn
 * with DOM APIs. */
(() => {
  'use strict';
  const ns = globalThis.Backchannel;
  const { el } = ns.dom;
  const $ = (id) => document.getElementById(id);

  async function ask(type, payload = {}) {
    try {
      return (await chrome.runtime.sendMessage({ ...payload, type })) ?? { ok: false, state: 'helper-error', message: 'No answer.' };
    } catch (error) {
      return { ok: false, state: 'helper-error', message: String(error?.message || error) };
    }
  }

  function say(id, reply, success) {
    $(id).textContent = reply.ok ? success : reply.message || ns.messages[reply.state] || 'Failed.';
  }

  /** The parts of X's page the coach could not find, for a precise report when X changes. */
  function drawMarkup(reply) {
    if (!reply.ok) return;
    const entries = Object.entries(reply.missing).sort(([, a], [, b]) => b.at.localeCompare(a.at));
    $('markup-status').textContent = entries.length
      ? "The coach could not find these parts of X's page (X may have changed it). Quote this list when you report it:"
      : "The coach has found everything it needs on X's page.";
    $('markup-list').replaceChildren(...entries.map(([name, { page, at }]) => el('li', { 'data-part': name },
      el('strong', {}, ns.markupParts[name] || name), ` — on ${page || 'x.com'}, last ${new Date(at).toLocaleString()} (${name})`)));
    $('markup-forget').hidden = entries.length === 0;
  }

  async function showMarkup() {
    drawMarkup(await ask('markup-problems'));
  }

  async function showStatus() {
    const status = $('pairing-status');
    const reply = await ask('status');
    status.dataset.state = reply.ok ? 'paired' : reply.state;
    const steps = $('pairing-steps');
    if (reply.ok) {
      status.textContent = `Paired with the helper ${reply.version} at ${reply.url} (${reply.source === 'manual' ? 'by hand' : 'through the native host'}).`;
      steps.hidden = true;
      steps.replaceChildren();
      return true;
    }
    // This page's own words: the panel's message would send the person to the page they are on.
    const next = ns.nextStep(reply, { onOptions: true });
    status.textContent = `Not paired. ${next.summary}`;
    steps.replaceChildren(...next.steps.map(ns.stepNode));
    steps.hidden = false;
    return false;
  }

  const POLICY_SEPARATOR = /^[\s;,.]+|[\s;,.]+$/g;
  let events = [];

  /** The event's policy (free text, the organisers' words) as the two usual rules and the rest. */
  function drawPolicy() {
    const slug = $('active-event').value;
    const event = events.find((e) => e.slug === slug);
    $('event-policy').hidden = !event;
    $('policy-result').textContent = '';
    if (!event) return;
    let rest = event.posting_policy || '';
    for (const box of document.querySelectorAll('#event-policy input[data-policy]')) {
      const at = rest.toLowerCase().indexOf(box.dataset.policy.toLowerCase());
      box.checked = at >= 0;
      if (at >= 0) rest = rest.slice(0, at) + ';' + rest.slice(at + box.dataset.policy.length);
    }
    $('policy-other').value = rest.split(';').map((part) => part.replace(POLICY_SEPARATOR, '')).filter(Boolean).join('; ');
  }

  async function savePolicy() {
    const slug = $('active-event').value;
    if (!slug) return;
    const parts = [...document.querySelectorAll('#event-policy input[data-policy]')].filter((box) => box.checked).map((box) => box.dataset.policy);
    const other = $('policy-other').value.replace(POLICY_SEPARATOR, '');
    if (other) parts.push(other);
    const reply = await ask('set-event-policy', { event: slug, policy: parts.join('; ') || null });
    if (reply.ok) events = events.map((e) => (e.slug === slug ? { ...e, posting_policy: reply.event.posting_policy } : e));
    say('policy-result', reply, reply.event?.posting_policy ? `Saved: “${reply.event.posting_policy}”.` : 'Saved: no posting policy.');
  }

  async function showEvents() {
    const reply = await ask('events');
    if (!reply.ok) return;
    events = reply.events;
    const select = $('active-event');
    select.replaceChildren(select.options[0]);
    for (const event of reply.events) {
      const label = event.hashtag ? `${event.name} (#${event.hashtag})` : event.name;
      select.append(el('option', { value: event.slug }, label));
    }
    select.value = reply.active || '';
    drawPolicy();
  }

  function settingInput(name, setting, kind) {
    const attributes = { 'data-setting': name, id: `setting-${name}` };
    if (kind === 'boolean') return el('input', { ...attributes, type: 'checkbox', checked: setting.value === true });
    return el('input', { ...attributes, type: 'number', step: kind === 'integer' ? '1' : 'any', value: String(setting.value) });
  }

  async function showRules() {
    const [rules, settings] = await Promise.all([ask('rules'), ask('settings')]);
    if (!rules.ok || !settings.ok) return;
    const values = settings.settings;
    const blocks = rules.rules.map((rule) => {
      const switchName = `rules.${rule.code}.enabled`;
      const block = el('div', { className: 'rule', 'data-rule': rule.code },
        el('header', {},
          settingInput(switchName, values[switchName] ?? { value: rule.enabled }, 'boolean'),
          el('label', { for: `setting-${switchName}` }, el('span', { className: 'code' }, rule.code), ' ', rule.name),
          el('span', { className: 'level' }, rule.level)),
        el('p', { className: 'summary' }, rule.summary));
      for (const option of rule.options || []) {
        const setting = values[option.setting] ?? { value: option.value };
        const kind = typeof option.default === 'boolean' ? 'boolean' : Number.isInteger(option.default) ? 'integer' : 'number';
        block.append(el('p', { className: 'option' },
          el('label', { for: `setting-${option.setting}` }, option.name, ' ', settingInput(option.setting, setting, kind)),
          ' ', el('small', {}, option.help)));
      }
      return block;
    });
    $('rules').replaceChildren(...blocks);
  }

  async function saveSetting(input) {
    const name = input.dataset.setting;
    const value = input.type === 'checkbox' ? input.checked : input.value === '' ? null : Number(input.value);
    const reply = await ask('put-settings', { changes: { [name]: value } });
    say('rules-result', reply, `Saved ${name}.`);
    if (reply.ok && input.type !== 'checkbox') input.value = String(reply.settings[name].value);
  }

  const excerpt = (text) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

  function postItem(post, why) {
    const when = new Date(post.posted_at);
    const item = el('li', { 'data-client-id': post.client_id }, `${Number.isNaN(when.getTime()) ? post.posted_at : when.toLocaleString()}: “${excerpt(post.text)}”`);
    if (why) item.append(' ', el('span', { className: 'why' }, why));
    return item;
  }

  function drawPosts(reply) {
    if (!reply.ok) {
      $('posts-pending').textContent = reply.message || ns.messages[reply.state] || 'Could not read the queue.';
      return;
    }
    const count = reply.pending.length;
    const pending = $('posts-pending');
    pending.dataset.count = String(count);
    pending.textContent = count === 0 ? 'No posts waiting: the helper has them all.' : `${count} post${count === 1 ? '' : 's'} waiting for the helper.`;
    $('posts-pending-list').replaceChildren(...reply.pending.map((post) => postItem(post, post.lastError)));
    $('posts-dropped').hidden = reply.dropped.length === 0;
    $('posts-dropped').dataset.count = String(reply.dropped.length);
    $('posts-dropped-list').replaceChildren(...reply.dropped.map((post) => postItem(post, `${post.status}: ${post.message}`)));
  }

  async function showPosts() {
    drawPosts(await ask('post-queue'));
  }

  async function refresh() {
    if (await showStatus()) await Promise.all([showEvents(), showRules()]);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('pair-again').addEventListener('click', async () => {
      $('pairing-status').textContent = 'Pairing…';
      await ask('pair');
      await refresh();
    });
    $('manual-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const reply = await ask('pair-manual', { url: $('manual-url').value, token: $('manual-token').value });
      say('manual-result', reply, `Paired by hand with ${reply.url}.`);
      if (reply.ok) $('manual-token').value = '';
      await refresh();
    });
    $('manual-forget').addEventListener('click', async () => {
      const reply = await ask('forget-manual');
      say('manual-result', reply, 'Forgot the manual pairing.');
      await refresh();
    });
    $('active-event').addEventListener('change', async (event) => {
      const reply = await ask('put-settings', { changes: { active_event: event.target.value || null } });
      say('event-result', reply, event.target.value ? `Coaching for ${event.target.selectedOptions[0].textContent}.` : 'No event: event tips are off.');
      drawPolicy();
    });
    $('event-policy').addEventListener('change', () => savePolicy());
    $('rules').addEventListener('change', (event) => {
      if (event.target.matches('input[data-setting]')) saveSetting(event.target);
    });
    $('markup-forget').addEventListener('click', async () => drawMarkup(await ask('forget-markup-problems')));
    $('posts-sync').addEventListener('click', async () => drawPosts(await ask('flush-posts')));
    $('posts-forget').addEventListener('click', async () => drawPosts(await ask('forget-dropped-posts')));
    // The queue lives in storage.local: redraw whenever the background changes it.
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && (changes.postQueue || changes.droppedPosts)) showPosts();
      if (area === 'local' && changes.markupMissing) showMarkup();
    });
    showMarkup();
    showPosts();
    refresh();
  });
})();
