"""The same extension folder in Firefox, end to end.

Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (Playwright
drives only its own Firefox build), with the extension installed as Firefox
installs a temporary add-on, the composer fixture served at https://x.com/home,
the real native host installed where Firefox looks for it
(~/.mozilla/native-messaging-hosts, `allowed_extensions` with the add-on id)
and the real helper: the background script (`background.scripts`) pairs through
the host, the panel shows the event-hashtag tip, its fix and the session's
context land in Draft.js, and on an empty composer (where Firefox has no way
to insert into Draft.js) the text goes to the clipboard and the editor stays.
In the German composer with two photos, the fix offered for the second
replaces the second and keeps the first.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from backchannel.local.identity import GECKO_EXTENSION_ID
from backchannel.native_host.install import install, plan
from tests.extension.browser import EXTENSION_DIR, FIXTURE_ASSET, FIXTURE_HTML, TOOLS_DIR, X_ORIGINS, build_fixtures
from tests.extension.conftest import IN_SESSION, add_programme
from tests.extension.photos import close_up_photo, photo_with_gps
from tests.support.helper_process import helper_env, start_helper

RUNNER = Path(__file__).with_name("js") / "firefox-e2e.mjs"
FIREFOX_CANDIDATES = ("/usr/bin/firefox-esr", "/usr/bin/firefox")


def firefox_executable() -> str | None:
    return next((path for path in FIREFOX_CANDIDATES if Path(path).exists()), None)


def test_firefox_pairs_through_the_native_host_coaches_and_fixes(tmp_path: Path) -> None:
    firefox = firefox_executable()
    if firefox is None:
        pytest.skip("Firefox is not installed: run scripts/test-deps.sh (apt-get install -y firefox-esr)")
    if shutil.which("node") is None or not (TOOLS_DIR / "node_modules" / "puppeteer-core").exists():
        pytest.skip("node or puppeteer-core is missing: run scripts/test-deps.sh")
    fixtures = build_fixtures()
    helper = start_helper(tmp_path)
    try:
        add_programme(helper.url, helper.token)
        env = helper_env(tmp_path)
        photos = [tmp_path / "close.jpg", tmp_path / "IMG_2041.jpg"]
        photos[0].write_bytes(close_up_photo())
        photos[1].write_bytes(photo_with_gps())
        installed = install(plan(["firefox"], home=Path(env["HOME"])), data_dir=helper.data_dir)
        assert installed[0].manifest_path.parent == Path(env["HOME"]) / ".mozilla" / "native-messaging-hosts"
        job = {
            "firefox": firefox,
            "extensionDir": str(EXTENSION_DIR),
            "fixturesDir": str(fixtures),
            "page": FIXTURE_HTML,
            "assetPath": FIXTURE_ASSET,
            "origins": list(X_ORIGINS),
            "profileDir": str(tmp_path / "firefox-profile"),
            "env": env,
            "at": IN_SESSION,
            "draft": "Most learning happens at work",
            "rule": "CTX001",
            "photos": [str(photo) for photo in photos],
            "photoRule": "PHO007",
        }
        done = subprocess.run(["node", str(RUNNER)], input=json.dumps(job), capture_output=True, text=True, timeout=240)
    finally:
        helper.stop()
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout)
    assert "error" not in outcome, (
        outcome.get("error", "") + "\n" + json.dumps(outcome.get("panels")) + json.dumps(outcome.get("console")) + done.stderr[-3000:]
    )
    assert outcome["extensionId"] == GECKO_EXTENSION_ID
    assert outcome["checked"]["state"] == "ready" and "CTX001" in outcome["checked"]["rules"]
    # Draft.js took the fix and the session's context (Firefox's way in: execCommand on a
    # draft that has text), and the panel read the new draft back.
    fixed = "Most learning happens at work #LT13"
    assert (outcome["fixed"]["draft"], outcome["fixed"]["model"]) == (fixed, fixed)
    attached = fixed + " #LT13A1 “Learning in the flow of work” — @priyaraman"
    assert (outcome["attached"]["draft"], outcome["attached"]["model"]) == (attached, attached)
    # An empty composer is left alone (the issue forbids execCommand on an empty Draft.js
    # editor) and the text is offered on the clipboard.
    assert (outcome["emptyAttach"]["draft"], outcome["emptyAttach"]["model"]) == ("", "")
    assert "clipboard" in outcome["emptyAttach"]["notice"]
    # The second photo's clean copy took the second photo's place; the first is untouched.
    before, after = outcome["photosBefore"], outcome["photosAfter"]
    assert len(before) == 2 and len(after) == 2, outcome
    assert after[0] == before[0] and before[1] not in after
    assert "replaced the original (photo 2)" in outcome["photoNotice"]
