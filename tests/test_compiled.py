"""The compiled copies of the checker's modules run only while they match their sources."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import backchannel
from backchannel import _compiled


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A source tree with one compiled package and a build of it recorded in a manifest."""
    monkeypatch.delenv("BACKCHANNEL_PURE", raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    source_root = tmp_path / "helper"
    (source_root / "backchannel" / "text").mkdir(parents=True)
    for name in ("backchannel/__init__.py", "backchannel/text/__init__.py", "backchannel/text/x.py", "backchannel/checker.py"):
        (source_root / name).write_text("# source\n")
    compiled = tmp_path / "build" / "compiled"
    compiled.mkdir(parents=True)
    names = ["backchannel/text/__init__.py", "backchannel/text/x.py", "backchannel/checker.py"]
    manifest = {
        "python": sys.implementation.cache_tag,
        "packages": ["backchannel/text"],
        "sources": {name: _compiled.fingerprint(source_root / name) for name in names},
    }
    (compiled / _compiled.MANIFEST).write_text(json.dumps(manifest))
    return source_root, compiled


def _activate(source_root: Path, compiled: Path) -> tuple[bool, list[str]]:
    package_path = [str(source_root / "backchannel")]
    return _compiled.activate(package_path, compiled), package_path


def test_a_fresh_build_goes_in_front_of_the_sources(build: tuple[Path, Path]) -> None:
    source_root, compiled = build
    used, package_path = _activate(source_root, compiled)
    assert used
    assert package_path == [str(compiled / "backchannel"), str(source_root / "backchannel")]
    assert str(compiled) in sys.path  # mypyc's shared library is a top-level module


def test_an_edited_source_means_plain_python(build: tuple[Path, Path]) -> None:
    source_root, compiled = build
    (source_root / "backchannel/text/x.py").write_text("# source, edited\n")
    used, package_path = _activate(source_root, compiled)
    assert not used and package_path == [str(source_root / "backchannel")]


def test_a_module_added_to_a_compiled_package_means_plain_python(build: tuple[Path, Path]) -> None:
    source_root, compiled = build
    (source_root / "backchannel/text/new.py").write_text("# new\n")
    assert not _activate(source_root, compiled)[0]


def test_another_python_or_a_broken_manifest_means_plain_python(build: tuple[Path, Path]) -> None:
    source_root, compiled = build
    manifest_path = compiled / _compiled.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "python": "cpython-27"}))
    assert not _activate(source_root, compiled)[0]
    manifest_path.write_text("{not json")
    assert not _activate(source_root, compiled)[0]
    manifest_path.unlink()
    assert not _activate(source_root, compiled)[0]


def test_backchannel_pure_turns_the_build_off(build: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKCHANNEL_PURE", "1")
    assert not _activate(*build)[0]


def test_the_modules_in_use_are_the_ones_the_package_says() -> None:
    import backchannel.checker
    import backchannel.text.x

    compiled = [module.__file__ for module in (backchannel.checker, backchannel.text.x)]
    if backchannel.COMPILED:
        assert all(path and path.startswith(str(_compiled.COMPILED_DIR)) for path in compiled), compiled
    else:
        assert all(path and path.endswith(".py") for path in compiled), compiled
        if not os.environ.get("BACKCHANNEL_PURE") and (_compiled.COMPILED_DIR / _compiled.MANIFEST).exists():
            # A build exists but is not used: it must be stale.
            manifest = json.loads((_compiled.COMPILED_DIR / _compiled.MANIFEST).read_text())
            assert not _compiled.is_fresh(manifest, Path(backchannel.__file__).parent.parent)
