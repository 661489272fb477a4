"""The command registry: every command has a module that owns its options, help with an example, and a README row."""

from __future__ import annotations

import argparse
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backchannel.cli.parser import build_parser, chosen_command
from backchannel.cli.registry import COMMANDS, Command

README = Path(__file__).resolve().parents[2] / "README.md"
COMMANDS_DIR = Path(__file__).resolve().parents[2] / "helper" / "backchannel" / "cli" / "commands"


def _subparser(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    for word in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    return parser


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_has_a_module_with_its_options_and_help(command: Command) -> None:
    module = importlib.import_module(command.module_path)
    assert Path(module.__file__ or "").parent == COMMANDS_DIR
    assert callable(module.configure) and module.EXAMPLE.strip()
    assert command.summary and not command.summary.endswith(".")
    help_text = _subparser(build_parser(), command.path).format_help()
    assert "Example:" in help_text and module.EXAMPLE.strip().splitlines()[0] in help_text
    assert (getattr(module, "DESCRIPTION", None) or command.summary) in help_text


def test_every_module_in_the_commands_folder_is_registered() -> None:
    modules = {p.stem for p in COMMANDS_DIR.glob("*.py") if p.stem != "__init__"}
    assert modules == {c.module for c in COMMANDS}


def test_the_readme_lists_every_command_with_its_module() -> None:
    table = re.findall(r"^\| `backchannel ([a-z -]+)` \| (.+) \| `helper/backchannel/cli/commands/([a-z_]+)\.py` \|$", README.read_text(), flags=re.M)
    assert table == [(c.name, c.summary, c.module) for c in COMMANDS]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_the_parser_built_for_one_command_is_the_full_parsers_part(command: Command) -> None:
    lazy = _subparser(build_parser(list(command.path)), command.path)
    full = _subparser(build_parser(), command.path)
    assert lazy.format_help() == full.format_help()


@pytest.mark.parametrize(
    ("argv", "path"),
    [
        (["check", "hello"], ("check",)),
        (["--data-dir", "event", "event", "kit", "lt13"], ("event", "kit")),
        (["--data-dir=/tmp/x", "session", "list"], ("session",)),
        (["--data", "/tmp/x", "now"], ("now",)),
        (["event", "list"], ("event",)),
        (["--version"], ()),
        (["nonsense"], ()),
    ],
)
def test_the_command_is_found_before_parsing(argv: list[str], path: tuple[str, ...]) -> None:
    assert chosen_command(argv) == path


_LOADED = (
    "import sys\n"
    "from backchannel.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print(' '.join(sorted(m for m in sys.modules if m.startswith('backchannel.cli.commands.'))))\n"
    "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'PIL', 'pydantic')"
    " or m.startswith(('backchannel.server', 'backchannel.archive', 'backchannel.native_host', 'backchannel.coach.programme', 'backchannel.schedules')))))\n"
)


@pytest.mark.parametrize(
    ("argv", "modules"),
    [
        (["check", "Hello #PyConUK"], "backchannel.cli.commands.check"),
        (["event", "kit", "--help"], "backchannel.cli.commands.event backchannel.cli.commands.event_kit"),
        (["--help"], ""),
    ],
)
def test_a_command_imports_only_its_own_module(tmp_path: Path, argv: list[str], modules: str) -> None:
    from tests.support.helper_process import helper_env

    done = subprocess.run([sys.executable, "-c", _LOADED, *argv], env=helper_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    commands, heavy = done.stdout.splitlines()[-2:]
    assert commands == modules
    assert heavy == ""  # no server, archive, programme import, photo decoding or native host for these


def test_native_host_status_loads_neither_the_store_nor_the_rules(tmp_path: Path) -> None:
    """`make run` runs it on every start: it must stay quick."""
    from tests.support.helper_process import helper_env

    script = (
        "import sys\n"
        "from backchannel.cli import main\n"
        "main(sys.argv[1:])\n"
        "print(' '.join(sorted(m for m in sys.modules"
        " if m.startswith(('backchannel.cli.commands.', 'backchannel.store', 'backchannel.rules', 'backchannel.checker')))))\n"
    )
    argv = ["native-host", "status", "--browser", "chromium", "--manifest-dir", str(tmp_path / "hosts")]
    done = subprocess.run([sys.executable, "-c", script, *argv], env=helper_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "backchannel.cli.commands.native_host"
