"""The package's layers (docs/ARCHITECTURE.md): no import loops, and every import points down.

Read statically with ``ast``, so an import inside a function or under
``TYPE_CHECKING`` counts as much as one at the top: a loop hidden that way is
still a loop a reader has to untangle. The units are the package's
subpackages and top-level modules (``store``, ``rules``, ``checker``, …).
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "helper" / "backchannel"

# The layers, top to bottom; a unit may import its own layer (without a loop) or any layer below.
LAYERS: dict[str, tuple[str, ...]] = {
    "entry points": ("__main__", "cli", "server", "native_host"),
    "use cases": ("coach",),
    "domain": ("review", "archive", "checker"),
    "store": ("store",),
    "rules and measurements": ("rules", "settings", "photos", "compose"),
    "leaves": ("schedules", "session_links", "history", "context", "text", "local", "errors", "timeutil"),
}

# Imports that are known to point the wrong way and are being removed elsewhere; each entry
# says which, and the test fails once the import is gone so the entry goes too.
KNOWN: dict[tuple[str, str], str] = {}
# Files outside store/ that still run SQL, each being moved into the store elsewhere (same rule as KNOWN).
SQL_OUTSIDE_STORE: dict[str, str] = {}
_SQL = re.compile(r"^\s*(SELECT\b.*\bFROM\b|INSERT (OR \w+ )?INTO\b|UPDATE \w+ SET\b|DELETE FROM\b|CREATE (TABLE|INDEX|VIRTUAL|TRIGGER)\b|PRAGMA\b)", re.DOTALL)


def _units() -> set[str]:
    return {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }


def _unit_of(dotted: str, units: set[str]) -> str | None:
    parts = dotted.split(".")
    if parts[0] != "backchannel" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in units else None


def import_graph() -> dict[str, dict[str, set[str]]]:
    """unit -> imported unit -> the files that import it."""
    units = _units()
    graph: dict[str, dict[str, set[str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        parts = list(relative.with_suffix("").parts)
        if len(parts) < 2:
            continue
        source = parts[1] if len(parts) > 2 or parts[1] != "__init__" else None
        if source is None:
            continue
        package = parts[:-1]  # the package a relative import starts from (a module's or an __init__'s own)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # ``from backchannel import store`` imports the unit named, not the package.
                targets = [f"{module}.{a.name}" for a in node.names] if module == "backchannel" else [module]
            for target in targets:
                unit = _unit_of(target, units)
                if unit is not None and unit != source:
                    graph.setdefault(source, {}).setdefault(unit, set()).add(str(relative))
    return graph


def loops(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """The strongly connected groups of more than one unit (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(unit: str) -> None:
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        on_stack.add(unit)
        for other in graph.get(unit, {}):
            if other not in index:
                visit(other)
                low[unit] = min(low[unit], low[other])
            elif other in on_stack:
                low[unit] = min(low[unit], index[other])
        if low[unit] == index[unit]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == unit:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for unit in sorted(set(graph) | {u for targets in graph.values() for u in targets}):
        if unit not in index:
            visit(unit)
    return found


def _without_known(graph: dict[str, dict[str, set[str]]]) -> dict[str, dict[str, set[str]]]:
    return {a: {b: files for b, files in targets.items() if (a, b) not in KNOWN} for a, targets in graph.items()}


def test_every_unit_has_a_layer() -> None:
    placed = {u for units in LAYERS.values() for u in units}
    assert _units() - placed == set(), "give each new subpackage or top-level module its layer here and in docs/ARCHITECTURE.md"
    assert placed - _units() == set(), "a layer names a unit that no longer exists"


def test_no_import_loops() -> None:
    graph = _without_known(import_graph())
    described = [
        " <-> ".join(group) + ": " + "; ".join(f"{a} -> {b} in {sorted(graph[a][b])}" for a in group for b in group if b in graph.get(a, {}))
        for group in loops(graph)
    ]
    assert described == []


def test_imports_point_down() -> None:
    rank = {unit: depth for depth, units in enumerate(LAYERS.values()) for unit in units}
    upward = [
        f"{a} ({list(LAYERS)[rank[a]]}) imports {b} ({list(LAYERS)[rank[b]]}) in {sorted(files)}"
        for a, targets in _without_known(import_graph()).items()
        for b, files in targets.items()
        if rank[b] < rank[a]
    ]
    assert upward == []


def test_known_exceptions_still_exist() -> None:
    graph = import_graph()
    gone = [pair for pair in KNOWN if pair[1] not in graph.get(pair[0], {})]
    assert gone == [], "these imports are gone: remove them from KNOWN"


def test_the_store_knows_no_rule() -> None:
    """The store keeps tables; which rule wants what (a rule's code or option) is decided above it."""
    code = re.compile(r"\b[A-Z]{3}\d{3}\b")
    named = [f"{p.relative_to(PACKAGE)}:{n}" for p in sorted((PACKAGE / "store").rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if code.search(line)]
    assert named == []
    assert "rules" not in import_graph().get("store", {})


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from backchannel.store import Store\n", {"store"}),
        ("def f():\n    from backchannel.rules import RULES\n", {"rules"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from backchannel.history.model import Post\n", {"history"}),
        ("from backchannel import settings\n", {"settings"}),
        ("from .. import errors\n", {"errors"}),
    ],
)
def test_the_graph_counts_every_kind_of_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, expected: set[str]) -> None:
    """Imports inside functions, under TYPE_CHECKING, of a unit by name and relative ones all count."""
    package = tmp_path / "backchannel"
    for unit in ("store", "rules", "history", "coach"):
        (package / unit).mkdir(parents=True)
        (package / unit / "__init__.py").write_text("")
    for module in ("settings", "errors"):
        (package / f"{module}.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "coach" / "probe.py").write_text(source)
    monkeypatch.setitem(globals(), "PACKAGE", package)
    assert set(import_graph().get("coach", {})) == expected


def sql_files() -> set[str]:
    """Files (relative to the package) that hold an SQL statement or call ``execute``."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            is_sql = isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value) is not None
            is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("execute", "executemany", "executescript")
            if is_sql or is_call:
                found.add(str(path.relative_to(PACKAGE)))
                break
    return found


def test_sql_only_in_the_store() -> None:
    outside = {f for f in sql_files() if not f.startswith("store/")}
    assert outside - set(SQL_OUTSIDE_STORE) == set()
    assert set(SQL_OUTSIDE_STORE) - outside == set(), "these files no longer run SQL: remove them from SQL_OUTSIDE_STORE"
    assert "store/db.py" in sql_files()  # the scan sees SQL where there is some


def test_the_architecture_doc_shows_these_layers() -> None:
    doc = (PACKAGE.parents[1] / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = {
        name: tuple(re.findall(r"`(\w+)`", units))
        for name, units in re.findall(r"^\| (entry points|use cases|domain|store|rules and measurements|leaves) \| ([^|]+) \|", doc, re.M)
    }
    assert table == LAYERS


def test_checking_a_draft_loads_no_programme_reader() -> None:
    """`backchannel check` and /v1/check start fast: the programme readers (and their parsers) stay unloaded."""
    import subprocess
    import sys

    probe = (
        "import sys, backchannel.cli.commands.check, backchannel.coach.check, backchannel.coach.record, backchannel.coach.now\n"
        "from backchannel.store import Store\n"
        "Store(':memory:')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('backchannel.schedules', 'dateutil', 'xml.')))))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def _loaded_by(argv: list[str], data_dir: Path, modules: tuple[str, ...]) -> list[str]:
    """Which of MODULES (or modules under them) a whole `backchannel ARGV` run has loaded, in a fresh interpreter."""
    import json
    import subprocess
    import sys

    probe = (
        "import contextlib, io, json, sys\n"
        "from backchannel.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({argv!r})\n"
        f"wanted = {modules!r}\n"
        "print(json.dumps([status, sorted(m for m in sys.modules if m in wanted or m.startswith(tuple(w + '.' for w in wanted)))]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env={**os.environ, "BACKCHANNEL_DATA_DIR": str(data_dir)})
    status, loaded = json.loads(done.stdout)
    assert status == 0, done.stderr
    return list(loaded)


# What `backchannel check` has no use for, each loaded on first use by what needs it: the post history and its
# search (orjson, uuid, hashlib come with them), programmes and speakers, the photo model (only for attached
# photos), the other commands, shutil (argparse measures the terminal with it), the server and the native host.
NOT_FOR_CHECK = (
    "backchannel.store.history", "backchannel.store.posts", "backchannel.store.search", "backchannel.store.slides",
    "backchannel.store.associate", "backchannel.store.programmes", "backchannel.store.speakers", "backchannel.history.model",
    "backchannel.history.media", "backchannel.photos.model", "backchannel.schedules", "backchannel.server", "backchannel.native_host",
    "backchannel.review", "backchannel.archive", "backchannel.cli.commands.event", "backchannel.cli.commands.history",
    "backchannel.cli.commands.settings", "orjson", "uuid", "hashlib", "shutil", "aiohttp", "pydantic", "keyring", "PIL",
)


def test_checking_a_draft_loads_only_what_checking_needs(tmp_path: Path) -> None:
    """`backchannel check` (a draft with a quote, a mention and a tag, against an active event) starts fast."""
    data = tmp_path / "data"
    assert _loaded_by(["event", "add", "lt13", "--name", "LT13", "--hashtag", "LT13"], data, ()) == []
    assert _loaded_by(["event", "use", "lt13"], data, ()) == []
    draft = "“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13"
    assert _loaded_by(["check", draft], data, NOT_FOR_CHECK) == []
    # The probe sees what it is asked about: the history command does load the history.
    assert "backchannel.store.history" in _loaded_by(["history"], data, NOT_FOR_CHECK)


# What a plain draft, checked with no event active, has no use for: the zone database (no event, no zone), the
# thread splitter (only for a tip that fires over the limit or in a live chat), the photo describer (only for a
# photo attached), and what a session needs once read: its snippet line and its programme links.
NOT_FOR_A_PLAIN_CHECK = ("zoneinfo", "backchannel.compose.splitter", "backchannel.photos.describe", "backchannel.compose.snippets",
                         "backchannel.session_links")


def test_checking_a_plain_draft_loads_no_zones_splitter_or_describer(tmp_path: Path) -> None:
    """`backchannel check` with no event active loads no time zone, thread splitter or photo describer."""
    data = tmp_path / "data"
    draft = "“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13"
    assert _loaded_by(["check", draft], data, NOT_FOR_CHECK + NOT_FOR_A_PLAIN_CHECK) == []
    # The probe sees what it is asked about: adding an event checks its time zone.
    assert "zoneinfo" in _loaded_by(["event", "add", "lt13", "--name", "LT13", "--time-zone", "Europe/London"], data, NOT_FOR_A_PLAIN_CHECK)


def test_checking_a_plain_draft_compiles_no_pattern_of_the_event_rules(tmp_path: Path) -> None:
    """The guide rules (GDE…) all need an event, and the history rules' patterns need history: with neither, none is compiled."""
    import subprocess
    import sys

    probe = (
        "import contextlib, io, re\n"
        "from backchannel.cli import main\n"
        "from backchannel.rules import flw, gde\n"
        "from backchannel.text.regexes import LazyPattern\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', '“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13 at 10:15'])\n"
        "print(' '.join(sorted(f'{m.__name__}.{n}' for m in (flw, gde) for n, v in vars(m).items()\n"
        "    if isinstance(v, re.Pattern) or (isinstance(v, LazyPattern) and v._compiled is not None))))\n"
    )
    env = {**os.environ, "BACKCHANNEL_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split() == []


def test_commands_that_check_nothing_load_no_quote_detector(tmp_path: Path) -> None:
    """Every command reads the settings, and so the rule table; the quote detector's patterns load only to check a draft."""
    data = tmp_path / "data"
    for argv in (["event", "list"], ["settings"], ["rules"], ["history"]):
        assert _loaded_by(argv, data, ("backchannel.rules.quotes", "backchannel.checker")) == [], argv
    assert _loaded_by(["check", "“Nobody ever learned to ride a bike in a classroom” — @priyaraman"], data, ("backchannel.rules.quotes",)) != []


def test_checking_a_draft_without_quotation_marks_loads_no_quote_detector(tmp_path: Path) -> None:
    """CTX004 looks for a quotation mark first: a draft with none never loads the detector's patterns."""
    data = tmp_path / "data"
    assert _loaded_by(["check", "Most learning happens at work, says @priyaraman #LT13"], data, ("backchannel.rules.quotes",)) == []
