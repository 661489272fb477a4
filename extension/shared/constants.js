/* Names and messages shared by the background worker, content scripts and options page.
 * Plain script (no modules): Firefox loads it through background.scripts, the Chromium
 * service worker through importScripts, content scripts through the manifest list. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  ns.constants = Object.freeze({
    NATIVE_HOST_NAME: 'com.backchannel.coach',
    PLATFORM: 'x',
    // A pause this long in typing sends the draft for checking (issue: ≤ 250 ms).
    DEBOUNCE_MS: 150,
    // How long each kind of call to the helper may take before the helper counts as busy.
    // A photo waits for one of the helper's photo workers and is measured within the photo's
    // budget (helper/backchannel/photos/limits.py SECONDS, 15 s); the reading's GET waits for
    // the whole reading, within the same budget plus the helper's grace (5 s). Each with a margin.
    REQUEST_TIMEOUTS_MS: Object.freeze({ call: 5000, photo: 20000, reading: 25000 }),
    // Where the helper may live: loopback only, whatever a pairing says.
    HELPER_URL: /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})$/,
    RULE_CODE: /^[A-Z]{3}\d{3}$/,
    EVENT_SLUG: /^[a-z0-9][a-z0-9-]{0,63}$/,
    // The helper reads photos up to 20 MiB (helper/backchannel/photos/limits.py); a larger
    // one is refused here, before it is copied through extension messaging.
    PHOTO_MAX_BYTES: 20 * 1024 * 1024,
    // The helper measures a photo decoded at libjpeg's 1/2, 1/4 or 1/8 scale keeping this long
    // side, fitted into X's opened size (limits.py DECODE_LONG_SIDE, DISPLAY_LONG_SIDE): the
    // page's copy of a large photo is made that size, so it holds every pixel measured.
    PHOTO_DECODE_LONG_SIDE: 1000,
    PHOTO_DISPLAY_LONG_SIDE: 1200,
    PHOTO_TYPE: /^image\/[a-z0-9.+-]{1,40}$/,
    PHOTO_ID: /^[0-9a-f]{64}$/, // the SHA-256 of the photo's bytes
    CLIENT_ID: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    // A post X has not confirmed within this long is not recorded as posted.
    POST_CONFIRM_MS: 20000,
  });

  /** What the panel and the options page say for each state the background reports. */
  ns.messages = Object.freeze({
    'helper-down': 'The Backchannel helper is not running — start it with `make run`.',
    'not-paired': 'Not paired with the Backchannel helper — run `make run` (it installs the native host), or pair by hand in the extension options.',
    unauthorized: 'The helper refused the token — pair again in the extension options (`backchannel token` shows the current one).',
    'helper-busy': 'The Backchannel helper is busy and did not answer in time — it will be asked again.',
    'helper-error': 'The helper could not check this draft.',
    'extension-reloaded': 'Backchannel Coach was updated — reload this page to keep coaching.',
    'no-event': 'Pick the event you are at in the extension options, so tips know its hashtag and programme.',
    paused: 'Coaching is paused on this site — switch it back on from the Backchannel Coach button in the toolbar.',
    'post-recorded': 'Post recorded.',
    'post-queued': 'Post saved, will sync when the helper is back.',
    'post-dropped': 'The helper refused to record this post; see the extension options.',
    'post-failed': 'X did not post it, so it was not recorded.',
    'post-unconfirmed': 'X did not confirm the post, so it was not recorded.',
    'post-scheduled': 'Scheduled post recorded.',
    'post-edited': 'Edit recorded; the earlier text is kept in its history.',
  });

  /** The parts of X's page the coach looks for, named for a person reporting that X changed
   * (the panel and the options page say which one was not found). */
  ns.markupParts = Object.freeze({
    composer: "X's composer (the text box where a post is written)",
    toolbar: "X's toolbar under the composer (photo, GIF and Post buttons)",
    'media-input': "X's photo picker (the file input behind the photo button)",
    'post-button': "X's Post button",
    'remove-media': "the remove (✕) button of an attached photo, which the photo fixes use",
    description: "X's description link for the attached photos (“Add description”)",
  });
})();
