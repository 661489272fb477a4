"""The host manifests, per browser family, and the launcher they point at.

Chromium-family browsers admit an extension by origin (``allowed_origins``,
with the trailing slash they require, and the id pinned by the manifest
``key``); Firefox admits it by its add-on id (``allowed_extensions``). The
reference templates in ``native-messaging/`` are these, with the launcher
path left as ``@LAUNCHER@``; a test keeps them in step.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any, Literal

from backchannel.local.identity import CHROMIUM_EXTENSION_ID, GECKO_EXTENSION_ID, NATIVE_HOST_NAME

Family = Literal["chromium", "firefox"]
DESCRIPTION = "Backchannel Coach: pairs the browser extension with the local helper"


def host_manifest(family: Family, launcher: Path | str) -> dict[str, Any]:
    manifest: dict[str, Any] = {"name": NATIVE_HOST_NAME, "description": DESCRIPTION, "path": str(launcher), "type": "stdio"}
    if family == "chromium":
        manifest["allowed_origins"] = [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"]
    else:
        manifest["allowed_extensions"] = [GECKO_EXTENSION_ID]
    return manifest


def posix_launcher(python: str, data_dir: Path | None) -> str:
    """A shell script that runs the host with this Python (and this data directory)."""
    lines = ["#!/bin/sh", "# Backchannel Coach native-messaging host, written by `backchannel native-host install`."]
    if data_dir is not None:
        lines += [f"BACKCHANNEL_DATA_DIR={shlex.quote(str(data_dir))}", "export BACKCHANNEL_DATA_DIR"]
    lines.append(f'exec {shlex.quote(python)} -m backchannel.native_host "$@"')
    return "\n".join(lines) + "\n"


def windows_launcher(python: str, data_dir: Path | None) -> str:
    """The same as a batch file (Windows hosts are started through cmd.exe)."""
    lines = ["@echo off", "rem Backchannel Coach native-messaging host, written by `backchannel native-host install`."]
    if data_dir is not None:
        lines.append(f'set "BACKCHANNEL_DATA_DIR={data_dir}"')
    lines.append(f'"{python}" -m backchannel.native_host %*')
    return "\r\n".join(lines) + "\r\n"
