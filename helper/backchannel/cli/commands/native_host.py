"""`backchannel native-host install | uninstall | status`.

It imports neither the store nor the rules: `make run` calls it on every start.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from backchannel.cli.options import action, actions
from backchannel.local.paths import ENV_DATA_DIR
from backchannel.native_host.install import Outcome, Target, install, plan, status, uninstall
from backchannel.native_host.locations import BROWSER_KEYS
from backchannel.native_host.windows import Registry

BROWSER_NAMES = BROWSER_KEYS

DESCRIPTION = (
    "Install, remove or check the native-messaging host for the browsers on this machine.\n"
    "The browser starts the host to ask for the helper's address and token (and the host starts the helper if needed)."
)
EXAMPLE = "backchannel native-host install\nbackchannel native-host status\nbackchannel native-host uninstall --browser firefox"


def configure(parser: argparse.ArgumentParser) -> Any:
    parser.set_defaults(handler=run_native_host_help)
    sub = actions(parser)
    for name, run, action_help, action_example in (
        ("install", run_install, "write the host manifest (and its launcher) for every browser found",
         "backchannel native-host install\nbackchannel native-host install --browser chrome --browser firefox\n"
         "backchannel native-host install --browser chromium --profile ~/conference-profile   # started with --user-data-dir"),
        ("uninstall", run_uninstall, "remove the host manifests (and launchers) written by install",
         "backchannel native-host uninstall\nbackchannel native-host uninstall --browser brave --system"),
        ("status", run_status, "show where the host is installed, and whether each manifest is sound (exit 1 if one is broken)",
         "backchannel native-host status\nbackchannel native-host status --format json"),
    ):
        nh = action(sub, name, help=action_help, run=run, example=action_example)
        nh.add_argument("--browser", action="append", choices=BROWSER_NAMES, metavar="NAME",
                        help=f"only this browser (repeatable; default: every browser found): {', '.join(BROWSER_NAMES)}")
        nh.add_argument("--system", action="store_true", help="the system-wide locations (needs root / administrator) instead of your user's")
        nh.add_argument("--manifest-dir", metavar="DIR", help="write to this folder instead, e.g. a custom profile's NativeMessagingHosts")
        nh.add_argument("--profile", metavar="DIR", help="a Chromium-family browser started with its own profile (--user-data-dir=DIR): "
                        "its DIR/NativeMessagingHosts")
        nh.add_argument("--format", choices=("text", "json"), default="text")
    return sub


def _registry() -> Registry | None:
    if sys.platform == "win32":  # written this way round so mypy skips the block on other platforms
        from backchannel.native_host.windows import WinRegistry

        return WinRegistry()
    return None


def _targets(args: argparse.Namespace, registry: Registry | None) -> list[Target]:
    into = Path(args.manifest_dir).expanduser().resolve() if args.manifest_dir else None
    if getattr(args, "profile", None):
        into = profile_manifest_dir(Path(args.profile), args.browser)
    return plan(args.browser, system=args.system, into=into, registry=registry)


def profile_manifest_dir(profile: Path, browsers: list[str] | None) -> Path:
    """Where a Chromium-family browser started with --user-data-dir=PROFILE looks for hosts: PROFILE/NativeMessagingHosts.

    Firefox reads hosts per user (~/.mozilla/native-messaging-hosts), whatever the profile, so the usual install covers it.
    """
    from backchannel.errors import InvalidInput
    from backchannel.native_host.locations import BROWSERS

    if any(BROWSERS[b].family != "chromium" for b in browsers or ()):
        raise InvalidInput(
            "--profile is for Chromium-family browsers started with --user-data-dir; Firefox reads its hosts from "
            "~/.mozilla/native-messaging-hosts whatever the profile: `backchannel native-host install --browser firefox`."
        )
    folder = profile.expanduser().resolve()
    if not folder.is_dir():
        raise InvalidInput(f"There is no profile folder at {folder}: give the folder the browser was started with (--user-data-dir).")
    return folder / "NativeMessagingHosts"


def _pinned_data_dir(args: argparse.Namespace) -> Path | None:
    """The data directory the host must use: the one chosen now, else the default at run time."""
    chosen = getattr(args, "data_dir", None) or os.environ.get(ENV_DATA_DIR)
    if not chosen:
        return None
    from backchannel.local.paths import resolve_data_dir

    return resolve_data_dir(chosen)


def _report(outcomes: list[Outcome], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps({"targets": [o.to_dict() for o in outcomes]}, indent=2))
        return
    for o in outcomes:
        print(f"{o.browser:<9} {o.state:<9} {o.manifest_path}" + (f"  ({o.detail})" if o.detail and o.state != "installed" else ""))


def _none_found() -> int:
    print("No supported browser found (Chrome, Chromium, Brave, Edge, Vivaldi, Firefox); name one with --browser.", file=sys.stderr)
    return 0


def run_native_host_help(args: argparse.Namespace) -> int:
    print("usage: backchannel native-host {install,uninstall,status} [--browser NAME] [--system]", file=sys.stderr)
    return 2


def run_install(args: argparse.Namespace) -> int:
    registry = _registry()
    targets = _targets(args, registry)
    if not targets:
        return _none_found()
    _report(install(targets, data_dir=_pinned_data_dir(args), registry=registry), args.format)
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    registry = _registry()
    targets = _targets(args, registry)
    if not targets:
        return _none_found()
    _report(uninstall(targets, registry=registry), args.format)
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Exit status 1 when a manifest is present but broken, so scripts can tell."""
    registry = _registry()
    targets = _targets(args, registry)
    if not targets:
        return _none_found()
    outcomes = status(targets, registry=registry)
    _report(outcomes, args.format)
    return 1 if any(o.state == "broken" for o in outcomes) else 0
