/* What a JPEG's header says before a pixel is decoded: its stored size (before any EXIF
 * orientation). The page's copy of a large photo asks the browser's decoder for a reduced
 * scale, and needs the original's size to choose it and to tell the helper. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  // Start-of-frame markers (baseline, progressive, lossless, arithmetic): C0–CF except DHT
  // (C4), JPG (C8) and DAC (CC), which share the range.
  const FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

  /** { width, height } as stored in a JPEG's frame header (a Uint8Array of the file, or of
   * its beginning), or null when the bytes are not a JPEG or end before its frame header. */
  function storedSize(bytes) {
    if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
    let i = 2;
    while (i + 3 < bytes.length) {
      if (bytes[i] !== 0xff) return null; // not a marker where one must be: damaged
      const marker = bytes[i + 1];
      if (marker === 0xff) {
        i += 1; // a fill byte before the marker
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a segment
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) return null; // the end, or the scan, before any frame header
      const length = (bytes[i + 2] << 8) | bytes[i + 3];
      if (length < 2) return null;
      if (FRAME_MARKERS.has(marker)) {
        if (length < 7 || i + 9 > bytes.length) return null;
        // The segment: length (2 bytes), sample precision (1), height (2), width (2).
        const height = (bytes[i + 5] << 8) | bytes[i + 6];
        const width = (bytes[i + 7] << 8) | bytes[i + 8];
        return width > 0 && height > 0 ? { width, height } : null; // a height of 0 is declared later (DNL): not worth it
      }
      i += 2 + length;
    }
    return null;
  }

  ns.jpeg = Object.freeze({ storedSize });
})();
