"""Real Chromium with the real extension, for the browser tests and the benchmark.

The recipe is the one TESTING.md verified on this kind of machine: Debian's
chromium driven by Playwright (never `playwright install`), the extension
loaded with --load-extension plus --disable-extensions-except, a profile and
a HOME of its own per browser, and the native host installed into the
profile's NativeMessagingHosts folder by our own install code. The host
inherits the browser's environment, which therefore carries the helper's
isolated data directory and keyring.
"""

from __future__ import annotations

import functools
import io
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from backchannel.local.identity import CHROMIUM_EXTENSION_ID
from backchannel.native_host.install import install, plan
from tests.extension.x_api import XApi

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Playwright, Route, Worker

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
TOOLS_DIR = Path(__file__).resolve().parent  # package.json + node_modules (web-ext, esbuild, draft-js, react)
FIXTURES_SRC = TOOLS_DIR / "fixtures" / "src"
FIXTURES_BUILD = TOOLS_DIR / "fixtures" / "build"
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
X_ORIGINS = ("https://x.com", "https://twitter.com", "https://mobile.x.com", "https://mobile.twitter.com")
FIXTURE_ASSET = "/__fixture__/"

CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

FIXTURE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Home / X</title>
<link rel="stylesheet" href="/__fixture__/composer.css"></head>
<body><div id="react-root"></div><script src="/__fixture__/composer.js"></script></body></html>
"""


def chromium_executable() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return None


def ensure_node_tools() -> None:
    """node_modules for the tools and fixtures (scripts/test-deps.sh installs them too)."""
    if (TOOLS_DIR / "node_modules" / ".package-lock.json").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed: run scripts/test-deps.sh")
    command = "ci" if (TOOLS_DIR / "package-lock.json").exists() else "install"
    subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=TOOLS_DIR, check=True, capture_output=True, timeout=600)


def build_fixtures() -> Path:
    """Bundle the composer fixtures unless the bundle is newer than every source."""
    ensure_node_tools()
    bundle = FIXTURES_BUILD / "composer.js"
    sources = [*FIXTURES_SRC.iterdir(), TOOLS_DIR / "fixtures" / "build.mjs", TOOLS_DIR / "package-lock.json"]
    if not bundle.exists() or bundle.stat().st_mtime < max(p.stat().st_mtime for p in sources if p.exists()):
        subprocess.run(["node", str(TOOLS_DIR / "fixtures" / "build.mjs"), str(FIXTURES_BUILD)], check=True, capture_output=True, timeout=120)
    return FIXTURES_BUILD


@functools.cache
def cdn_picture() -> bytes:
    """A 1200×675 JPEG, as X's CDN serves a post's photo."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 675), (40, 40, 48)).save(out, "JPEG", quality=70)
    return out.getvalue()


def serve_x_fixtures(context: "BrowserContext") -> XApi:
    """Answer every x.com / twitter.com URL with the composer fixture, as X's SPA would, and
    X's GraphQL CreateTweet calls as X's server would (the returned XApi)."""
    build = build_fixtures()
    assets = {name: (build / name).read_bytes() for name in ("composer.js", "composer.css")}
    types = {"composer.js": "text/javascript", "composer.css": "text/css"}

    def handle(route: "Route") -> None:
        path = route.request.url.split("://", 1)[1].split("/", 1)[-1]
        name = path.split("?", 1)[0].removeprefix(FIXTURE_ASSET.strip("/") + "/")
        if name in assets:
            route.fulfill(status=200, body=assets[name], content_type=types[name])
        else:
            route.fulfill(status=200, body=FIXTURE_HTML, content_type="text/html; charset=utf-8")

    for origin in X_ORIGINS:
        context.route(f"{origin}/**", handle)
    # X's media CDN: the quoted post's avatar and photo, a GIF's preview. Real pictures of a
    # photo's size, so an adapter that took them for the user's photos would judge them.
    context.route("https://pbs.twimg.com/**", lambda route: route.fulfill(status=200, body=cdn_picture(), content_type="image/jpeg"))
    x_api = XApi()
    x_api.install(context)  # registered last, so it takes precedence over the page route
    return x_api


@dataclass
class ExtensionBrowser:
    context: "BrowserContext"
    profile: Path
    extension_id: str
    x_api: XApi | None = None

    @property
    def worker(self) -> "Worker":
        for worker in reversed(self.context.service_workers):  # the newest, after a restart
            if worker.url.startswith(f"chrome-extension://{self.extension_id}"):
                return worker
        return self.context.wait_for_event("serviceworker", timeout=15_000)

    def new_page(self) -> "Page":
        return self.context.new_page()

    def options_page(self) -> "Page":
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.extension_id}/options/options.html")
        return page

    def clear_pairing_cache(self) -> None:
        self.worker.evaluate("chrome.storage.session.clear()")

    def close(self) -> None:
        self.context.close()


def launch(
    playwright: "Playwright",
    tmp: Path,
    *,
    env: Mapping[str, str],
    native_host_data_dir: Path | None = None,
    extra_args: Iterable[str] = (),
) -> ExtensionBrowser:
    """Chromium with the extension; with the native host installed when a data dir is given."""
    executable = chromium_executable()
    if executable is None:
        raise RuntimeError("chromium is not installed (apt-get install -y chromium, or scripts/test-deps.sh)")
    profile = tmp / "profile"
    home = tmp / "browser-home"
    profile.mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    if native_host_data_dir is not None:
        install(plan(["chromium"], into=profile / "NativeMessagingHosts"), data_dir=native_host_data_dir)
    preferences = profile / "Default" / "Preferences"
    if not preferences.exists():
        # Developer mode, as for anyone who loads an unpacked extension: without it Chromium
        # disables the extension when it reloads itself (chrome.runtime.reload()).
        preferences.parent.mkdir(parents=True, exist_ok=True)
        preferences.write_text(json.dumps({"extensions": {"ui": {"developer_mode": True}}}))
    args = [f"--disable-extensions-except={EXTENSION_DIR}", f"--load-extension={EXTENSION_DIR}", *CHROMIUM_FLAGS, *extra_args]
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=executable, headless=True, args=args, env={**env, "HOME": str(home)},
        viewport={"width": 1280, "height": 900},
    )
    browser = ExtensionBrowser(context, profile, "")
    worker = browser.worker
    browser.extension_id = worker.url.split("/")[2]
    browser.x_api = serve_x_fixtures(context)
    return browser


def extension_manifest() -> dict[str, Any]:
    return json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))


def expected_extension_id() -> str:
    return CHROMIUM_EXTENSION_ID
