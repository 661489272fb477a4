"""`backchannel check`: one draft, or many as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from backchannel.checker import CheckResult
from backchannel.cli.common import open_store
from backchannel.cli.options import PLATFORMS
from backchannel.coach.check import check
from backchannel.errors import BackchannelError, InvalidInput

DESCRIPTION = (
    "Check a draft (TEXT, or standard input) and print its length, entities and tips.\n"
    "Exit status: 1 when a tip of level error fires, 2 on bad usage or input, else 0."
)
EXAMPLE = (
    'backchannel check "Great keynote by @priyaraman" --event lt13 --at 2013-01-30T10:15\n'
    'echo "Most learning happens at work" | backchannel check --format json\n'
    'printf \'{"text": "first draft"}\\n{"text": "second", "platform": "bluesky"}\\n\' | backchannel check --jsonl'
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", help="the draft (read from standard input when absent)")
    parser.add_argument("--platform", choices=PLATFORMS, default="x", help="where the post goes (default: x)")
    parser.add_argument("--event", metavar="SLUG", help="check against this event (default: the active event)")
    parser.add_argument("--session", type=int, metavar="ID", help="check against this session (default: the one on at --at)")
    parser.add_argument("--at", metavar="ISO8601", help="the moment to find the current session for (default: now)")
    parser.add_argument("--room", help="the room you are in, when sessions run in parallel")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--jsonl", action="store_true", help="check many drafts: one JSON object per input line, one result per output line")
    parser.set_defaults(handler=run_check)


def _text(value: str, where: str) -> str:
    """The draft, refused if it is not text: invalid UTF-8 arrives as lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(f"{where} is not valid UTF-8 text (character {exc.start}).") from None
    return value


def _render_text(result: CheckResult) -> str:
    lines = []
    for tip in result.tips:
        lines.append(f"{tip.code} {tip.level.value:<10} {tip.message}")
        if tip.fix is not None:
            lines.append(f"{'':18}fix: {tip.fix.title}")
    length = result.length
    state = "ok" if length.valid else ("over the limit" if length.weighted > length.limit else "not valid")
    lines.append(f"length {length.weighted}/{length.limit} ({state}); {len(result.tips)} tip{'s' if len(result.tips) != 1 else ''}")
    return "\n".join(lines)


def run_check(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _run_jsonl(args)
    text = _text(args.text, "The draft") if args.text is not None else _text(sys.stdin.read(), "Standard input")
    store = open_store(args)
    try:
        result = check(store, text, platform=args.platform, event=args.event, session=args.session, at=args.at, room=args.room).result
    finally:
        store.close()
    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_render_text(result) + "\n")
    return 1 if result.has_error else 0


def _line_request(line: str, number: int) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InvalidInput(f"line {number} must be a JSON object with a string \"text\".")
    _text(data["text"], f"line {number}'s text")
    platform = data.get("platform", "x")
    if platform not in PLATFORMS:
        raise InvalidInput(f"line {number}: platform must be one of {', '.join(PLATFORMS)}, not {platform!r}.")
    for name in ("event", "at", "room"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise InvalidInput(f"line {number}: {name} must be text.")
    if data.get("session") is not None and (not isinstance(data["session"], int) or isinstance(data["session"], bool)):
        raise InvalidInput(f"line {number}: session must be a whole number.")
    return data


def _run_jsonl(args: argparse.Namespace) -> int:
    """One result per input line, in order; a bad line gets an error object and exit 2."""
    store = open_store(args)
    status = 0
    out = sys.stdout
    try:
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                data = _line_request(line, number)
                result = check(
                    store, data["text"], platform=data.get("platform", args.platform), event=data.get("event", args.event),
                    session=data.get("session", args.session), at=data.get("at", args.at), room=data.get("room", args.room),
                ).result
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                if result.has_error and status == 0:
                    status = 1
            except BackchannelError as exc:
                out.write(json.dumps({"error": exc.to_dict(), "line": number}, ensure_ascii=False) + "\n")
                status = 2
    finally:
        store.close()
    return status
