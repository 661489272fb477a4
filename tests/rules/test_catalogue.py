"""Every rule in the table is documented, has examples, lives in its family's file and has a test of its own.

The lists here come from the registry: a rule added to the table is held to
all of this without anyone editing this file."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from backchannel.rules import RULES, Rule
from backchannel.rules.catalogue import catalogue_markdown, catalogue_text, rule_file
from backchannel.rules.registry import PHOTO_CODES, TEXT_CODES, recent_hours, text_codes
from backchannel.settings import DEFAULTS, Settings

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "helper" / "backchannel" / "rules"
TESTS = Path(__file__).resolve().parent
FAMILIES = sorted({code[:3] for code in RULES})


def test_docs_rules_md_is_the_catalogue_generated_from_the_table() -> None:
    written = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    assert written == catalogue_markdown(RULES.values()), "regenerate it: python -m backchannel.rules.catalogue > docs/RULES.md"


@pytest.mark.parametrize("code", list(RULES))
def test_every_code_is_documented_where_people_look(code: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| {code} \| {RULES[code].name} \| {RULES[code].level.value} \|", readme, re.M), f"{code} is not in README's rule table"
    assert f"\n## {code}\n" in (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    assert re.search(rf"^{code}  {RULES[code].name} ", catalogue_text(list(RULES.values()), DEFAULTS), re.M)  # `backchannel rules`


@pytest.mark.parametrize("code", list(RULES))
def test_every_code_has_examples_both_ways(code: str) -> None:
    examples = RULES[code].examples
    assert [e for e in examples if e.fires] and [e for e in examples if not e.fires]


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_lives_in_the_file_its_code_names(code: str) -> None:
    assert rule_file(RULES[code]) == f"helper/backchannel/rules/{code[:3].lower()}.py"


def _defined_rules() -> dict[str, type[Rule]]:
    """Every concrete rule class the family files define, by its code."""
    found: dict[str, type[Rule]] = {}
    for family in FAMILIES:
        module = importlib.import_module(f"backchannel.rules.{family.lower()}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Rule) and cls.__module__ == module.__name__ and "code" in vars(cls):
                found[cls.code] = cls
    return found


def test_the_table_holds_every_rule_that_is_written_and_nothing_else() -> None:
    defined = _defined_rules()
    assert set(defined) == set(RULES)
    assert all(type(RULES[code]) is cls for code, cls in defined.items())
    assert sorted(p.stem for p in RULES_DIR.glob("*.py") if re.fullmatch(r"[a-z]{3}", p.stem)) == [f.lower() for f in FAMILIES]


def test_the_table_decides_what_runs_on_text_and_on_photos() -> None:
    assert set(TEXT_CODES) | set(PHOTO_CODES) == set(RULES) and not set(TEXT_CODES) & set(PHOTO_CODES)
    assert all(RULES[code].needs == "photo" for code in PHOTO_CODES)
    everything = text_codes(event=True, session=True, history=True, chat=True)
    assert everything == TEXT_CODES
    without_history = text_codes(event=True, session=True, history=False, chat=True)
    assert set(everything) - set(without_history) == {code for code in TEXT_CODES if RULES[code].reads_history}
    bare = text_codes(event=False, session=True, history=False)  # no session without an event
    assert {RULES[code].needs for code in bare} == {"nothing"}
    without_chat = text_codes(event=True, session=True, history=True)  # the chat rules run only while a chat is live
    assert set(everything) - set(without_chat) == {code for code in TEXT_CODES if RULES[code].needs == "chat"}


def _codes_each_test_names() -> dict[str, set[str]]:
    """For each test function in tests/rules (but this file and the table's generic ones), the rule
    codes its body or its parameters name."""
    named: dict[str, set[str]] = {}
    for path in sorted(TESTS.glob("test_*.py")):
        if path.name in {"test_catalogue.py", "test_registry.py"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
                strings = {c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
                named[f"{path.name}::{node.name}"] = {code for code in RULES if any(code in s for s in strings)}
    return named


@pytest.mark.parametrize("code", list(RULES))
def test_every_code_has_a_test_of_its_own(code: str) -> None:
    named = _codes_each_test_names()
    assert any(code in codes for codes in named.values()), f"no test in tests/rules names {code} (besides the table's example run)"


def test_the_hours_of_recent_posts_to_fetch_come_from_the_rules_that_read_them() -> None:
    assert recent_hours(DEFAULTS) == 25.0  # GDE005 reads the whole local day
    assert recent_hours(Settings({"rules.FLW002.hours": 48})) == 48.0
    off = {f"rules.{code}.enabled": False for code in ("FLW002", "GDE005", "GDE006")}  # every rule that reads recent posts
    assert recent_hours(Settings(off)) == 0.0
    assert recent_hours(Settings({**off, "rules.GDE005.enabled": True})) == 25.0  # the whole local day, however long
    assert recent_hours(Settings({**off, "rules.GDE006.enabled": True, "rules.GDE006.minutes": 30})) == 0.5
