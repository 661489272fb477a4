/* Feature: the coach panel beside every composer on pages where posts are written. Finds
 * X's composers as the page changes, groups those sharing a toolbar (a thread) and gives
 * each group a Coach (content/coach/coach.js), which goes away with its composer. Photos
 * the user attaches (the media button, a paste, a drop) and the post going out (its button,
 * or Ctrl/⌘+Enter) are caught once, at the document, and handed to the coach of the
 * composer they happen in. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x, lifecycle, postRecorder, Coach } = ns;

  /** The image files a paste or a drop carries. */
  const imagesOf = (data) => [...(data?.files || [])].filter((file) => /^image\//.test(file.type));

  function start(signal) {
    postRecorder.start();
    const coaches = new Map(); // group key (toolbar, else text box) → Coach
    const coachOf = (node) => [...coaches.values()].find((coach) => coach.alive && coach.owns(node)) || null;
    const listen = (type, handler) => document.addEventListener(type, handler, { capture: true, passive: true, signal });
    // Captured at the document, before X's own handlers, which may clear the media input.
    listen('change', (event) => {
      if (x.isMediaInput(event.target)) coachOf(event.target)?.attachFiles([...event.target.files]);
    });
    listen('paste', (event) => {
      const files = imagesOf(event.clipboardData);
      if (files.length) coachOf(event.target)?.attachFiles(files);
    });
    listen('drop', (event) => {
      const files = imagesOf(event.dataTransfer);
      if (files.length) coachOf(event.target)?.attachFiles(files);
    });
    listen('click', (event) => {
      const button = x.postButtonOf(event.target);
      if (button) coachOf(button)?.posting();
    });
    listen('keydown', (event) => {
      if (x.isPostShortcut(event)) coachOf(event.target)?.posting();
    });
    const scan = () => {
      const groups = new Map();
      for (const composer of x.findComposers(document)) {
        const key = composer.toolbar || composer.textbox;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(composer);
      }
      for (const [key, coach] of coaches) {
        if (!groups.has(key) || !key.isConnected || !coach.alive) {
          coach.destroy();
          coaches.delete(key);
        }
      }
      for (const [key, composers] of groups) {
        composers.sort((a, b) => a.index - b.index);
        if (coaches.has(key)) coaches.get(key).update(composers);
        else coaches.set(key, new Coach(composers, signal));
      }
      for (const coach of coaches.values()) {
        coach.syncPhotos();
        coach.place();
      }
    };
    lifecycle.onDomChange(scan, signal);
    const place = () => requestAnimationFrame(() => coaches.forEach((coach) => coach.place()));
    window.addEventListener('scroll', place, { capture: true, passive: true, signal });
    window.addEventListener('resize', place, { passive: true, signal });
    scan();
  }

  lifecycle.addFeature({ id: 'coach-panel', runsOn: x.pages.canCoach, start });
})();
