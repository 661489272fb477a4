/* The snapshot of a composer's post as it goes out, which the post recorder keeps until X
 * answers (content/coach/post-recorder.js). */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const { x } = ns;

  /** What the post going out holds, for the post recorder: each post of the thread with its
   * text and photos, the tips shown for the active one, and the event and session of the
   * latest check. */
  function postSnapshot(coach) {
    const tips = coach.panel.shownTips();
    const media = coach.photos.records();
    const activeIndex = coach.active.index;
    return {
      parts: coach.composers.map((composer) => {
        const active = composer.textbox === coach.active.textbox;
        const own = media.filter((record) => (record.part ?? activeIndex) === composer.index).map(({ part, ...record }) => record);
        return { text: x.readText(composer.textbox), tips: active ? tips : [], media: own };
      }),
      event: coach.last?.result.event ?? null,
      session: coach.last?.result.session ?? null,
      replyTo: x.replyTarget(coach.active, new URL(location.href)),
    };
  }

  ns.postSnapshot = postSnapshot;
})();
