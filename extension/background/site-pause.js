/* Coaching paused per site, from the toolbar popup. Kept in storage.local so it outlives the
 * browser. A paused site's drafts are not checked and its photos not analysed; its posts are
 * still recorded (the history is not coaching). x.com and twitter.com, and their mobile
 * hosts, are one site. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const SITES = new Map([['x.com', 'x.com'], ['mobile.x.com', 'x.com'], ['twitter.com', 'x.com'], ['mobile.twitter.com', 'x.com']]);

  /** The site a page belongs to ('x.com'), or null for a page the coach does not work on. */
  function siteOf(url) {
    try {
      return SITES.get(new URL(String(url)).hostname) ?? null;
    } catch {
      return null;
    }
  }

  async function pausedSites() {
    const { pausedSites: sites } = await chrome.storage.local.get('pausedSites');
    return Array.isArray(sites) ? sites : [];
  }

  async function isPaused(site) {
    return site !== null && (await pausedSites()).includes(site);
  }

  async function setPaused(site, paused) {
    const sites = new Set(await pausedSites());
    if (paused) sites.add(site);
    else sites.delete(site);
    await chrome.storage.local.set({ pausedSites: [...sites] });
    return paused;
  }

  ns.sitePause = Object.freeze({ siteOf, isPaused, setPaused, sites: () => [...new Set(SITES.values())] });
})();
