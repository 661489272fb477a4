/* Putting text into the composer, and making sure it landed. A fix either appends (one
 * edit at the end of the draft: caret at the end, insert) or replaces the whole draft
 * (select all, insert the result). Afterwards the draft is read back; if the text is not
 * there, it goes to the clipboard and the panel says so. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});
  const READ_BACK_MS = 600;

  const normalise = (text) => text.replace(/\u00a0/g, ' ');

  /** How to apply `fix` (computed for `checkedText`) to the draft as it is now. */
  function planFix(fix, checkedText, currentText) {
    const points = Array.from(checkedText);
    const edits = fix.edits || [];
    if (edits.length === 1 && edits[0].end === points.length && points.slice(edits[0].start).join('').trim() === '') {
      // An append: still right if the person typed more since the check.
      let insert = edits[0].insert;
      if (/\s$/.test(currentText)) insert = insert.replace(/^\s+/, '');
      else if (currentText && !/^\s/.test(insert)) insert = ` ${insert}`; // typed into an empty draft since the check
      return { mode: 'append', text: insert, expected: currentText + insert };
    }
    if (normalise(currentText) !== normalise(checkedText)) return { mode: 'stale' };
    return { mode: 'replace', text: fix.result, expected: fix.result };
  }

  async function copyToClipboard(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Without focus or permission the async API refuses; a selected hidden field still copies.
      const field = document.createElement('textarea');
      field.value = text;
      field.setAttribute('readonly', '');
      field.style.cssText = 'position:fixed;top:-1000px;opacity:0';
      document.body.append(field);
      field.select();
      const copied = document.execCommand('copy');
      field.remove();
      return copied;
    }
  }

  async function landed(textbox, expected) {
    const deadline = performance.now() + READ_BACK_MS;
    while (performance.now() < deadline) {
      if (normalise(ns.x.readText(textbox)) === normalise(expected)) return true;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return normalise(ns.x.readText(textbox)) === normalise(expected);
  }

  /** Apply a plan from planFix; { landed, copied }. */
  async function applyPlan(textbox, plan) {
    if (plan.mode === 'append') await ns.x.appendText(textbox, plan.text);
    else await ns.x.replaceText(textbox, plan.text);
    if (await landed(textbox, plan.expected)) return { landed: true, copied: false };
    return { landed: false, copied: await copyToClipboard(plan.mode === 'append' ? plan.text.trim() : plan.text) };
  }

  ns.insertText = Object.freeze({ planFix, applyPlan, copyToClipboard });
})();
