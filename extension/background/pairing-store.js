/* Where the pairing (helper URL + token) is kept.
 * - The native pairing is cached in storage.session: it survives service-worker restarts,
 *   dies with the browser, and content scripts cannot read it (session storage is
 *   trusted-contexts only by default). Where storage.session is missing, memory.
 * - A manual pairing (pasted on the options page, for browsers that cannot start native
 *   hosts) is kept in storage.local, so it survives the browser. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const session = globalThis.chrome?.storage?.session;
  let memory = null;

  async function getCached() {
    if (!session) return memory;
    const { pairing } = await session.get('pairing');
    return pairing ?? null;
  }

  async function setCached(pairing) {
    if (!session) {
      memory = pairing;
      return;
    }
    await session.set({ pairing });
  }

  async function clearCached() {
    memory = null;
    if (session) await session.remove('pairing');
  }

  async function getManual() {
    const { manualPairing } = await chrome.storage.local.get('manualPairing');
    return manualPairing ?? null;
  }

  async function setManual(pairing) {
    await chrome.storage.local.set({ manualPairing: pairing });
  }

  async function clearManual() {
    await chrome.storage.local.remove('manualPairing');
  }

  ns.pairingStore = Object.freeze({ getCached, setCached, clearCached, getManual, setManual, clearManual });
})();
