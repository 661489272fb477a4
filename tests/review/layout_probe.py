"""Screenshot every review page at desktop and phone widths in real Chromium, and measure its layout.

Run in its own process (``python -m tests.review.layout_probe SPEC``), as
probe.py is. SPEC: ``{"base", "logins": {name: url}, "paths", "home", "shots", "viewports": {name: [w, h]}}`` (a login link per viewport: each works once).
Reports per page and viewport: the status, whether the page scrolls sideways,
the chart texts' smallest rendered size, the pairs of chart texts whose real
boxes overlap, charts wider than their box, and the screenshot's path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from tests.review.probe import CANDIDATES, FLAGS

MEASURE = """() => {
  const doc = document.documentElement;
  const texts = [...document.querySelectorAll('figure.chart svg text')].map(t => {
    const r = t.getBoundingClientRect();
    return {label: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom, size: r.height};
  });
  const overlaps = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i], b = texts[j];
      // 0.5px of antialiasing slack: touching is not overlapping.
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
        overlaps.push([a.label, b.label]);
      }
    }
  }
  const charts = [...document.querySelectorAll('figure.chart')].map(f => {
    const svg = f.querySelector('svg');
    return {caption: f.querySelector('figcaption').textContent, svgWidth: svg ? svg.getBoundingClientRect().width : 0,
            boxWidth: f.clientWidth, values: f.querySelectorAll('text.value').length, axes: f.querySelectorAll('line.axis').length};
  });
  const fontSizes = [...document.querySelectorAll('figure.chart svg text')].map(t => parseFloat(getComputedStyle(t).fontSize) *
    (t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width));
  return {scrollsSideways: doc.scrollWidth > doc.clientWidth + 1, overlaps, charts,
          smallestText: fontSizes.length ? Math.min(...fontSizes) : null, marks: document.querySelectorAll('mark').length,
          stylesheet: [...document.styleSheets].some(s => { try { return s.cssRules.length > 0; } catch (e) { return false; } })};
}"""


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    shots = Path(spec["shots"])
    shots.mkdir(parents=True, exist_ok=True)
    executable = next(c for c in CANDIDATES if Path(c).exists())
    report: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=FLAGS, env={"HOME": spec["home"]})
        try:
            for name, (width, height) in spec["viewports"].items():
                context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                page = context.new_page()
                page.goto(spec["logins"][name], wait_until="load")
                for path in spec["paths"]:
                    response = page.goto(spec["base"] + path, wait_until="load")
                    found: dict[str, Any] = page.evaluate(MEASURE)
                    found["status"] = response.status if response else None
                    shot = shots / f"{name}-{path.strip('/').replace('/', '_').replace('?', '_').replace('=', '-') or 'index'}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    found["screenshot"] = str(shot)
                    report[f"{name} {path}"] = found
                context.close()
        finally:
            browser.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
