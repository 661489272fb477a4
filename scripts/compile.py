"""Compile the modules every check runs with mypyc, into build/compiled/.

The package uses them only while they match their sources (see
helper/backchannel/_compiled.py). `make run`, `make test` and `make bench`
call this when a compiled source changed; without a C compiler it fails and
the same modules run as plain Python. `--list` prints the sources (the
Makefile's prerequisites) and needs nothing but Python.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELPER = ROOT / "helper"
PACKAGES = ("backchannel/text", "backchannel/rules")
MODULES = ("backchannel/checker.py", "backchannel/settings.py", "backchannel/context.py", "backchannel/compose/splitter.py")


def sources() -> list[str]:
    found = {str(p.relative_to(HELPER)) for package in PACKAGES for p in (HELPER / package).glob("*.py")}
    return sorted(found | set(MODULES))


def main() -> int:
    if sys.argv[1:] == ["--list"]:
        print(" ".join(f"helper/{name}" for name in sources()))
        return 0
    os.environ["BACKCHANNEL_PURE"] = "1"  # this build reads the sources, never an older build
    os.environ.setdefault("MYPY_CACHE_DIR", str(ROOT / "build" / "mypy-cache"))  # not in the source tree
    sys.path.insert(0, str(HELPER))
    from mypyc.build import mypycify
    from setuptools import setup

    from backchannel._compiled import COMPILED_DIR, GROUP, MANIFEST, fingerprint

    names = sources()
    # Taken before compiling: a source edited meanwhile then counts as newer than the build.
    recorded = {name: fingerprint(HELPER / name) for name in names}
    shutil.rmtree(COMPILED_DIR, ignore_errors=True)
    os.chdir(HELPER)  # mypyc names modules by their path from here
    extensions = mypycify(names, opt_level="3", group_name=GROUP, target_dir=str(ROOT / "build" / "mypyc"))
    setup(
        name="backchannel-compiled",
        ext_modules=extensions,
        script_args=[
            "--quiet", "build_ext", "--parallel", str(os.cpu_count() or 1),
            "--build-lib", str(COMPILED_DIR), "--build-temp", str(ROOT / "build" / "temp"),
        ],
    )
    manifest = {
        "python": sys.implementation.cache_tag,
        "packages": list(PACKAGES),
        "sources": recorded,
    }
    (COMPILED_DIR / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"compiled {len(names)} modules into {COMPILED_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
