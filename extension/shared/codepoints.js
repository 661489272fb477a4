/* The helper counts in Unicode code points (Python str indices); JavaScript strings in
 * UTF-16 code units. Every index that crosses the boundary goes through these two. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  /** The UTF-16 index of code point `cp` in `text` (clamped to the end). */
  function toUtf16(text, cp) {
    let units = 0;
    let points = 0;
    while (points < cp && units < text.length) {
      const code = text.charCodeAt(units);
      units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
      points += 1;
    }
    return units;
  }

  /** The code point index of UTF-16 index `unit` in `text`. */
  function toCodePoint(text, unit) {
    return Array.from(text.slice(0, unit)).length;
  }

  ns.codepoints = Object.freeze({ toUtf16, toCodePoint });
})();
