/* A photo tip's fix, for the coach of a composer (content/coach/coach.js): crop to the
 * slide or post a clean copy, replacing exactly that photo in the draft (or downloading the
 * copy when X's remove button cannot be found), or open X's description editor with the
 * proposed description on the clipboard. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x, bytes, background, insertText } = ns;

  async function fetchCopy(coach, photo, kind) {
    const reply = await background.ask('photo-copy', { id: photo.analysis.id, kind });
    if (!reply.ok) {
      coach.panel.setNotice(reply.message || ns.messages[reply.state]);
      return null;
    }
    const stem = photo.name.replace(/\.[^.]+$/, '') || 'photo';
    const extension = reply.type === 'image/png' ? 'png' : 'jpg';
    return new File([bytes.fromBase64(reply.data)], `${stem}-${kind === 'crop' ? 'slide' : 'clean'}.${extension}`, { type: reply.type });
  }

  /** A photo tip's fix: crop to the slide or post a clean copy (replacing exactly that photo
   * in the draft), or open X's description editor. */
  async function photoFix(coach, tip) {
    const photo = tip && coach.photos.byKey(tip.photoKey);
    if (!photo?.analysis) return;
    coach.panel.setNotice('');
    const action = tip.photo_fix.action;
    const composer = coach.composers.find((c) => c.index === photo.part) || coach.active;
    if (action === 'describe') {
      // The description proposed from the slide goes on the clipboard, to paste into X's
      // editor (which replaces the composer, and this panel, while it is open) and edit there.
      const proposed = tip.photo_fix.description;
      const copied = proposed ? await insertText.copyToClipboard(proposed) : false;
      const link = x.partMedia(composer.part).description?.link;
      if (link) link.click();
      else coach.panel.setNotice(`Can't find ${ns.markupParts.description}: open it from the photo yourself${copied ? '; the proposed description is on your clipboard' : ''}.`);
      return;
    }
    const file = await fetchCopy(coach, photo, action === 'crop' ? 'crop' : 'clean');
    if (!file || !coach.alive) return;
    const what = action === 'crop' ? 'The cropped photo' : 'The copy without metadata';
    const remove = photo.attachment?.remove;
    // X takes a photo from its media input into the post being written: that post is made
    // the active one first, and the original goes first, so four photos stay four.
    if (remove?.isConnected && x.first(coach.scope, 'mediaInput')) {
      composer.textbox.focus();
      remove.click();
      coach.photos.remove(photo);
      x.attachFiles(coach.scope, [file]);
      coach.panel.setNotice(`${what} replaced the original (photo ${tip.photoIndex + 1}) in your post.`);
      return;
    }
    download(file);
    coach.panel.setNotice(`${what} is downloaded: attach it in place of the original (${ns.markupParts['remove-media']} was not found).`);
  }

  async function downloadCrop(coach, key) {
    const photo = coach.photos.byKey(key);
    if (!photo?.analysis?.crop) return;
    const file = await fetchCopy(coach, photo, 'crop');
    if (file) download(file);
  }

  function download(file) {
    const url = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  ns.photoFixes = Object.freeze({ apply: photoFix, downloadCrop });
})();
