"""Compiled copies of the modules every check runs, used only while they match their sources.

``make`` compiles the text analysis, the rules and the checker with mypyc into
``build/compiled/`` beside the checkout (``scripts/compile.py``): the same
Python source, compiled to C, which checks a draft in about half the time. At
import the package puts them in front of the sources, but only when every
compiled source still has the size and modification time recorded at build
time and the compiled packages gained or lost no module. An edited source means
the pure-Python modules run until the next build, never a stale compiled one.
``BACKCHANNEL_PURE=1`` turns them off; an installed (non-checkout) package has
none and runs as plain Python.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

COMPILED_DIR = Path(__file__).resolve().parents[2] / "build" / "compiled"
MANIFEST = "manifest.json"
GROUP = "backchannel_compiled"  # mypyc's shared library, a top-level module beside the package


def fingerprint(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def is_fresh(manifest: dict[str, object], source_root: Path) -> bool:
    """Whether the build recorded in ``manifest`` still matches the sources under ``source_root``."""
    if manifest.get("python") != sys.implementation.cache_tag:
        return False
    sources = manifest.get("sources")
    packages = manifest.get("packages")
    if not isinstance(sources, dict) or not isinstance(packages, list):
        return False
    present = {str(p.relative_to(source_root)) for package in packages for p in (source_root / str(package)).glob("*.py")}
    if not present <= set(sources):
        return False  # a module was added to a compiled package: its compiled copy would hide it
    try:
        return all(fingerprint(source_root / name) == recorded for name, recorded in sources.items())
    except OSError:
        return False


def activate(package_path: list[str], compiled_dir: Path = COMPILED_DIR) -> bool:
    """Put the compiled modules in front of ``package_path`` (the package's ``__path__``) if fresh."""
    if os.environ.get("BACKCHANNEL_PURE"):
        return False
    try:
        manifest = json.loads((compiled_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or not is_fresh(manifest, Path(package_path[-1]).parent):
        return False
    package_path.insert(0, str(compiled_dir / "backchannel"))
    if str(compiled_dir) not in sys.path:
        sys.path.append(str(compiled_dir))
    return True
