"""The documents in native-messaging/ say what the code does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backchannel.cli.parser import build_parser
from backchannel.native_host.errors import ERROR_CODES
from backchannel.native_host.locations import BROWSERS, manifest_dir
from backchannel.native_host.manifests import host_manifest

DOCS = Path(__file__).resolve().parents[2] / "native-messaging"


@pytest.mark.parametrize("family", ["chromium", "firefox"])
def test_templates_are_what_install_writes(family: str) -> None:
    template = (DOCS / f"com.backchannel.coach.{family}.json").read_text()
    rendered = json.loads(template.replace("@LAUNCHER@", "/abs/launcher"))
    assert rendered == host_manifest(family, "/abs/launcher")  # type: ignore[arg-type]


def test_chromium_template_origin_has_the_trailing_slash_chrome_requires() -> None:
    origins = json.loads((DOCS / "com.backchannel.coach.chromium.json").read_text())["allowed_origins"]
    assert all(o.startswith("chrome-extension://") and o.endswith("/") for o in origins)


def test_error_table_matches_the_code() -> None:
    readme = (DOCS / "README.md").read_text()
    rows = re.findall(r"^\| `([a-z_]+)` \| (yes|no) \| (.+) \|$", readme, flags=re.M)
    assert [(code, ends == "yes", text) for code, ends, text in rows] == [(e.code, e.ends_session, e.help) for e in ERROR_CODES]


def test_location_table_matches_the_code() -> None:
    readme = (DOCS / "README.md").read_text()
    for browser in BROWSERS.values():
        row = next(line for line in readme.splitlines() if line.startswith(f"| {browser.key} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1] == "~/" + browser.linux_user
        assert cells[2] == str(manifest_dir(browser, platform="linux", home=Path("/h"), system=True))
        assert cells[4] == browser.mac_system
        assert cells[5] == browser.windows_key


def test_native_host_commands_have_help_with_an_example() -> None:
    parser = build_parser()
    for argv in (["native-host", "--help"], ["native-host", "install", "--help"], ["native-host", "status", "--help"], ["native-host", "uninstall", "--help"]):
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    native = sub.choices["native-host"]  # type: ignore[attr-defined]
    assert "Example:" in native.format_help()
    actions = next(a for a in native._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(actions.choices) == {"install", "uninstall", "status"}  # type: ignore[attr-defined]
    for action in actions.choices.values():  # type: ignore[attr-defined]
        assert "Example:" in action.format_help()
