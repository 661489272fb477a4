"""Windows registry access for the host manifests, behind a platform check.

Chromium-family browsers and Firefox on Windows find a host through the
default value of ``<hive>\\<browser key>\\NativeMessagingHosts\\<name>``,
which holds the manifest file's path. ``winreg`` exists only on Windows, so
``WinRegistry`` is defined only there; elsewhere ``Registry`` is a small
protocol that tests fill with a dictionary.
"""

from __future__ import annotations

import sys
from typing import Protocol


class Registry(Protocol):
    def read(self, hive: str, key: str) -> str | None: ...
    def write(self, hive: str, key: str, value: str) -> None: ...
    def delete(self, hive: str, key: str) -> None: ...
    def has_key(self, hive: str, key: str) -> bool: ...


if sys.platform == "win32":  # a check mypy understands: it reads this block only when checking for Windows
    import winreg

    class WinRegistry:
        """The real registry (Windows only)."""

        @staticmethod
        def _hive(name: str) -> int:
            return {"HKEY_CURRENT_USER": winreg.HKEY_CURRENT_USER, "HKEY_LOCAL_MACHINE": winreg.HKEY_LOCAL_MACHINE}[name]

        def read(self, hive: str, key: str) -> str | None:
            try:
                with winreg.OpenKey(self._hive(hive), key) as handle:
                    value, _ = winreg.QueryValueEx(handle, "")
            except OSError:
                return None
            return str(value)

        def write(self, hive: str, key: str, value: str) -> None:
            with winreg.CreateKeyEx(self._hive(hive), key, 0, winreg.KEY_WRITE) as handle:
                winreg.SetValueEx(handle, "", 0, winreg.REG_SZ, value)

        def delete(self, hive: str, key: str) -> None:
            try:
                winreg.DeleteKey(self._hive(hive), key)
            except FileNotFoundError:
                pass

        def has_key(self, hive: str, key: str) -> bool:
            try:
                winreg.OpenKey(self._hive(hive), key).Close()
            except OSError:
                return False
            return True


class MemoryRegistry:
    """A registry in a dictionary: for tests, and to plan without touching Windows."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def read(self, hive: str, key: str) -> str | None:
        return self.values.get((hive, key.lower()))

    def write(self, hive: str, key: str, value: str) -> None:
        self.values[(hive, key.lower())] = value

    def delete(self, hive: str, key: str) -> None:
        self.values.pop((hive, key.lower()), None)

    def has_key(self, hive: str, key: str) -> bool:
        prefix = key.lower()
        return any(h == hive and (k == prefix or k.startswith(prefix + "\\")) for h, k in self.values)
