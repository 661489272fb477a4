/* Bytes across extension messaging. chrome.runtime messages are JSON in Chromium, so an
 * ArrayBuffer would arrive as {}: photos travel between the content script and the
 * background worker as base64. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack

  /** base64 of a Uint8Array. */
  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
    return btoa(binary);
  }

  /** The Uint8Array a base64 string holds (throws on anything that is not base64). */
  function fromBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  ns.bytes = Object.freeze({ toBase64, fromBase64 });
})();
