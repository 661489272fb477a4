"""Where each browser looks for native-messaging host manifests.

Pure functions of (browser, platform, home, user or system), so every path
and registry key is unit-tested on any machine. Linux and macOS read a
``<name>.json`` file from a folder; Windows reads the manifest's path from a
registry key (``windows.py`` writes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Callable

from backchannel.local.identity import NATIVE_HOST_NAME
from backchannel.native_host.manifests import Family


@dataclass(frozen=True, slots=True)
class Browser:
    key: str
    name: str
    family: Family
    linux_user: str  # relative to $HOME
    linux_system: str
    mac_user: str  # relative to $HOME
    mac_system: str
    windows_key: str  # under HKCU / HKLM
    executables: tuple[str, ...]  # names on PATH (Linux)
    mac_app: str  # in /Applications


BROWSERS: dict[str, Browser] = {
    b.key: b
    for b in (
        Browser("chrome", "Google Chrome", "chromium", ".config/google-chrome/NativeMessagingHosts", "/etc/opt/chrome/native-messaging-hosts",
                "Library/Application Support/Google/Chrome/NativeMessagingHosts", "/Library/Google/Chrome/NativeMessagingHosts",
                r"Software\Google\Chrome\NativeMessagingHosts", ("google-chrome", "google-chrome-stable"), "Google Chrome.app"),
        Browser("chromium", "Chromium", "chromium", ".config/chromium/NativeMessagingHosts", "/etc/chromium/native-messaging-hosts",
                "Library/Application Support/Chromium/NativeMessagingHosts", "/Library/Application Support/Chromium/NativeMessagingHosts",
                r"Software\Chromium\NativeMessagingHosts", ("chromium", "chromium-browser"), "Chromium.app"),
        Browser("brave", "Brave", "chromium", ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts", "/etc/opt/brave/native-messaging-hosts",
                "Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
                "/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
                r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts", ("brave-browser", "brave"), "Brave Browser.app"),
        Browser("edge", "Microsoft Edge", "chromium", ".config/microsoft-edge/NativeMessagingHosts", "/etc/opt/edge/native-messaging-hosts",
                "Library/Application Support/Microsoft Edge/NativeMessagingHosts", "/Library/Microsoft/Edge/NativeMessagingHosts",
                r"Software\Microsoft\Edge\NativeMessagingHosts", ("microsoft-edge", "microsoft-edge-stable"), "Microsoft Edge.app"),
        Browser("vivaldi", "Vivaldi", "chromium", ".config/vivaldi/NativeMessagingHosts", "/etc/opt/vivaldi/native-messaging-hosts",
                "Library/Application Support/Vivaldi/NativeMessagingHosts", "/Library/Application Support/Vivaldi/NativeMessagingHosts",
                r"Software\Vivaldi\NativeMessagingHosts", ("vivaldi", "vivaldi-stable"), "Vivaldi.app"),
        Browser("firefox", "Firefox", "firefox", ".mozilla/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts",
                "Library/Application Support/Mozilla/NativeMessagingHosts", "/Library/Application Support/Mozilla/NativeMessagingHosts",
                r"Software\Mozilla\NativeMessagingHosts", ("firefox", "firefox-esr"), "Firefox.app"),
    )
}
BROWSER_KEYS = tuple(BROWSERS)


def manifest_filename() -> str:
    return f"{NATIVE_HOST_NAME}.json"


def linux_user_dir(browser: Browser, home: PurePath, config_home: PurePath | None = None) -> PurePosixPath:
    """The browser's per-user folder on Linux: Chromium-family browsers keep theirs under $XDG_CONFIG_HOME when it is set."""
    relative = PurePosixPath(browser.linux_user)
    if config_home is not None and relative.parts[0] == ".config":
        return PurePosixPath(config_home).joinpath(*relative.parts[1:])
    return PurePosixPath(home) / relative


def manifest_dir(
    browser: Browser, *, platform: str, home: PurePath, system: bool = False, appdata: PurePath | None = None, config_home: PurePath | None = None,
) -> PurePath:
    """The folder the manifest goes in.

    On Windows the browser does not look in a folder; the manifest is kept in
    ``appdata`` (``%LOCALAPPDATA%`` or ``%PROGRAMDATA%`` for --system), one
    file per family, and the registry points at it.
    """
    if platform.startswith("linux") or platform.startswith("freebsd"):
        return PurePosixPath(browser.linux_system) if system else linux_user_dir(browser, home, config_home)
    if platform == "darwin":
        return PurePosixPath(browser.mac_system) if system else PurePosixPath(home) / browser.mac_user
    if platform == "win32":
        if appdata is None:
            raise ValueError("Windows needs the app-data folder for the manifest")
        return PureWindowsPath(appdata) / "backchannel-coach" / "native-messaging" / browser.family
    raise ValueError(f"native messaging is not supported on {platform!r}")


def registry_key(browser: Browser, *, system: bool = False) -> tuple[str, str]:
    """(hive, key) whose default value is the manifest's path, on Windows."""
    return ("HKEY_LOCAL_MACHINE" if system else "HKEY_CURRENT_USER", f"{browser.windows_key}\\{NATIVE_HOST_NAME}")


def is_installed_browser(
    browser: Browser, *, platform: str, home: Path, which: Callable[[str], str | None], exists: Callable[[Path], bool], config_home: Path | None = None,
) -> bool:
    """Whether this machine has the browser: its profile folder, or its program."""
    if platform == "darwin":
        profile = Path(home) / Path(browser.mac_user).parent
        return exists(profile) or exists(Path("/Applications") / browser.mac_app) or exists(Path(home) / "Applications" / browser.mac_app)
    profile = Path(linux_user_dir(browser, home, config_home)).parent
    return exists(profile) or any(which(name) for name in browser.executables)
