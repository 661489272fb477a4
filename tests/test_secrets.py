from __future__ import annotations

import logging
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from backchannel.local import secrets
from backchannel.local.paths import token_path
from tests.support.keyrings import MemoryKeyring


def test_token_is_256_bits_and_kept_in_the_keyring(data_dir: Path, isolated_keyring: MemoryKeyring) -> None:
    token = secrets.ensure_token(data_dir)
    assert len(token) >= 43  # 32 bytes, URL-safe base64
    assert secrets.ensure_token(data_dir) == token
    assert list(isolated_keyring.entries.values()) == [token]
    assert not token_path(data_dir).exists()


def test_rotation_replaces_the_token(data_dir: Path) -> None:
    first = secrets.ensure_token(data_dir)
    second = secrets.rotate_token(data_dir)
    assert first != second
    assert secrets.load_token(data_dir) == second


def test_instances_do_not_share_tokens(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert secrets.ensure_token(a) != secrets.ensure_token(b)


def test_without_a_real_keyring_the_token_goes_to_a_0600_file_and_says_so(
    data_dir: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(secrets, "_warned_fallback", False)
    with caplog.at_level(logging.WARNING):
        token = secrets.ensure_token(data_dir)
        secrets.rotate_token(data_dir)
    path = token_path(data_dir)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text().strip() != token  # rotated
    warnings = [r for r in caplog.records if "No system keyring" in r.getMessage()]
    assert len(warnings) == 1, "said once"
    assert token not in caplog.text


def test_plaintext_keyring_is_not_trusted(data_dir: Path) -> None:
    from keyrings.alt.file import PlaintextKeyring  # type: ignore[import-not-found]

    keyring.set_keyring(PlaintextKeyring())
    assert secrets.storage_kind() == "file"


def test_constant_time_comparison() -> None:
    assert secrets.tokens_match("abc", "abc")
    assert not secrets.tokens_match("abc", "abd")
    assert not secrets.tokens_match("", "abc")
