"""Where manifests go on each platform, and what install / uninstall / status do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from backchannel.errors import InvalidInput
from backchannel.local.identity import CHROMIUM_EXTENSION_ID, GECKO_EXTENSION_ID
from backchannel.native_host.install import install, plan, status, uninstall
from backchannel.native_host.locations import BROWSERS, manifest_dir, registry_key
from backchannel.native_host.windows import MemoryRegistry
from tests.support.cli import backchannel

HOME = PurePosixPath("/home/ada")


@pytest.mark.parametrize(
    ("browser", "linux_user", "linux_system"),
    [
        ("chrome", "/home/ada/.config/google-chrome/NativeMessagingHosts", "/etc/opt/chrome/native-messaging-hosts"),
        ("chromium", "/home/ada/.config/chromium/NativeMessagingHosts", "/etc/chromium/native-messaging-hosts"),
        ("brave", "/home/ada/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts", "/etc/opt/brave/native-messaging-hosts"),
        ("edge", "/home/ada/.config/microsoft-edge/NativeMessagingHosts", "/etc/opt/edge/native-messaging-hosts"),
        ("vivaldi", "/home/ada/.config/vivaldi/NativeMessagingHosts", "/etc/opt/vivaldi/native-messaging-hosts"),
        ("firefox", "/home/ada/.mozilla/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts"),
    ],
)
def test_linux_locations(browser: str, linux_user: str, linux_system: str) -> None:
    b = BROWSERS[browser]
    assert str(manifest_dir(b, platform="linux", home=HOME)) == linux_user
    assert str(manifest_dir(b, platform="linux", home=HOME, system=True)) == linux_system


@pytest.mark.parametrize(
    ("browser", "mac_user", "mac_system"),
    [
        ("chrome", "Google/Chrome/NativeMessagingHosts", "/Library/Google/Chrome/NativeMessagingHosts"),
        ("chromium", "Chromium/NativeMessagingHosts", "/Library/Application Support/Chromium/NativeMessagingHosts"),
        ("brave", "BraveSoftware/Brave-Browser/NativeMessagingHosts", "/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts"),
        ("edge", "Microsoft Edge/NativeMessagingHosts", "/Library/Microsoft/Edge/NativeMessagingHosts"),
        ("vivaldi", "Vivaldi/NativeMessagingHosts", "/Library/Application Support/Vivaldi/NativeMessagingHosts"),
        ("firefox", "Mozilla/NativeMessagingHosts", "/Library/Application Support/Mozilla/NativeMessagingHosts"),
    ],
)
def test_macos_locations(browser: str, mac_user: str, mac_system: str) -> None:
    b = BROWSERS[browser]
    assert str(manifest_dir(b, platform="darwin", home=HOME)) == f"/home/ada/Library/Application Support/{mac_user}"
    assert str(manifest_dir(b, platform="darwin", home=HOME, system=True)) == mac_system


@pytest.mark.parametrize(
    ("browser", "key"),
    [
        ("chrome", r"Software\Google\Chrome\NativeMessagingHosts\com.backchannel.coach"),
        ("chromium", r"Software\Chromium\NativeMessagingHosts\com.backchannel.coach"),
        ("brave", r"Software\BraveSoftware\Brave-Browser\NativeMessagingHosts\com.backchannel.coach"),
        ("edge", r"Software\Microsoft\Edge\NativeMessagingHosts\com.backchannel.coach"),
        ("vivaldi", r"Software\Vivaldi\NativeMessagingHosts\com.backchannel.coach"),
        ("firefox", r"Software\Mozilla\NativeMessagingHosts\com.backchannel.coach"),
    ],
)
def test_windows_registry_keys(browser: str, key: str) -> None:
    assert registry_key(BROWSERS[browser]) == ("HKEY_CURRENT_USER", key)
    assert registry_key(BROWSERS[browser], system=True) == ("HKEY_LOCAL_MACHINE", key)


def test_windows_manifest_folder_is_per_family_under_app_data() -> None:
    appdata = PureWindowsPath(r"C:\Users\ada\AppData\Local")
    chrome = manifest_dir(BROWSERS["chrome"], platform="win32", home=HOME, appdata=appdata)
    firefox = manifest_dir(BROWSERS["firefox"], platform="win32", home=HOME, appdata=appdata)
    assert str(chrome) == r"C:\Users\ada\AppData\Local\backchannel-coach\native-messaging\chromium"
    assert str(firefox) == r"C:\Users\ada\AppData\Local\backchannel-coach\native-messaging\firefox"


def test_unsupported_platform_is_refused() -> None:
    with pytest.raises(ValueError, match="not supported"):
        manifest_dir(BROWSERS["chrome"], platform="haiku", home=HOME)


def test_found_browsers_are_those_with_a_profile_or_a_program(tmp_path: Path) -> None:
    (tmp_path / ".config" / "BraveSoftware").mkdir(parents=True)
    (tmp_path / ".config" / "BraveSoftware" / "Brave-Browser").mkdir()
    on_path = {"firefox-esr": "/usr/bin/firefox-esr"}
    targets = plan(platform="linux", home=tmp_path, which=on_path.get)
    assert [t.browser.key for t in targets] == ["brave", "firefox"]


def test_found_browsers_on_windows_come_from_the_registry(tmp_path: Path) -> None:
    registry = MemoryRegistry()
    registry.write("HKEY_CURRENT_USER", r"Software\Google\Chrome\BLBeacon", "x")
    registry.write("HKEY_LOCAL_MACHINE", r"Software\Mozilla\Firefox", "x")
    targets = plan(platform="win32", home=tmp_path, env={"LOCALAPPDATA": str(tmp_path)}, registry=registry)
    assert [(t.browser.key, t.registry) for t in targets] == [
        ("chrome", ("HKEY_CURRENT_USER", r"Software\Google\Chrome\NativeMessagingHosts\com.backchannel.coach")),
        ("firefox", ("HKEY_CURRENT_USER", r"Software\Mozilla\NativeMessagingHosts\com.backchannel.coach")),
    ]


def test_unknown_browser_is_a_clear_error() -> None:
    with pytest.raises(InvalidInput, match="netscape"):
        plan(["netscape"])


def test_install_writes_manifests_that_admit_only_our_extension(tmp_path: Path) -> None:
    targets = plan(["chromium", "firefox"], platform="linux", home=tmp_path)
    install(targets, data_dir=tmp_path / "data", python="/opt/py/bin/python3")
    chromium = json.loads((tmp_path / ".config/chromium/NativeMessagingHosts/com.backchannel.coach.json").read_text())
    firefox = json.loads((tmp_path / ".mozilla/native-messaging-hosts/com.backchannel.coach.json").read_text())
    assert chromium["allowed_origins"] == [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"] and "allowed_extensions" not in chromium
    assert firefox["allowed_extensions"] == [GECKO_EXTENSION_ID] and "allowed_origins" not in firefox
    launcher = Path(chromium["path"])
    assert launcher.is_absolute() and launcher.parent == tmp_path / ".config/chromium/NativeMessagingHosts"
    assert os.access(launcher, os.X_OK)
    script = launcher.read_text()
    assert f"BACKCHANNEL_DATA_DIR={tmp_path / 'data'}" in script and "exec /opt/py/bin/python3 -m backchannel.native_host" in script
    assert [o.state for o in status(targets)] == ["ok", "ok"]


def test_status_finds_broken_and_absent_manifests(tmp_path: Path) -> None:
    targets = plan(["chrome", "edge"], platform="linux", home=tmp_path)
    install(targets[:1])
    Path(json.loads(targets[0].manifest_path.read_text())["path"]).unlink()
    outcomes = status(targets)
    assert [(o.state, "does not exist" in o.detail) for o in outcomes] == [("broken", True), ("absent", False)]


def test_status_notices_a_manifest_for_another_extension(tmp_path: Path) -> None:
    (target,) = plan(["chrome"], platform="linux", home=tmp_path)
    install([target])
    manifest = json.loads(target.manifest_path.read_text())
    manifest["allowed_origins"] = ["chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"]
    target.manifest_path.write_text(json.dumps(manifest))
    assert status([target])[0].state == "broken"


def test_uninstall_removes_what_install_wrote_and_nothing_else(tmp_path: Path) -> None:
    targets = plan(["chromium"], platform="linux", home=tmp_path)
    install(targets)
    folder = targets[0].manifest_path.parent
    (folder / "org.other.host.json").write_text("{}")
    assert [o.state for o in uninstall(targets)] == ["removed"]
    assert sorted(p.name for p in folder.iterdir()) == ["org.other.host.json"]
    assert [o.state for o in uninstall(targets)] == ["absent"]


def test_windows_install_writes_a_batch_launcher_and_the_registry_key(tmp_path: Path) -> None:
    registry = MemoryRegistry()
    targets = plan(["edge"], platform="win32", home=tmp_path, env={"LOCALAPPDATA": str(tmp_path)}, registry=registry)
    install(targets, python=r"C:\Python311\python.exe", registry=registry)
    manifest_path = targets[0].manifest_path
    assert manifest_path.is_relative_to(tmp_path)
    assert registry.read("HKEY_CURRENT_USER", r"Software\Microsoft\Edge\NativeMessagingHosts\com.backchannel.coach") == str(manifest_path)
    launcher = Path(json.loads(manifest_path.read_text())["path"])
    assert launcher.suffix == ".bat"
    assert '"C:\\Python311\\python.exe" -m backchannel.native_host %*' in launcher.read_text()
    assert status(targets, registry=registry)[0].state == "ok"
    uninstall(targets, registry=registry)
    assert registry.read("HKEY_CURRENT_USER", r"Software\Microsoft\Edge\NativeMessagingHosts\com.backchannel.coach") is None


def test_the_installed_launcher_runs_the_host(tmp_path: Path) -> None:
    targets = plan(["chromium"], into=tmp_path / "NativeMessagingHosts")
    install(targets, data_dir=tmp_path / "data")
    launcher = json.loads(targets[0].manifest_path.read_text())["path"]
    request = json.dumps({"action": "status"}).encode()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    done = subprocess.run([launcher, f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"], input=len(request).to_bytes(4, sys.byteorder) + request,
                          capture_output=True, timeout=30, env=env)
    reply = json.loads(done.stdout[4:])
    assert reply["ok"] is True and reply["data_dir"] == str((tmp_path / "data").resolve())


def test_cli_install_status_uninstall_into_a_profile_folder(tmp_path: Path) -> None:
    folder = tmp_path / "profile" / "NativeMessagingHosts"
    installed = backchannel(tmp_path, "native-host", "install", "--browser", "chromium", "--manifest-dir", str(folder), "--format", "json")
    assert installed.returncode == 0, installed.stderr
    assert json.loads(installed.stdout)["targets"][0]["state"] == "installed"
    checked = backchannel(tmp_path, "native-host", "status", "--browser", "chromium", "--manifest-dir", str(folder))
    assert checked.returncode == 0 and "ok" in checked.stdout
    manifest = json.loads((folder / "com.backchannel.coach.json").read_text())
    # The launcher pins the data directory the CLI ran with.
    assert "BACKCHANNEL_DATA_DIR=" in Path(manifest["path"]).read_text()
    removed = backchannel(tmp_path, "native-host", "uninstall", "--browser", "chromium", "--manifest-dir", str(folder))
    assert removed.returncode == 0 and not folder.joinpath("com.backchannel.coach.json").exists()


def test_cli_status_exits_1_on_a_broken_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "NativeMessagingHosts"
    folder.mkdir()
    (folder / "com.backchannel.coach.json").write_text("{not json")
    checked = backchannel(tmp_path, "native-host", "status", "--manifest-dir", str(folder))
    assert checked.returncode == 1 and "broken" in checked.stdout


def test_chromium_family_manifests_follow_xdg_config_home(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere"
    targets = plan(["chromium", "brave", "firefox"], platform="linux", home=tmp_path / "home", env={"XDG_CONFIG_HOME": str(config)})
    assert [t.manifest_path.parent for t in targets] == [
        config / "chromium" / "NativeMessagingHosts",
        config / "BraveSoftware" / "Brave-Browser" / "NativeMessagingHosts",
        tmp_path / "home" / ".mozilla" / "native-messaging-hosts",  # Firefox does not read XDG_CONFIG_HOME
    ]
    relative = plan(["chromium"], platform="linux", home=tmp_path / "home", env={"XDG_CONFIG_HOME": "not/absolute"})
    assert relative[0].manifest_path.parent == tmp_path / "home" / ".config" / "chromium" / "NativeMessagingHosts"
    (config / "vivaldi").mkdir(parents=True)
    found = plan(platform="linux", home=tmp_path / "home", env={"XDG_CONFIG_HOME": str(config)}, which=lambda name: None)
    assert [t.browser.key for t in found] == ["vivaldi"]


def test_cli_install_for_a_browser_with_its_own_profile(tmp_path: Path) -> None:
    profile = tmp_path / "conference-profile"
    profile.mkdir()
    installed = backchannel(tmp_path, "native-host", "install", "--browser", "chromium", "--profile", str(profile))
    assert installed.returncode == 0, installed.stderr
    assert (profile / "NativeMessagingHosts" / "com.backchannel.coach.json").exists()
    firefox = backchannel(tmp_path, "native-host", "install", "--browser", "firefox", "--profile", str(profile))
    assert firefox.returncode == 2 and "~/.mozilla/native-messaging-hosts" in firefox.stderr
    missing = backchannel(tmp_path, "native-host", "install", "--browser", "chromium", "--profile", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "There is no profile folder" in missing.stderr
