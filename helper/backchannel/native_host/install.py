"""Install, remove and check the host for the browsers on this machine.

``plan`` picks the targets (every browser found, or the ones named, or one
folder given outright: a test profile's ``NativeMessagingHosts``); the
other three act on them. Each target gets its manifest and, beside it, a
launcher script that runs the host with this Python and, when one was
chosen, this data directory. On Windows the registry points at the manifest.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath
from typing import Callable, Mapping, Sequence

from backchannel.errors import InvalidInput
from backchannel.local.identity import CHROMIUM_EXTENSION_ID, GECKO_EXTENSION_ID, NATIVE_HOST_NAME
from backchannel.native_host.locations import BROWSERS, Browser, is_installed_browser, manifest_dir, manifest_filename, registry_key
from backchannel.native_host.manifests import host_manifest, posix_launcher, windows_launcher
from backchannel.native_host.windows import Registry

LAUNCHER_MARKER = "written by `backchannel native-host install`"


@dataclass(frozen=True, slots=True)
class Target:
    browser: Browser
    manifest_path: Path
    registry: tuple[str, str] | None = None  # (hive, key) on Windows

    @property
    def launcher_path(self) -> Path:
        name = "backchannel-coach-native-host" + (".bat" if self.registry else "")
        return self.manifest_path.with_name(name)


@dataclass(frozen=True, slots=True)
class Outcome:
    browser: str
    manifest_path: Path
    state: str  # installed | removed | absent | ok | broken
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"browser": self.browser, "manifest": str(self.manifest_path), "state": self.state, "detail": self.detail}


def plan(
    browsers: Sequence[str] | None = None,
    *,
    system: bool = False,
    into: Path | None = None,
    platform: str = sys.platform,
    home: Path | None = None,
    env: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
    exists: Callable[[Path], bool] = Path.exists,
    registry: Registry | None = None,
) -> list[Target]:
    """The targets to act on. ``into`` is a folder to write one manifest to directly."""
    unknown = [b for b in browsers or () if b not in BROWSERS]
    if unknown:
        raise InvalidInput(f"Unknown browser {unknown[0]!r}; choose from {', '.join(BROWSERS)}.")
    if into is not None:
        chosen = [BROWSERS[b] for b in (browsers or ["chromium"])]
        return [Target(b, Path(into) / manifest_filename()) for b in chosen]
    home = Path(home) if home is not None else Path.home()
    # Chromium-family browsers on Linux follow $XDG_CONFIG_HOME (only an absolute path counts, as in the spec).
    xdg = env.get("XDG_CONFIG_HOME", "")
    config_home = Path(xdg) if xdg and Path(xdg).is_absolute() and platform.startswith(("linux", "freebsd")) else None
    if browsers:
        chosen = [BROWSERS[b] for b in browsers]
    elif platform == "win32":
        assert registry is not None, "Windows needs the registry to find browsers"
        chosen = [b for b in BROWSERS.values() if _windows_has_browser(registry, b)]
    else:
        chosen = [
            b for b in BROWSERS.values() if is_installed_browser(b, platform=platform, home=home, which=which, exists=exists, config_home=config_home)
        ]
    if platform == "win32":
        base = env.get("PROGRAMDATA" if system else "LOCALAPPDATA") or str(home / "AppData" / "Local")
        return [Target(b, _local_windows_folder(manifest_dir(b, platform=platform, home=home, system=system, appdata=PureWindowsPath(base)), base)
                       / manifest_filename(), registry_key(b, system=system)) for b in chosen]
    return [Target(b, Path(manifest_dir(b, platform=platform, home=home, system=system, config_home=config_home)) / manifest_filename()) for b in chosen]


def _windows_has_browser(registry: Registry, browser: Browser) -> bool:
    vendor_key = browser.windows_key.rsplit("\\", 1)[0]
    return registry.has_key("HKEY_CURRENT_USER", vendor_key) or registry.has_key("HKEY_LOCAL_MACHINE", vendor_key)


def _local_windows_folder(folder: PurePath, base: str) -> Path:
    """``folder`` (a Windows path under ``base``) as a path of the system the plan is made on.

    On Windows this is the same path. Elsewhere (a Windows plan made in tests) the folder stays
    under ``base`` instead of becoming one relative file name full of backslashes.
    """
    return Path(base).joinpath(*folder.relative_to(PureWindowsPath(base)).parts)


def install(targets: Sequence[Target], *, data_dir: Path | None = None, python: str = sys.executable, registry: Registry | None = None) -> list[Outcome]:
    outcomes = []
    for target in targets:
        target.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        launcher = target.launcher_path
        if target.registry:
            _write(launcher, windows_launcher(python, data_dir), mode=0o644)
        else:
            _write(launcher, posix_launcher(python, data_dir), mode=0o755)
        manifest = host_manifest(target.browser.family, launcher.resolve())
        _write(target.manifest_path, json.dumps(manifest, indent=2) + "\n", mode=0o644)
        if target.registry:
            assert registry is not None
            registry.write(*target.registry, str(target.manifest_path))
        outcomes.append(Outcome(target.browser.key, target.manifest_path, "installed", str(launcher)))
    return outcomes


def uninstall(targets: Sequence[Target], *, registry: Registry | None = None) -> list[Outcome]:
    outcomes = []
    for target in targets:
        found = target.manifest_path.exists()
        target.manifest_path.unlink(missing_ok=True)
        launcher = target.launcher_path
        # Only ever remove a launcher we wrote.
        if launcher.exists() and LAUNCHER_MARKER in launcher.read_text(encoding="utf-8", errors="replace"):
            launcher.unlink()
        if target.registry and registry is not None:
            found = found or registry.read(*target.registry) is not None
            registry.delete(*target.registry)
        outcomes.append(Outcome(target.browser.key, target.manifest_path, "removed" if found else "absent"))
    return outcomes


def status(targets: Sequence[Target], *, registry: Registry | None = None) -> list[Outcome]:
    return [Outcome(t.browser.key, t.manifest_path, *_check(t, registry)) for t in targets]


def _check(target: Target, registry: Registry | None) -> tuple[str, str]:
    if not target.manifest_path.exists():
        return "absent", "not installed"
    try:
        manifest = json.loads(target.manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "broken", "the manifest is not readable JSON"
    if manifest.get("name") != NATIVE_HOST_NAME:
        return "broken", f"the manifest names {manifest.get('name')!r}, not {NATIVE_HOST_NAME}"
    launcher = Path(str(manifest.get("path", "")))
    if not launcher.is_absolute() or not launcher.exists():
        return "broken", f"the launcher {launcher} does not exist"
    if not target.registry and not os.access(launcher, os.X_OK):
        return "broken", f"the launcher {launcher} is not executable"
    expected = host_manifest(target.browser.family, launcher)
    for field in ("allowed_origins", "allowed_extensions"):
        if manifest.get(field) != expected.get(field):
            allowed = CHROMIUM_EXTENSION_ID if target.browser.family == "chromium" else GECKO_EXTENSION_ID
            return "broken", f"the manifest does not admit the extension {allowed}"
    if target.registry and registry is not None and registry.read(*target.registry) != str(target.manifest_path):
        return "broken", "the registry key does not point at the manifest"
    return "ok", str(launcher)


def _write(path: Path, text: str, *, mode: int) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.chmod(mode)
    os.replace(tmp, path)
