"""The command line: every command, its options, and its help with an example.

Handlers live in one module per concern and import what they need when they
run, so ``backchannel check`` does not pay for the server's imports.
"""

from __future__ import annotations

import argparse
from typing import Any, Callable

from backchannel import __version__

PLATFORMS = ("x", "bluesky", "mastodon")


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(f"backchannel.cli.{module}"), function)(args) or 0)

    return handler


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _command(sub: Any, name: str, *, help: str, example: str, module: str, function: str, description: str | None = None) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description or help,
        epilog="Example:\n" + "\n".join("  " + line for line in example.strip().splitlines()),
        formatter_class=_Formatter,
    )
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help="the data directory (default: $BACKCHANNEL_DATA_DIR, else your user data folder)")
    parser.set_defaults(handler=_lazy(module, function))
    return parser


def _situation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event", metavar="SLUG", help="check against this event (default: the active event)")
    parser.add_argument("--session", type=int, metavar="ID", help="check against this session (default: the one on at --at)")
    parser.add_argument("--at", metavar="ISO8601", help="the moment to find the current session for (default: now)")
    parser.add_argument("--room", help="the room you are in, when sessions run in parallel")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backchannel",
        description="Coach conference posts: context, tags, readable photos, and a local history.",
        epilog="Example:\n  backchannel check \"Most learning happens at work #LT13\"\n\nRun `backchannel COMMAND --help` for a command's options.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"backchannel {__version__}")
    parser.add_argument("--data-dir", help="the data directory (default: $BACKCHANNEL_DATA_DIR, else your user data folder)")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = _command(
        sub, "check", help="check a draft and print its tips", module="check_cmd", function="run_check",
        description="Check a draft (TEXT, or standard input) and print its length, entities and tips.\n"
        "Exit status: 1 when a tip of level error fires, 2 on bad usage or input, else 0.",
        example='backchannel check "Great keynote by @priyaraman" --event lt13 --at 2013-01-30T10:15\n'
        'echo "Most learning happens at work" | backchannel check --format json\n'
        'printf \'{"text": "first draft"}\\n{"text": "second", "platform": "bluesky"}\\n\' | backchannel check --jsonl',
    )
    check.add_argument("text", nargs="?", help="the draft (read from standard input when absent)")
    check.add_argument("--platform", choices=PLATFORMS, default="x", help="where the post goes (default: x)")
    _situation_options(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument("--jsonl", action="store_true", help="check many drafts: one JSON object per input line, one result per output line")

    rules = _command(
        sub, "rules", help="list the rules, or show one rule's documentation", module="rules_cmd", function="run_rules",
        example="backchannel rules\nbackchannel rules CTX004\nbackchannel rules unattributed-quote",
    )
    rules.add_argument("code", nargs="?", help="a rule code or name")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    settings = _command(
        sub, "settings", help="show or change settings (rule switches, thresholds, limits)", module="settings_cmd", function="run_settings",
        example="backchannel settings\nbackchannel settings set rules.FLW003.max_hashtags 4\n"
        "backchannel settings set rules.CTX005.enabled false\nbackchannel settings reset rules.FLW003.max_hashtags",
    )
    settings.add_argument("action", nargs="?", choices=("list", "get", "set", "reset"), default="list")
    settings.add_argument("name", nargs="?")
    settings.add_argument("value", nargs="?")
    settings.add_argument("--format", choices=("text", "json"), default="text")

    event = _command(
        sub, "event", help="add, list, show, edit and choose events", module="event_cmd", function="run_event_help",
        example="backchannel event add lt13 --name \"Learning Technologies 2013\" --hashtag LT13 --alias LearningTech13 \\\n"
        "    --time-zone Europe/London --session-tag-pattern '{hashtag}{room}'\nbackchannel event use lt13\nbackchannel event list",
    )
    event_sub = event.add_subparsers(title="actions", metavar="ACTION")
    ev_add = _command(event_sub, "add", help="add an event", module="event_cmd", function="run_event_add",
                      example='backchannel event add lt13 --name "Learning Technologies 2013" --hashtag LT13 --time-zone Europe/London')
    ev_edit = _command(event_sub, "edit", help="change an event's card", module="event_cmd", function="run_event_edit",
                       example="backchannel event edit lt13 --alias LT2013 --session-tag-pattern '{hashtag}{code}'")
    for p, required in ((ev_add, True), (ev_edit, False)):
        p.add_argument("slug", help="short id: lowercase letters, digits and dashes")
        p.add_argument("--name", required=required, help="the event's name")
        p.add_argument("--hashtag", help="the event's main hashtag")
        p.add_argument("--alias", action="append", dest="aliases", metavar="HASHTAG", help="another hashtag people use for it (repeatable)")
        p.add_argument("--time-zone", help="IANA time zone of the venue (default: UTC)")
        p.add_argument("--session-tag-pattern", help="how session tags are made, from {hashtag} {code} {room} {track}")
        p.add_argument("--starts-on", metavar="YYYY-MM-DD")
        p.add_argument("--ends-on", metavar="YYYY-MM-DD")
        p.add_argument("--format", choices=("text", "json"), default="text")
    ev_list = _command(event_sub, "list", help="list events", module="event_cmd", function="run_event_list", example="backchannel event list --format json")
    ev_list.add_argument("--format", choices=("text", "json"), default="text")
    ev_show = _command(event_sub, "show", help="show an event's card", module="event_cmd", function="run_event_show", example="backchannel event show lt13")
    ev_show.add_argument("slug")
    ev_show.add_argument("--format", choices=("text", "json"), default="text")
    ev_use = _command(event_sub, "use", help="make an event the active one (or --none)", module="event_cmd", function="run_event_use",
                      example="backchannel event use lt13\nbackchannel event use --none")
    ev_use.add_argument("slug", nargs="?")
    ev_use.add_argument("--none", action="store_true", help="no active event: event-aware rules go quiet")

    session = _command(
        sub, "session", help="add and list an event's sessions", module="event_cmd", function="run_session_help",
        example='backchannel session add --event lt13 --title "Learning in the flow of work" --start 2013-01-30T10:00 \\\n'
        '    --end 2013-01-30T11:00 --room A1 --speaker "Priya Raman;x=@priyaraman"\nbackchannel session list --event lt13 --at 2013-01-30T10:30',
    )
    session_sub = session.add_subparsers(title="actions", metavar="ACTION")
    s_add = _command(session_sub, "add", help="add a session", module="event_cmd", function="run_session_add",
                     example='backchannel session add --event lt13 --title "Keynote" --start 2013-01-30T09:00 --end 2013-01-30T10:00 --room Main')
    s_add.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    s_add.add_argument("--title", required=True)
    s_add.add_argument("--start", required=True, metavar="ISO8601", help="start; without an offset it is in the event's time zone")
    s_add.add_argument("--end", required=True, metavar="ISO8601")
    s_add.add_argument("--room")
    s_add.add_argument("--track")
    s_add.add_argument("--code", help="the programme's code for the session (used by {code} in tag patterns)")
    s_add.add_argument("--tag", help="the session's own hashtag, overriding the event's pattern")
    s_add.add_argument("--speaker", action="append", default=[], metavar="NAME[;NETWORK=@HANDLE…]", help='a speaker, e.g. "Priya Raman;x=@priyaraman;bluesky=@priya.bsky.social" (repeatable)')
    s_add.add_argument("--format", choices=("text", "json"), default="text")
    s_list = _command(session_sub, "list", help="list sessions (or those on at --at)", module="event_cmd", function="run_session_list",
                      example="backchannel session list --event lt13\nbackchannel session list --at 2013-01-30T10:30")
    s_list.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    s_list.add_argument("--at", metavar="ISO8601", help="only the sessions on at this moment")
    s_list.add_argument("--format", choices=("text", "json"), default="text")

    serve = _command(
        sub, "serve", help="run the helper on 127.0.0.1 (for the extension and the review page)", module="server_cmd", function="run_serve",
        example="backchannel serve\nbackchannel --data-dir /tmp/bc serve --port 0",
    )
    serve.add_argument("--port", type=int, default=None, help="the port (default: 28841; 0 picks a free one)")

    token = _command(
        sub, "token", help="print the helper's token (for manual pairing), or --rotate it", module="server_cmd", function="run_token",
        example="backchannel token\nbackchannel token --rotate",
    )
    token.add_argument("--rotate", action="store_true", help="replace the token; paired browsers must pair again")
    return parser
