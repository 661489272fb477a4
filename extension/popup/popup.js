/* The toolbar popup: paired or not (and exactly what to do next when not), the active
 * event and the session on now, and a switch to pause coaching on x.com. Everything goes
 * through the background worker, as the options page does, and is drawn with DOM APIs. */
(() => {
  'use strict';
  const ns = globalThis.Backchannel;
  const $ = (id) => document.getElementById(id);
  const SITE = 'x.com'; // the one site the coach works on (twitter.com and the mobile hosts are the same site)

  async function ask(type, payload = {}) {
    try {
      return (await chrome.runtime.sendMessage({ ...payload, type })) ?? { ok: false, state: 'helper-error', message: 'No answer.' };
    } catch (error) {
      return { ok: false, state: 'helper-error', message: String(error?.message || error) };
    }
  }

  /** "10:00" on the event's wall clock, and the zone's short name ("GMT", "CET"). */
  function clock(iso, zone) {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(iso));
  }

  function zoneLabel(iso, zone) {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(iso));
    return parts.find((part) => part.type === 'timeZoneName')?.value || zone;
  }

  async function showPairing() {
    const status = $('pairing');
    const reply = await ask('status');
    status.dataset.state = reply.ok ? 'paired' : reply.state;
    const steps = $('next-steps');
    if (reply.ok) {
      status.textContent = `Paired with the helper ${reply.version} at ${reply.url}.`;
      steps.hidden = true;
      steps.replaceChildren();
      return true;
    }
    const next = ns.nextStep(reply);
    status.textContent = `Not paired. ${next.summary}`;
    steps.replaceChildren(...next.steps.map(ns.stepNode));
    steps.hidden = false;
    return false;
  }

  function sessionText(now, event) {
    const zone = event.time_zone || 'UTC';
    const mine = now.current.find((session) => session.id === now.session);
    const span = (session) => `${clock(session.start, zone)}–${clock(session.end, zone)} ${zoneLabel(session.start, zone)}`;
    if (mine) return `On now: “${mine.title}”${mine.room ? ` in ${mine.room}` : ''}, ${span(mine)}.`;
    if (now.current.length) return `${now.current.length} sessions on now, none chosen for your drafts: ${now.reason || 'choose your room.'}`;
    const next = now.next[0];
    return next ? `Nothing on now. Next: “${next.title}”${next.room ? ` in ${next.room}` : ''} at ${clock(next.start, zone)} ${zoneLabel(next.start, zone)}.` : 'Nothing on now.';
  }

  async function showEvent() {
    const events = await ask('events');
    if (!events.ok) return;
    $('event').hidden = false;
    const active = events.events.find((event) => event.slug === events.active);
    if (!active) {
      $('event-name').textContent = 'none chosen';
      $('session-now').textContent = 'Choose the event you are at in Options, so tips know its hashtag and programme.';
      return;
    }
    $('event-name').textContent = active.hashtag ? `${active.name} (#${active.hashtag})` : active.name;
    const reply = await ask('now', { at: new Date().toISOString(), event: active.slug });
    $('session-now').textContent = reply.ok ? sessionText(reply.now, active) : reply.message || ns.messages[reply.state] || '';
  }

  function drawSite(paused) {
    $('coach-site').checked = !paused;
    $('site-note').textContent = paused
      ? `Paused: drafts on ${SITE} are not checked. Your posts are still recorded.`
      : `Tips appear beside the composer on ${SITE}.`;
  }

  async function showSite() {
    const reply = await ask('site-paused', { site: SITE });
    drawSite(reply.ok && reply.paused);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('site-name').textContent = SITE;
    $('coach-site').addEventListener('change', async (event) => {
      const reply = await ask('set-site-paused', { site: SITE, paused: !event.target.checked });
      if (reply.ok) drawSite(reply.paused);
      else $('site-note').textContent = reply.message || 'Could not change it.';
    });
    $('pair-again').addEventListener('click', async () => {
      $('pairing').textContent = 'Pairing…';
      await ask('pair');
      if (await showPairing()) await showEvent();
    });
    $('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
    showSite();
    showPairing().then((paired) => (paired ? showEvent() : null));
  });
})();
