// A JPEG's stored size read from its header (shared/jpeg.js), as the page's copy of a large
// photo needs it before a pixel is decoded: past the segments a phone writes first (EXIF,
// XMP, colour profiles), for baseline and progressive files, and null for anything else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './load.mjs';

const { ns } = load(['shared/jpeg.js']);
// The size as a plain object of this realm (the script runs in a context of its own).
const storedSize = (bytes) => { const size = ns.jpeg.storedSize(bytes); return size && { ...size }; };

/** A marker segment: FF, the marker, a two-byte length (itself included) and the payload. */
const segment = (marker, payload) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
/** A frame header: 8-bit samples, height, width, three components. */
const frame = (marker, width, height) => segment(marker, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const SOI = [0xff, 0xd8];
const exif = segment(0xe1, [...Buffer.from('Exif\0\0'), ...new Array(30000).fill(7)]);
const icc = segment(0xe2, [...Buffer.from('ICC_PROFILE\0'), 1, 1, ...new Array(3000).fill(0xff)]);
const quant = segment(0xdb, new Array(65).fill(1));
const scan = [...segment(0xda, [1, 1, 0, 0, 63, 0]), 0x12, 0x34];

test('the stored size comes from the frame header, past what a phone writes first', () => {
  const phone = Uint8Array.from([...SOI, ...exif, ...icc, ...quant, ...frame(0xc0, 4032, 3024), ...scan]);
  assert.deepEqual(storedSize(phone), { width: 4032, height: 3024 });
  // Progressive, and a portrait stored as such.
  assert.deepEqual(storedSize(Uint8Array.from([...SOI, ...quant, ...frame(0xc2, 3000, 4000), ...scan])), { width: 3000, height: 4000 });
  // Fill bytes before a marker are allowed.
  assert.deepEqual(storedSize(Uint8Array.from([...SOI, 0xff, 0xff, ...frame(0xc1, 640, 480)])), { width: 640, height: 480 });
});

test('segments in the frame markers\' range that are not frames are skipped', () => {
  // DHT (C4) and DAC (CC) share the range C0–CF with the frame headers.
  const tables = segment(0xc4, [0x00, ...new Array(16).fill(0), 0]);
  const arithmetic = segment(0xcc, [0x00, 0x10]);
  assert.deepEqual(storedSize(Uint8Array.from([...SOI, ...tables, ...arithmetic, ...frame(0xc0, 1200, 900)])), { width: 1200, height: 900 });
});

test('anything that is not a JPEG with its frame header in the bytes given is null', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  assert.equal(storedSize(png), null);
  assert.equal(storedSize(new Uint8Array(0)), null);
  // The file's beginning only, ending inside the EXIF segment: read more, or decode it whole.
  const whole = Uint8Array.from([...SOI, ...exif, ...frame(0xc0, 4000, 3000)]);
  assert.equal(storedSize(whole.subarray(0, 20000)), null);
  assert.equal(storedSize(whole.subarray(0, whole.length - 19 + 7)), null); // cut before the width in the frame header
  assert.deepEqual(storedSize(whole.subarray(0, whole.length - 19 + 9)), { width: 4000, height: 3000 }); // and just after it
  // A scan or the end before any frame header, garbage where a marker must be, a height declared later (DNL).
  assert.equal(storedSize(Uint8Array.from([...SOI, ...scan, ...frame(0xc0, 10, 10)])), null);
  assert.equal(storedSize(Uint8Array.from([...SOI, 0xff, 0xd9])), null);
  assert.equal(storedSize(Uint8Array.from([...SOI, 0x00, 0x11, ...frame(0xc0, 10, 10)])), null);
  assert.equal(storedSize(Uint8Array.from([...SOI, ...frame(0xc0, 640, 0)])), null);
});
