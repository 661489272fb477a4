/* The panel's CSS. It lives in the panel's shadow root, so X's styles cannot reach in and
 * ours cannot leak out; :host resets what inherits through the shadow boundary. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  ns.panelCss = `
:host { all: initial; position: fixed; z-index: 2147483000; display: block; width: 360px;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f1419; }
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
.panel { background: #fff; border: 1px solid #cfd9de; border-radius: 12px; box-shadow: 0 4px 16px rgb(0 0 0 / 12%);
  padding: 8px 10px; max-height: 40vh; overflow: auto; }
header { display: flex; align-items: baseline; gap: 8px; }
header .title { font-weight: 700; }
header .post { color: #536471; }
.length { margin-left: auto; font-variant-numeric: tabular-nums; color: #536471; }
.length.over { color: #f4212e; font-weight: 700; }
.status { margin: 6px 0 0; color: #536471; }
.status.problem { color: #b45309; }
.status.down { color: #f4212e; font-weight: 600; }
.notice { margin: 6px 0 0; padding: 4px 6px; border-radius: 6px; background: #eff3f4; }
.notice:empty { display: none; }
ul { list-style: none; margin: 6px 0 0; padding: 0; display: grid; gap: 6px; }
li { border-left: 3px solid #1d9bf0; padding: 2px 0 2px 8px; }
li[data-level="warning"] { border-color: #f59e0b; }
li[data-level="error"] { border-color: #f4212e; }
.level { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #536471; margin-right: 6px; }
.code { font-size: 11px; color: #536471; margin-left: 4px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
button { font: inherit; border-radius: 999px; border: 1px solid #cfd9de; background: #fff; color: #0f1419;
  padding: 2px 10px; cursor: pointer; }
button:hover { background: #f7f9f9; }
button.primary { background: #0f1419; border-color: #0f1419; color: #fff; }
button.quiet { border-color: transparent; color: #536471; }
button:disabled { opacity: .5; cursor: default; }
footer { display: flex; gap: 6px; margin-top: 8px; }
ul.photos { gap: 8px; }
ul.photos li { display: flex; gap: 8px; align-items: flex-start; border: 0; padding: 0; }
.thumbnail { flex: none; border-radius: 4px; }
.proposal { margin: 4px 0; padding: 4px 8px; border-inline-start: 3px solid #1d9bf0; color: #0f1419; }
.tip-thumbnail { float: inline-start; margin-inline-end: 6px; border-radius: 3px; }
.about { min-width: 0; }
.summary { margin: 0; color: #536471; }
.summary.error { color: #b45309; }
.post-status { margin: 6px 0 0; color: #536471; }
.post-status[data-post-state="recorded"] { color: #00703c; }
.post-status[data-post-state="failed"], .post-status[data-post-state="unconfirmed"], .post-status[data-post-state="unsaved"],
.post-status[data-post-state="dropped"] { color: #b45309; }
@media (prefers-color-scheme: dark) {
  :host { color: #e7e9ea; }
  .panel { background: #15202b; border-color: #38444d; }
  button { background: #15202b; color: #e7e9ea; border-color: #38444d; }
  button.primary { background: #e7e9ea; color: #0f1419; }
  .notice { background: #273340; }
}
`;
})();
