"""The manifest and the extension's files, checked without a browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from backchannel.local.identity import CHROMIUM_EXTENSION_ID, GECKO_EXTENSION_ID
from tests.extension.browser import EXTENSION_DIR, TOOLS_DIR, ensure_node_tools, extension_manifest

MANIFEST = extension_manifest()
X_HOSTS = {"https://x.com/*", "https://mobile.x.com/*", "https://twitter.com/*", "https://mobile.twitter.com/*"}


def chromium_id(key_b64: str) -> str:
    """Chromium's rule: sha256 of the DER public key, first 32 hex digits, 0-f mapped to a-p."""
    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_the_pinned_key_yields_the_pinned_chromium_id() -> None:
    assert chromium_id(MANIFEST["key"]) == CHROMIUM_EXTENSION_ID


def test_firefox_id_is_the_pinned_gecko_id() -> None:
    assert MANIFEST["browser_specific_settings"]["gecko"]["id"] == GECKO_EXTENSION_ID


def test_host_permissions_are_x_and_loopback_only() -> None:
    assert set(MANIFEST["host_permissions"]) == X_HOSTS | {"http://127.0.0.1/*"}
    for script in MANIFEST["content_scripts"]:
        assert set(script["matches"]) == X_HOSTS


def test_extension_page_csp_reaches_loopback_over_http() -> None:
    csp = MANIFEST["content_security_policy"]["extension_pages"]
    assert "upgrade-insecure-requests" not in csp
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "http://127.0.0.1:*" in directives["connect-src"].split()


def referenced_files() -> set[Path]:
    pages = [MANIFEST["options_ui"]["page"], MANIFEST["action"]["default_popup"]]
    files = {MANIFEST["background"]["service_worker"], *MANIFEST["background"]["scripts"], *pages, *MANIFEST["icons"].values(),
             *MANIFEST["action"]["default_icon"].values()}
    for script in MANIFEST["content_scripts"]:
        files.update(script["js"])
    for page in pages:
        for ref in re.findall(r'(?:src|href)="([^"]+)"', (EXTENSION_DIR / page).read_text()):
            files.add(str(Path(page).parent / ref))
    return {(EXTENSION_DIR / f).resolve() for f in files}


def test_every_referenced_file_exists_and_every_file_is_referenced() -> None:
    referenced = referenced_files()
    assert all(p.exists() for p in referenced), sorted(str(p) for p in referenced if not p.exists())
    on_disk = {p.resolve() for p in EXTENSION_DIR.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert on_disk == referenced, "the unpacked folder should hold only what the manifest loads"


def extension_scripts() -> list[Path]:
    return sorted(EXTENSION_DIR.rglob("*.js"))


@pytest.mark.parametrize("pattern", [r"\.innerHTML\b", r"\.outerHTML\b", r"insertAdjacentHTML", r"document\.write", r"\beval\(", r"new Function\("])
def test_no_html_parsing_of_text(pattern: str) -> None:
    offenders = [str(p.relative_to(EXTENSION_DIR)) for p in extension_scripts() if re.search(pattern, p.read_text())]
    assert offenders == []


PAGE_REQUEST_WATCH = EXTENSION_DIR / "content" / "page-world" / "request-watch.js"


def test_content_scripts_never_call_the_helper() -> None:
    for path in (EXTENSION_DIR / "content").rglob("*.js"):
        text = path.read_text()
        assert not re.search(r"127\.0\.0\.1|localhost|\[::1\]|WebSocket", text), path
        if path != PAGE_REQUEST_WATCH:
            assert not re.search(r"\bfetch\(|XMLHttpRequest", text), path


def test_the_page_world_watcher_only_wraps_the_pages_own_calls() -> None:
    """It passes every call through to the page's fetch/XHR and never makes one of its own."""
    text = PAGE_REQUEST_WATCH.read_text()
    assert re.findall(r"\bfetch\(", text) == ["fetch("], "the only fetch( is the wrapper's own signature"
    assert "originalFetch.apply(this, arguments)" in text and "originalSend.apply(this, arguments)" in text
    assert "new XMLHttpRequest" not in text
    # It tells only this window, never another origin.
    assert re.findall(r"postMessage\(([^)]*)\)", text) == ["{ channel: CHANNEL, ...message }, location.origin"]


def test_page_world_scripts_run_first_in_the_pages_world() -> None:
    main_world = [s for s in MANIFEST["content_scripts"] if s.get("world") == "MAIN"]
    assert len(main_world) == 1 and main_world[0]["run_at"] == "document_start"
    assert main_world[0]["js"] == ["content/page-world/clock.js", "content/page-world/request-watch.js"]


def test_content_scripts_never_exec_command_on_an_empty_draft_js_editor() -> None:
    """Draft.js gets a synthetic paste; execCommand only where a paste cannot carry text
    (Firefox) and only on a draft that has text: on an empty one React unmounts the editor.
    test_firefox_e2e proves the behaviour in Firefox; this keeps the guard in the source."""
    adapter = (EXTENSION_DIR / "content" / "adapters" / "x.js").read_text()
    insert = adapter[adapter.index("async function insert(") :]
    assert insert.index("if (kind === 'draft' && pasteCarriesText) paste(") < insert.index("execCommand")
    assert "else if (kind !== 'draft' || hadText) document.execCommand('insertText'" in insert
    assert insert.index("const hadText = readText(textbox).length > 0;") < insert.index("await placeCaret(")


def test_the_helper_down_message_says_how_to_start_it() -> None:
    constants = (EXTENSION_DIR / "shared" / "constants.js").read_text()
    assert "'helper-down': 'The Backchannel helper is not running — start it with `make run`.'" in constants


def test_web_ext_lint_passes() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed (scripts/test-deps.sh installs it)")
    ensure_node_tools()
    done = subprocess.run(
        [str(TOOLS_DIR / "node_modules" / ".bin" / "web-ext"), "lint", "--source-dir", str(EXTENSION_DIR), "--output", "json", "--no-config-discovery"],
        capture_output=True, text=True, timeout=180, cwd=TOOLS_DIR,
    )
    report = json.loads(done.stdout[done.stdout.index("{"):])
    assert report["summary"]["errors"] == 0, report["errors"]
    # The one expected warning: Firefox ignores the Chromium service worker (it runs background.scripts).
    assert [w["code"] for w in report["warnings"]] == ["MANIFEST_FIELD_UNSUPPORTED"], report["warnings"]
    assert report["notices"] == []


def test_the_photo_copy_is_made_at_the_size_the_helper_measures() -> None:
    """The page's copy of a large photo is the size the helper's own decode of the original has
    (docs/PHOTOS.md "A copy first"): the two numbers it is made from are the helper's."""
    from backchannel.photos.limits import DECODE_LONG_SIDE, DISPLAY_LONG_SIDE

    constants = (EXTENSION_DIR / "shared" / "constants.js").read_text()
    assert f"PHOTO_DECODE_LONG_SIDE: {DECODE_LONG_SIDE}," in constants
    assert f"PHOTO_DISPLAY_LONG_SIDE: {DISPLAY_LONG_SIDE}," in constants
