"""The CLI contract people and scripts rely on, through `main(argv)` (the process-level checks are in test_entry_point.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.cli.parser import build_parser
from tests.support.cli import backchannel


def _subcommands(parser, prefix=()):  # type: ignore[no-untyped-def]
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield prefix + (name,), sub
                yield from _subcommands(sub, prefix + (name,))


def test_every_command_has_help_with_an_example() -> None:
    commands = list(_subcommands(build_parser()))
    assert {c[0] for c, _ in commands} >= {"check", "rules", "settings", "event", "session", "serve", "token"}
    for name, sub in commands:
        help_text = sub.format_help()
        assert "Example:" in help_text, f"`backchannel {' '.join(name)} --help` has no example"
        assert sub.description, name


@pytest.fixture
def env(tmp_path: Path) -> Path:
    return tmp_path


def setup_event(env: Path) -> None:
    assert backchannel(env, "event", "add", "lt13", "--name", "Learning Technologies 2013", "--hashtag", "LT13",
                       "--time-zone", "Europe/London", "--session-tag-pattern", "{hashtag}{room}").returncode == 0
    added = backchannel(env, "session", "add", "--event", "lt13", "--title", "Learning in the flow of work",
                        "--start", "2013-01-30T10:00", "--end", "2013-01-30T11:00", "--room", "A1",
                        "--speaker", "Priya Raman;x=@priyaraman", "--format", "json")
    assert added.returncode == 0, added.stderr
    assert backchannel(env, "event", "use", "lt13").returncode == 0


def test_check_json_and_exit_codes(env: Path) -> None:
    ok = backchannel(env, "check", "Hello #PyConUK", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    result = json.loads(ok.stdout)
    assert set(result) == {"length", "entities", "tips"}
    assert result["length"]["weighted"] == 14 and result["length"]["limit"] == 280 and result["length"]["valid"] is True
    assert result["entities"]["hashtags"][0]["text"] == "PyConUK"
    too_long = backchannel(env, "check", "word " * 80, "--format", "json")
    assert too_long.returncode == 1
    tip = json.loads(too_long.stdout)["tips"][0]
    assert tip["code"] == "LEN001" and tip["level"] == "error" and len(tip["fix"]["parts"]) == 2


def test_check_reads_stdin_and_prints_text(env: Path) -> None:
    done = backchannel(env, "check", input="https://example.com/slides.pdf")
    assert done.returncode == 0
    assert "CTX005" in done.stdout and "length 23/280" in done.stdout


def test_check_in_an_event_and_session(env: Path) -> None:
    setup_event(env)
    done = backchannel(env, "check", "Most learning happens at work", "--at", "2013-01-30T10:30", "--format", "json")
    codes = [t["code"] for t in json.loads(done.stdout)["tips"]]
    assert {"CTX001", "CTX002", "CTX003"} <= set(codes)
    outside = backchannel(env, "check", "Most learning happens at work", "--at", "2013-01-30T12:30", "--format", "json")
    codes = [t["code"] for t in json.loads(outside.stdout)["tips"]]
    assert "CTX001" in codes and "CTX002" not in codes and "CTX003" not in codes


def test_jsonl_one_result_per_line_in_order(env: Path) -> None:
    lines = [
        json.dumps({"text": "first #A"}),
        json.dumps({"text": "x" * 300}),
        "not json",
        json.dumps({"text": "🙂" * 10, "platform": "bluesky"}),
    ]
    done = backchannel(env, "check", "--jsonl", input="\n".join(lines) + "\n")
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["length"]["weighted"] == 8
    assert out[1]["tips"][0]["code"] == "LEN001"
    assert out[2]["error"]["code"] == "invalid_input" and out[2]["line"] == 3
    rest = {k: v for k, v in out[3]["length"].items() if k not in ("weighted", "limit", "valid")}
    assert out[3]["length"] == {"weighted": 10, "limit": 300, "valid": True} | rest
    assert done.returncode == 2


@pytest.mark.parametrize(
    "args",
    [
        ("check", "hi", "--platform", "myspace"),
        ("check", "hi", "--event", "nope"),
        ("check", "hi", "--at", "tomorrow"),
        ("event", "add", "Bad Slug", "--name", "x"),
        ("rules", "NOPE01"),
        ("settings", "set", "rules.FLW003.max_hashtags", "lots"),
        ("event",),
    ],
)
def test_bad_usage_exits_2_with_a_reason(env: Path, args: tuple[str, ...]) -> None:
    done = backchannel(env, *args)
    assert done.returncode == 2
    assert done.stderr.strip() and "Traceback" not in done.stderr


def test_rules_catalogue_and_page(env: Path) -> None:
    catalogue = backchannel(env, "rules")
    assert "CTX004" in catalogue.stdout and "unattributed-quote" in catalogue.stdout
    page = backchannel(env, "rules", "CTX004").stdout
    for section in ("## What it does", "## Why it matters", "## Example", "## Instead", "## Options", "## Fix"):
        assert section in page


def test_settings_switch_a_rule_off(env: Path) -> None:
    assert backchannel(env, "settings", "set", "rules.CTX005.enabled", "false").returncode == 0
    done = backchannel(env, "check", "https://example.com", "--format", "json")
    assert "CTX005" not in {t["code"] for t in json.loads(done.stdout)["tips"]}
    listing = backchannel(env, "settings", "get", "rules.CTX005.enabled").stdout
    assert "false" in listing


def test_session_list_at(env: Path) -> None:
    setup_event(env)
    done = backchannel(env, "session", "list", "--at", "2013-01-30T10:59", "--format", "json")
    sessions = json.loads(done.stdout)["sessions"]
    assert [s["title"] for s in sessions] == ["Learning in the flow of work"]
    assert sessions[0]["tag"] == "LT13A1"


def test_data_dirs_are_isolated(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    setup_event(a)
    listing = backchannel(b, "event", "list", "--format", "json")
    assert json.loads(listing.stdout)["events"] == []
    explicit = backchannel(b, "--data-dir", str(a / "data"), "event", "list", "--format", "json")
    assert [e["slug"] for e in json.loads(explicit.stdout)["events"]] == ["lt13"]


def test_token_prints_and_rotates(env: Path) -> None:
    first = backchannel(env, "token").stdout.strip()
    assert first == backchannel(env, "token").stdout.strip()
    rotated = backchannel(env, "token", "--rotate").stdout.strip()
    assert rotated != first and len(rotated) >= 43


def test_parser_names_every_browser_the_native_host_knows() -> None:
    from backchannel.cli.commands.native_host import BROWSER_NAMES
    from backchannel.native_host.locations import BROWSER_KEYS

    assert tuple(BROWSER_NAMES) == tuple(BROWSER_KEYS)
