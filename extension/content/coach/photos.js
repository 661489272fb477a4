/* The photos attached to one composer, judged the way a remote follower sees them. Each
 * photo's bytes go (through the background worker) to the helper, which measures it and
 * answers at once with an id, the slide it found and the tips that need no reading; a
 * second answer, once the helper has read the slide, updates them (`reading` until then).
 * The id then goes with every check of
 * the draft, so the photo tips join the draft's. X's media are followed to notice a photo
 * taken out of the post, and to find each photo's own item (its remove button): X's
 * previews are told apart by their size and a tiny fingerprint of their pixels (photos from
 * one phone all have the same size). Descriptions are read from the one description link
 * of each post of the composer (see readDescriptions). Verdicts outlive the composer: X
 * unmounts it to open the description editor, drafts or the scheduler, and the composer it
 * mounts again finds its photos' verdicts in the page's memory. GIFs are not photos. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { background } = ns;
  const { PHOTO_MAX_BYTES, PHOTO_DECODE_LONG_SIDE, PHOTO_DISPLAY_LONG_SIDE } = ns.constants;
  const THUMBNAIL_WIDTH = 192; // decoded at twice the panel's 96 px, for sharp high-DPI thumbnails
  const GONE_AFTER_MS = 3000; // X needs a moment to show a new attachment
  const UNREACHABLE = new Set(['helper-down', 'helper-busy', 'not-paired', 'unauthorized']); // sent again once the helper answers
  const FINGERPRINT_SIDE = 8;
  const SAME_PICTURE = 24; // mean luminance difference (0-255) below which two fingerprints are one picture
  const MEMORY_MS = 10 * 60 * 1000;
  // A photo larger than this goes first as a copy the size the helper measures it at (see
  // copyLongSide): a hundred KB cross extension messaging in a fraction of what 4 MB take.
  const COPY_ABOVE_BYTES = 1024 * 1024;
  const COPY_QUALITY = 0.9;
  const JPEG_HEAD_BYTES = 512 * 1024; // where a JPEG's frame header is looked for
  let nextKey = 0;

  // Analysed photos of composers X unmounted, for the page's lifetime: { photo, keptAt }.
  const memory = [];

  // What the description link says while no photo has a description. X's English words are
  // known; in any other language the words are learned from the link beside photos the user
  // has just attached (which cannot have a description yet).
  const noDescription = new Set(['Add description', 'Add descriptions']);

  /** A leading count in any script's digits ("2 image descriptions", "٢ …"), or null. */
  function leadingCount(text) {
    const digits = /^\s*(\p{Nd}+)/u.exec(text)?.[1];
    if (!digits) return null;
    let value = 0;
    for (const digit of digits) {
      const point = digit.codePointAt(0);
      let zero = point;
      while (point - zero < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
      value = value * 10 + (point - zero);
    }
    return value;
  }

  const megabytes = (size) => (size / 1024 / 1024).toFixed(1);

  /** The picture shrunk to 8×8 luminance values: enough to tell photos apart, cheap to compare.
   * Drawn at 32×32 with smoothing, then averaged in blocks, so a full-size preview and our
   * small thumbnail of the same photo come out alike. */
  function fingerprint(source) {
    const side = FINGERPRINT_SIDE * 4;
    try {
      const context = new OffscreenCanvas(side, side).getContext('2d', { willReadFrequently: true });
      context.imageSmoothingQuality = 'high';
      context.drawImage(source, 0, 0, side, side);
      const { data } = context.getImageData(0, 0, side, side);
      const sums = new Float64Array(FINGERPRINT_SIDE * FINGERPRINT_SIDE);
      for (let y = 0; y < side; y += 1) {
        for (let x = 0; x < side; x += 1) {
          const i = (y * side + x) * 4;
          sums[(y >> 2) * FINGERPRINT_SIDE + (x >> 2)] += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        }
      }
      return Uint8Array.from(sums, (sum) => Math.round(sum / 16));
    } catch {
      return null; // not decodable, or a picture the canvas may not read
    }
  }

  /** A file's (or blob's) bytes as base64, read by the browser (a data: URL). In Firefox the File and any
   * buffer read from it belong to the page, and copying from them here is refused
   * ("Permission denied to access property constructor"); the string is this script's own. */
  function base64Of(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  /** A small picture of the photo (a File, or a picture already decoded) for the panel, or
   * null when the browser cannot draw it (an error here, thrown or rejected, must never keep
   * the photo from being judged). */
  async function thumbnailOf(source) {
    try {
      return await createImageBitmap(source, { imageOrientation: 'from-image', resizeWidth: THUMBNAIL_WIDTH, resizeQuality: 'medium' });
    } catch {
      return null;
    }
  }

  /** The long side of a photo's copy: what the helper's own decode of the original holds
   * (helper/backchannel/photos/decode.py): libjpeg's 1/2, 1/4 or 1/8 scale keeping
   * PHOTO_DECODE_LONG_SIDE, fitted into PHOTO_DISPLAY_LONG_SIDE. A 12 MP photo's is 1000 px. */
  function copyLongSide(long) {
    let scale = 8;
    while (scale > 1 && long / scale < PHOTO_DECODE_LONG_SIDE) scale /= 2;
    return Math.min(Math.ceil(long / scale), PHOTO_DISPLAY_LONG_SIDE);
  }

  /** The copy drawn from `source` (a decoded picture, `width`×`height` as shown) at `long`
   * px on its long side and encoded as JPEG: { data (base64), width, height (the
   * original's, as shown) } with the canvas it was drawn on. A canvas element's toDataURL
   * encodes at once, on this thread (10–40 ms for 1000 px); an OffscreenCanvas's
   * convertToBlob waits for the thread to be idle first, which a page busy showing the new
   * photo is not (100–200 ms more). A canvas the page never shows, read back once: kept in
   * memory rather than on the GPU (willReadFrequently). */
  function encodedCopy(source, width, height, long, original) {
    const scale = long / Math.max(width, height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.imageSmoothingQuality = 'medium';
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const url = canvas.toDataURL('image/jpeg', COPY_QUALITY);
    if (!url.startsWith('data:image/jpeg;base64,')) throw new Error('this browser will not encode a JPEG'); // it gives a PNG instead
    return { copy: { data: url.slice(url.indexOf(',') + 1), width: original.width, height: original.height }, canvas };
  }

  /** A JPEG's stored size ({ width, height }, or null: see shared/jpeg.js) read from the first
   * chunks of the file as it streams, and the whole file as a stream from its start: the
   * header (a phone's EXIF and colour profile come first, tens of KB) costs no read of its own. */
  async function withHeader(file) {
    const reader = file.stream().getReader();
    const head = [];
    let stored = null;
    let length = 0;
    while (!stored && length < JPEG_HEAD_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(value);
      length += value.length;
      const bytes = head.length === 1 ? value : new Uint8Array(length);
      if (head.length > 1) head.reduce((at, chunk) => (bytes.set(chunk, at), at + chunk.length), 0);
      stored = ns.jpeg.storedSize(bytes);
    }
    const stream = new ReadableStream({
      start(controller) {
        for (const chunk of head) controller.enqueue(chunk);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return { stored, stream };
  }

  /** A JPEG's copy decoded at a reduced scale by the browser's own decoder (WebCodecs'
   * ImageDecoder: Chromium's libjpeg-turbo decodes at n/8 of the size, the largest such scale
   * whose area is within desiredWidth × desiredHeight, so most of a 12 MP photo's pixels are
   * never made; createImageBitmap decodes all 12 MP even when asked for fewer). The frame
   * carries the EXIF orientation as its rotation and flip, which drawing it applies, so the
   * copy is the photo as the browser shows it. Null where this cannot be done or trusted (no
   * ImageDecoder, a frame without its orientation, not a JPEG, a header read wrong): the
   * whole photo is decoded then, as before. */
  async function scaledCopy(file) {
    if (typeof ImageDecoder !== 'function' || typeof VideoFrame !== 'function' || !('rotation' in VideoFrame.prototype)) return null;
    const { stored, stream } = await withHeader(file);
    if (!stored) {
      stream.cancel();
      return null;
    }
    const long = Math.max(stored.width, stored.height);
    const target = copyLongSide(long);
    if (target >= long) {
      stream.cancel();
      return null;
    }
    let eighths = 1;
    while (eighths < 8 && Math.ceil((long * eighths) / 8) < target) eighths += 1;
    // A pixel more than the scale's size on each side, so rounding never drops to the scale below.
    const desired = (side) => Math.ceil((side * eighths) / 8) + 1;
    const decoder = new ImageDecoder({ data: stream, type: 'image/jpeg', desiredWidth: desired(stored.width), desiredHeight: desired(stored.height) });
    try {
      const { image } = await decoder.decode();
      try {
        const turned = image.rotation === 90 || image.rotation === 270;
        const original = turned ? { width: stored.height, height: stored.width } : { ...stored };
        const { displayWidth: width, displayHeight: height } = image;
        // The frame as shown must be the original's shape (to the scale's rounding: a pixel a
        // side) and hold the copy's pixels; else the header or the orientation was read wrong.
        const aspect = original.width / original.height;
        if (Math.abs(width / height - aspect) > (2 / Math.min(width, height)) * aspect) return null;
        if (Math.max(width, height) < target) return null;
        return encodedCopy(image, width, height, target, original);
      } finally {
        image.close();
      }
    } finally {
      decoder.close();
    }
  }

  /** The first answer's copy of a large photo ({ data, width, height }: see scaledCopy and
   * copyLongSide) and a picture of the photo to draw its thumbnail from (the copy's canvas,
   * an ImageBitmap of the whole photo, or null). Without a reduced-scale decode, the photo is decoded whole (createImageBitmap, EXIF
   * orientation applied). The copy is null when the photo is no larger than it or the browser
   * will not make it (the whole file then goes first, as before). */
  async function copyOf(file) {
    try {
      const made = await scaledCopy(file);
      if (made) return { copy: made.copy, picture: made.canvas };
    } catch {
      // a decoder that refused this file: decode it whole below
    }
    let bitmap = null;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      return { copy: null, picture: null };
    }
    const { width, height } = bitmap;
    const long = copyLongSide(Math.max(width, height));
    if (long >= Math.max(width, height)) return { copy: null, picture: bitmap };
    try {
      return { copy: encodedCopy(bitmap, width, height, long, { width, height }).copy, picture: bitmap };
    } catch {
      return { copy: null, picture: bitmap };
    }
  }

  /** Resolves once what the DOM shows now has been painted (at once in a hidden tab, which paints nothing). */
  function painted() {
    return new Promise((resolve) => ns.frames.atNextFrame((framed) => (framed ? ns.frames.afterPaint(resolve, { inFrame: true }) : resolve())));
  }

  /** The text the helper read on the photo, in reading order (top to bottom, then left to
   * right), for the post's record: the history search finds the post by it. Undefined while
   * the slide is still being read (the helper then takes it from its own verdict). */
  function slideText(analysis) {
    if (!analysis.text || analysis.text_pending) return undefined;
    const lines = analysis.text.lines.filter((line) => line.recognised && line.text);
    lines.sort((a, b) => a.quad[0][1] - b.quad[0][1] || a.quad[0][0] - b.quad[0][0]);
    return lines.map((line) => line.text).join('\n');
  }

  /** How far apart two fingerprints are (0: the same), or 0 when one is unknown (size decides alone). */
  function distance(a, b) {
    if (!a || !b) return 0;
    let sum = 0;
    for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i] - b[i]);
    return sum / a.length;
  }

  class PhotoSet {
    /** onChange(photo?) runs whenever a photo is added, analysed, described or removed. */
    constructor(onChange) {
      this.items = [];
      this.version = 0; // goes up with every change, so a view redraws only what changed
      this.onChange = (photo) => {
        this.version += 1;
        onChange(photo);
      };
      this.alive = true;
      this.sawAttachments = false; // whether the adapter ever found X's attachment previews
    }

    /** Start judging an image file the user attached; other files (videos, GIFs) are X's business. */
    add(file) {
      if (!(file instanceof File) || !/^image\//.test(file.type) || file.type === 'image/gif') return null;
      const photo = {
        key: ++nextKey, file, name: file.name || 'photo', state: 'analysing', analysis: null, message: '',
        errorState: null, reading: false, original: false, alt: null, seen: false, fresh: true, part: null, attachment: null, thumbnail: null, addedAt: performance.now(),
      };
      this.items.push(photo);
      this.onChange(photo);
      this.analyse(photo);
      return photo;
    }

    /** `whole`: one answer with the slide read (a photo sent again, whose verdict the user has
     * seen: its tips must not fall back to the quick ones and come back).
     *
     * A large photo goes in two steps: first a copy (see copyOf), whose quick answer paints the
     * first tips, then the whole file, whose quick answer replaces the copy's (the same
     * measurements, plus what only the file holds: its metadata) and whose reading follows.
     * The photo's identity is the original's: `analysis.id` is the copy's only until the
     * original's answer comes, and the post's record waits for it (see records). */
    async analyse(photo, { whole = false } = {}) {
      photo.state = 'analysing';
      photo.sentAt = performance.now();
      photo.original = false;
      if (photo.file.size > PHOTO_MAX_BYTES) {
        this.answered(photo, { ok: false, state: 'too-large', message: `This photo is ${megabytes(photo.file.size)} MiB; the helper reads photos up to ${megabytes(PHOTO_MAX_BYTES)} MiB.` });
        return;
      }
      let picture = null;
      if (!whole && photo.file.size > COPY_ABOVE_BYTES) {
        const made = await copyOf(photo.file);
        const { copy } = made;
        picture = made.picture;
        if (copy) {
          // For the bench: how much of the wait for the first tips is making the copy, and its answer.
          performance.measure('backchannel:photo-copy-made', { start: photo.addedAt, end: performance.now() });
          const reply = await background.ask('photo', { data: copy.data, mediaType: 'image/jpeg', original: { width: copy.width, height: copy.height } });
          performance.measure('backchannel:photo-copy-answered', { start: photo.addedAt, end: performance.now() });
          if (!this.alive || !this.items.includes(photo)) {
            picture?.close?.();
            return;
          }
          // A copy the helper would not take (an older helper) leaves the original to answer.
          if (reply.ok) this.answered(photo, reply);
          else if (UNREACHABLE.has(reply.state)) {
            this.answered(photo, reply);
            this.thumbnail(photo, picture);
            return;
          }
          // Let the first tips be painted before the original is read and sent: copying 5 MB of
          // base64 into a message holds this thread, and the paint would wait for it.
          await painted();
        }
        this.thumbnail(photo, picture);
      }
      const reply = await background.ask('photo', { data: await base64Of(photo.file), mediaType: photo.file.type, whole });
      if (!this.alive || !this.items.includes(photo)) return;
      photo.original = reply.ok;
      this.answered(photo, reply);
      if (photo.reading) this.readText(photo, reply.photo.id);
      if (!picture) this.thumbnail(photo, null);
    }

    /** Show the helper's answer for the photo: its analysis, or why there is none. */
    answered(photo, reply) {
      if (reply.ok) {
        Object.assign(photo, { state: 'ready', analysis: reply.photo, reading: Boolean(reply.photo.text_pending), message: '', errorState: null });
      } else {
        Object.assign(photo, { state: 'error', message: reply.message || ns.messages[reply.state] || 'The helper could not read this photo.', errorState: reply.state });
      }
      this.onChange(photo);
    }

    /** The panel's thumbnail, from the decoded photo when there is one (closed here when it is a bitmap). Made after
     * the first tips: decoding a 12 MP photo in the page would compete with sending it for the
     * two cores a laptop may have, and the tips matter more. */
    async thumbnail(photo, bitmap) {
      if (!photo.thumbnail) {
        photo.thumbnail = await thumbnailOf(bitmap || photo.file);
        if (photo.thumbnail) photo.fingerprint = fingerprint(photo.thumbnail);
        if (this.alive && this.items.includes(photo)) this.onChange(photo);
        else if (!memory.some((entry) => entry.photo.key === photo.key)) photo.thumbnail?.close();
      }
      bitmap?.close?.(); // a canvas has nothing to close
    }

    /** The second answer: the helper has read the slide (the text verdict, the proposed
     * description), and the same photo's tips are updated. Until then the quick answer's
     * tips stand; if the reading fails they stay. */
    async readText(photo, id) {
      const reply = await background.ask('photo-text', { id });
      // A photo sent again meanwhile (the helper restarted) has its own second answer coming.
      const current = (target) => target && target.analysis?.id === id && target.reading;
      const kept = memory.find((entry) => entry.photo.key === photo.key)?.photo; // its composer went away meanwhile
      for (const target of [photo, kept]) {
        if (!current(target)) continue;
        target.reading = false;
        if (reply.ok && !reply.photo.text_pending) target.analysis = reply.photo;
      }
      if (this.alive && this.items.includes(photo) && photo.state === 'ready') this.onChange(photo);
    }

    /** Send again the photos the helper did not get (it was down) or has forgotten (it restarted). */
    retry({ forgotten = false } = {}) {
      for (const photo of this.items) {
        if (photo.state === 'error' && UNREACHABLE.has(photo.errorState)) this.analyse(photo);
        else if (forgotten && photo.state === 'ready') this.analyse(photo, { whole: !photo.reading });
      }
    }

    get pending() {
      return this.items.some((photo) => photo.state === 'analysing');
    }

    /** The analysed photos, in the order X shows them. */
    ready() {
      return this.items.filter((photo) => photo.state === 'ready');
    }

    /** The photos as /v1/check takes them: [{ id, alt? }]. */
    media() {
      return this.ready().map((photo) => (photo.alt === null ? { id: photo.analysis.id } : { id: photo.analysis.id, alt: photo.alt }));
    }

    /** The photos as a post record keeps them (POST /v1/posts `media`), each with the index of
     * the post of the composer it is attached to (`part`, null until X shows it) and the text
     * read on it (`slide_text`). A photo known only by its copy so far has no `sha256`: the
     * copy's is not the photo's. */
    records() {
      return this.ready().map(({ analysis, alt, part, original }) => ({
        sha256: original ? analysis.id : undefined, width: analysis.width, height: analysis.height, measurements: analysis.measurements, alt_text: alt ?? undefined,
        slide_text: slideText(analysis), part,
      }));
    }

    byKey(key) {
      return this.items.find((photo) => photo.key === key) || null;
    }

    /** Forget a photo now (the coach took it out of the post itself). */
    remove(photo) {
      const index = this.items.indexOf(photo);
      if (index < 0) return;
      this.items.splice(index, 1);
      photo.thumbnail?.close();
      this.onChange();
    }

    /** Follow X's media: `parts` is each post's { part, items, description } (the adapter's
     * partMedia, with the post's index). A photo X no longer shows was taken out of the post,
     * or posted. `fingerprints` caches each preview's. */
    sync(parts, fingerprints) {
      const attached = parts.flatMap(({ part, items }) => items.map((item) => ({ ...item, part })));
      if (attached.length) this.sawAttachments = true;
      const loaded = attached.filter((item) => item.width > 0);
      const loading = attached.length > loaded.length;
      const print = (item) => {
        if (!fingerprints.has(item.image)) fingerprints.set(item.image, fingerprint(item.image));
        return fingerprints.get(item.image);
      };
      const byAge = [...this.items].sort((a, b) => a.key - b.key); // the order they were attached in
      // Where every photo has its size, a size only one photo and one preview have says which
      // preview is whose; a photo still without its size may own any preview.
      const sizeDecides = this.items.every((photo) => photo.analysis);
      const matched = pair(this.items.filter((photo) => photo.analysis), loaded, print, (photo) => byAge.indexOf(photo), { sizeDecides });
      const taken = new Set(matched.values());
      // A composer X mounted again: its photos' verdicts are in the page's memory. Not while a
      // photo of this composer is still being judged: it may be the same file attached again,
      // and its own verdict claims its preview first.
      const unclaimed = loaded.filter((item) => !taken.has(item));
      let changed = false;
      if (unclaimed.length && memory.length && !this.pending) {
        const kept = memory.map((entry) => entry.photo);
        for (const [photo, item] of pair(kept, unclaimed, print, (photo) => kept.indexOf(photo))) {
          memory.splice(memory.findIndex((kept) => kept.photo === photo), 1);
          Object.assign(photo, { fresh: false, seen: false });
          this.items.push(photo);
          matched.set(photo, item);
          changed = true;
        }
      }
      const now = performance.now();
      for (const photo of [...this.items]) {
        const item = matched.get(photo);
        if (item) {
          if (!photo.seen || photo.attachment?.image !== item.image) changed = true;
          Object.assign(photo, { seen: true, attachment: item, part: item.part });
          continue;
        }
        const goneAfterSeen = photo.seen && !loading;
        const goneWithAll = this.sawAttachments && !attached.length && now - photo.addedAt > GONE_AFTER_MS;
        if (goneAfterSeen || goneWithAll) {
          this.items.splice(this.items.indexOf(photo), 1);
          photo.thumbnail?.close();
          changed = true;
        }
      }
      this.items.sort((a, b) => order(a, attached) - order(b, attached));
      if (this.readDescriptions(parts)) changed = true;
      if (changed) this.onChange();
    }

    /** Read each post's description link into its photos' `alt` ('' none, the text, or null
     * when it cannot be told). X shows one link per post, for the active post only: "Add
     * description(s)" while none has one, the description when the only photo has one, or
     * "N image descriptions". A post without the link keeps what was read before. */
    readDescriptions(parts) {
      let changed = false;
      for (const { part, items, description } of parts) {
        if (!description) continue;
        const photos = this.items.filter((photo) => photo.part === part && photo.attachment);
        if (!photos.length) continue;
        const { text } = description;
        const count = leadingCount(text);
        // Beside photos just attached, the link can only be saying that none has a description.
        if (count === null && photos.length === items.length && photos.every((photo) => photo.fresh)) noDescription.add(text);
        // A count says how many have one, not which: each photo's own is then unknown.
        let alt = null;
        if (noDescription.has(text)) alt = '';
        else if (count === null && items.length === 1) alt = text;
        for (const photo of photos) {
          photo.fresh = false;
          if (photo.alt !== alt) {
            photo.alt = alt;
            changed = true;
          }
        }
      }
      return changed;
    }

    /** The composer went away: its analysed photos wait in the page's memory for the
     * composer X mounts again. */
    destroy() {
      this.alive = false;
      const now = performance.now();
      for (let i = memory.length - 1; i >= 0; i -= 1) {
        if (now - memory[i].keptAt > MEMORY_MS) memory.splice(i, 1)[0].photo.thumbnail?.close();
      }
      for (const photo of this.items) {
        if (photo.state === 'ready' && photo.seen) memory.push({ photo: { ...photo, attachment: null }, keptAt: now });
        else photo.thumbnail?.close();
      }
      this.items = [];
    }
  }

  /** The closest pairs first: a photo and the preview of its size that looks most like it.
   * Where the pixels cannot tell (a browser that will not read them back), X's order does: it
   * shows media in the order they were attached, so `rank` (the photo's place in that order)
   * is matched to the preview's place, and a photo keeps the preview it was paired with.
   * `sizeDecides`: the one photo of a size beside the one preview of it are paired by size. */
  function pair(photos, items, print, rank, { sizeDecides = false } = {}) {
    const sameSize = (photo, item) => item.width === photo.analysis.width && item.height === photo.analysis.height;
    const pairs = [];
    for (const photo of photos) {
      const previews = items.filter((item) => sameSize(photo, item));
      for (const item of previews) {
        // Drawing X's preview for its fingerprint decodes the whole photo on this thread
        // (150–200 ms for 12 MP from a phone), so it is drawn only where the size cannot
        // tell: not for the one photo of a size beside the one preview of it, and not before
        // the photo has a fingerprint of its own (its thumbnail's, after its first tips).
        const alone = sizeDecides && previews.length === 1 && photos.filter((other) => sameSize(other, item)).length === 1;
        const apart = photo.fingerprint && !alone ? distance(photo.fingerprint, print(item)) : 0;
        // A photo keeps the preview it had; otherwise the nearest place in X's order.
        const skew = photo.attachment?.image === item.image ? -1 : Math.abs(rank(photo) - items.indexOf(item));
        if (apart < SAME_PICTURE) pairs.push({ photo, item, apart, skew });
      }
    }
    pairs.sort((a, b) => a.apart - b.apart || a.skew - b.skew);
    const matched = new Map();
    const taken = new Set();
    for (const { photo, item } of pairs) {
      if (matched.has(photo) || taken.has(item)) continue;
      matched.set(photo, item);
      taken.add(item);
    }
    return matched;
  }

  /** Where X shows a photo among the attached media (photos not shown yet go last). */
  function order(photo, attached) {
    const index = attached.findIndex((item) => item.image === photo.attachment?.image);
    return index < 0 ? attached.length + photo.key : index;
  }

  ns.PhotoSet = PhotoSet;
})();
