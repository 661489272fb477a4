"""Drive real Chromium over the review page and report what happened, as JSON on stdout.

Run in its own process by the browser tests (``python -m tests.review.probe SPEC``):
Playwright's sync API cannot start while another one (the extension tests'
session-wide browser) is alive in the same process. SPEC is a JSON file:
``{"base": url, "login": url, "paths": [...], "home": dir}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Dialog, Page, sync_playwright

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

INSPECT = """() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.flatMap(el => [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + '[' + a.name + ']'));
  const badLinks = [...document.querySelectorAll('[href],[src],[action],[formaction],[xlink\\\\:href]')]
    .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('formaction') || '')
    .filter(v => /^\\s*(javascript|data:text|vbscript)/i.test(v));
  const scripts = [...document.scripts].map(s => s.src || 'INLINE');
  const styles = [...document.querySelectorAll('style,[style]')].length;
  const frames = document.querySelectorAll('iframe,object,embed,frame').length;
  return {xss: window.__xss === undefined ? null : String(window.__xss), handlers, badLinks, scripts, styles, frames,
          text: document.body ? document.body.innerText : ''};
}"""


def _dismiss(dialog: Dialog, report: dict[str, Any]) -> None:
    report["dialogs"].append(dialog.message)
    dialog.dismiss()


def _visit(page: Page, url: str) -> dict[str, Any]:
    response = page.goto(url, wait_until="load")
    page.wait_for_timeout(150)  # let any onload/onerror that slipped through run
    found: dict[str, Any] = page.evaluate(INSPECT)
    found["status"] = response.status if response else None
    found["csp"] = response.headers.get("content-security-policy") if response else None
    found["url"] = page.url
    return found


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    executable = next(c for c in CANDIDATES if Path(c).exists())
    report: dict[str, Any] = {"dialogs": [], "pages": {}, "console_errors": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=FLAGS, env={"HOME": spec["home"]})
        try:
            context = browser.new_context()
            page = context.new_page()
            page.on("dialog", lambda d: _dismiss(d, report))
            page.on("console", lambda m: report["console_errors"].append(m.text) if m.type == "error" else None)
            report["login"] = _visit(page, spec["login"])
            report["cookies"] = context.cookies()
            for path in spec["paths"]:
                report["pages"][path] = _visit(page, spec["base"] + path)
            # The same link again, in a fresh browser profile: it must not log anyone in.
            other = browser.new_context()
            second = other.new_page()
            second.on("dialog", lambda d: _dismiss(d, report))
            report["second_login"] = _visit(second, spec["login"])
            report["second_cookies"] = other.cookies()
            report["second_review"] = _visit(second, spec["base"] + "/review")
        finally:
            browser.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
