/* Runs in the page's own world (manifest "world": "MAIN") with one job: tell the content
 * script what time the page thinks it is. It reads nothing and exposes nothing else. */
document.addEventListener('backchannel:clock-ask', () => {
  document.dispatchEvent(new CustomEvent('backchannel:clock-answer', { detail: new Date().toISOString() }));
});
