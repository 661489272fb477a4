"""The helper's bearer token: 256 random bits, kept in the OS keyring.

Where no real keyring backend exists (a headless Linux box has none, and a
plaintext "keyring" is no keyring), the token goes to a file only the user
can read (0600) in the data directory, and the log says so once. The token
never appears in a URL, a log line or an error message.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets as _random
import time
from pathlib import Path

from backchannel.local.paths import token_marker_path, token_path

log = logging.getLogger(__name__)

SERVICE = "backchannel-coach"
TOKEN_BYTES = 32

# Backends that store secrets in the clear or not at all.
_UNSAFE_BACKENDS = {
    "keyring.backends.fail.Keyring",
    "keyring.backends.null.Keyring",
    "keyrings.alt.file.PlaintextKeyring",
}
_warned_fallback = False


def new_token() -> str:
    return _random.token_urlsafe(TOKEN_BYTES)


def tokens_match(presented: str, expected: str) -> bool:
    """Constant-time comparison, so timing tells an attacker nothing."""
    return hmac.compare_digest(presented.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def _account(data_dir: Path) -> str:
    # One entry per data directory, so isolated instances never share a token.
    return f"helper-token:{data_dir}"


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module when its backend really keeps secrets, else None."""
    try:
        import keyring
        from keyring.backends import chainer

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install means "no keyring", not a crash
        return None
    backends = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    if not backends:
        return None
    for candidate in backends:
        name = f"{type(candidate).__module__}.{type(candidate).__qualname__}"
        if name in _UNSAFE_BACKENDS:
            return None
    return keyring


def storage_kind() -> str:
    """Where tokens are kept on this machine: 'keyring' or 'file'."""
    return "keyring" if _keyring() is not None else "file"


def _note_fallback(path: Path) -> None:
    global _warned_fallback
    if not _warned_fallback:
        _warned_fallback = True
        log.warning("No system keyring is available; the helper token is kept in %s (readable only by you).", path)


def _read_file(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return text or None


def _write_file(path: Path, token: str) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    os.replace(tmp, path)
    path.chmod(0o600)


def load_token(data_dir: Path) -> str | None:
    """The stored token, or None when there is none yet."""
    ring = _keyring()
    if ring is not None:
        try:
            value = ring.get_password(SERVICE, _account(data_dir))
        except Exception:  # noqa: BLE001 - a locked or failing keyring falls back to the file
            value = None
        if value:
            return str(value)
    return _read_file(token_path(data_dir))


def store_token(data_dir: Path, token: str) -> str:
    """Keep ``token``; returns where it went ('keyring' or 'file')."""
    where = _store(data_dir, token)
    _mark_change(data_dir)
    return where


def _store(data_dir: Path, token: str) -> str:
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(SERVICE, _account(data_dir), token)
        except Exception:  # noqa: BLE001
            ring = None
        else:
            token_path(data_dir).unlink(missing_ok=True)
            return "keyring"
    path = token_path(data_dir)
    _note_fallback(path)
    _write_file(path, token)
    return "file"


def _mark_change(data_dir: Path) -> None:
    """Replace the marker file, so a running helper drops the old token (see token_generation)."""
    marker = token_marker_path(data_dir)
    tmp = marker.with_name(marker.name + ".tmp")
    tmp.write_text(f"{time.time_ns()}\n")
    os.replace(tmp, marker)


def token_generation(data_dir: Path) -> tuple[int, int] | None:
    """Changes whenever any process stores a new token: the marker file's identity.

    Cheap enough (one stat) for a running helper to ask every few requests, unlike the
    keyring itself."""
    try:
        status = token_marker_path(data_dir).stat()
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns


def ensure_token(data_dir: Path) -> str:
    """The token, created on first use."""
    return load_token(data_dir) or _create(data_dir)


def _create(data_dir: Path) -> str:
    token = new_token()
    store_token(data_dir, token)
    return token


def rotate_token(data_dir: Path) -> str:
    """Replace the token; clients paired with the old one must pair again."""
    return _create(data_dir)
