"""`backchannel chat add | list | remove | now | question | answers`: weekly hashtag chats."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from backchannel.cli.common import open_store, print_json
from backchannel.cli.options import action, actions, format_option
from backchannel.coach import chats as use
from backchannel.errors import InvalidInput
from backchannel.store.chats import WEEKDAYS, Chat
from backchannel.timeutil import local_clock, parse_instant

EXAMPLE = (
    "backchannel chat add edchat --hashtag edchat --weekday tuesday --starts 19:00 --time-zone America/New_York --moderator @edchatmod\n"
    'backchannel chat question edchat "Q2: How do you keep up with research?"\n'
    "backchannel chat now\nbackchannel chat answers edchat"
)


def configure(parser: argparse.ArgumentParser) -> Any:
    parser.set_defaults(handler=run_chat_help)
    sub = actions(parser)
    add = action(sub, "add", help="add a weekly chat", run=run_chat_add,
                 example="backchannel chat add edchat --hashtag edchat --weekday tue --starts 19:00 --time-zone America/New_York --moderator @edchatmod")
    add.add_argument("slug", help="short id: lowercase letters, digits and dashes")
    add.add_argument("--hashtag", required=True, help="the chat's hashtag")
    add.add_argument("--weekday", required=True, help="the day it runs: monday … sunday (or mon … sun)")
    add.add_argument("--starts", required=True, metavar="HH:MM", help="the local start time")
    add.add_argument("--minutes", type=int, default=60, help="how long it runs (default 60)")
    add.add_argument("--time-zone", required=True, help="the IANA zone the start time is in, e.g. America/New_York")
    add.add_argument("--moderator", metavar="@HANDLE", help="the moderator's X handle (questions on the timeline are taken from them)")
    add.add_argument("--name", help="a name (default: the hashtag)")
    format_option(add)
    listing = action(sub, "list", help="list the chats", run=run_chat_list, example="backchannel chat list")
    format_option(listing)
    remove = action(sub, "remove", help="remove a chat and its questions", run=run_chat_remove, example="backchannel chat remove edchat")
    remove.add_argument("slug")
    now = action(sub, "now", help="the chats live now, their latest question, and the answer to start", run=run_chat_now,
                 example="backchannel chat now\nbackchannel chat now --at 2026-12-08T19:20-05:00")
    now.add_argument("--at", metavar="ISO8601", help="the moment (default: now); without an offset it is UTC")
    format_option(now)
    question = action(sub, "question", help="add a question as it appears (or, with --on and --at, one published in advance)",
                      run=run_chat_question,
                      example='backchannel chat question edchat "Q2: How do you keep up with research?"\n'
                              'backchannel chat question edchat "Q1: Introduce yourself" --on 2026-12-08 --at 2026-12-08T19:05')
    question.add_argument("slug")
    question.add_argument("text", help="the question as the moderator wrote it, starting Q<n>")
    question.add_argument("--on", metavar="YYYY-MM-DD", help="the chat's date, for a question published in advance")
    question.add_argument("--at", metavar="ISO8601", help="when it is asked (default: now); without an offset it is in the chat's zone")
    format_option(question)
    answers = action(sub, "answers", help="your answers in the chat's recent runs, grouped by question (Markdown or JSON)",
                     run=run_chat_answers, example="backchannel chat answers edchat --weeks 4")
    answers.add_argument("slug")
    answers.add_argument("--weeks", type=int, default=12, help="how many weeks back (default 12)")
    format_option(answers)
    return sub


def run_chat_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel chat add|list|remove|now|question|answers (see `backchannel chat --help`).")


def _chat_text(chat: Chat) -> str:
    who = f", moderated by {chat.moderator}" if chat.moderator else ""
    return f"{chat.slug:<16} #{chat.hashtag} — {WEEKDAYS[chat.weekday].title()}s {chat.starts} {chat.time_zone}, {chat.minutes} min{who}"


def run_chat_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        chat = store.chats.add_chat(slug=args.slug, name=args.name, hashtag=args.hashtag, weekday=args.weekday, starts=args.starts,
                                    minutes=args.minutes, time_zone=args.time_zone, moderator=args.moderator)
    finally:
        store.close()
    if args.format == "json":
        print_json(chat.to_dict())
    else:
        sys.stdout.write(_chat_text(chat) + "\n")
    return 0


def run_chat_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        chats = store.chats.list_chats()
    finally:
        store.close()
    if args.format == "json":
        print_json({"chats": [c.to_dict() for c in chats]})
    elif not chats:
        sys.stdout.write("No chats yet: backchannel chat add (see --help).\n")
    else:
        sys.stdout.write("".join(_chat_text(c) + "\n" for c in chats))
    return 0


def run_chat_remove(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        chat = store.chats.remove_chat(args.slug)
    finally:
        store.close()
    sys.stdout.write(f"Removed {chat.slug} (#{chat.hashtag}) and its questions.\n")
    return 0


def run_chat_now(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        live = use.live(store, parse_instant(args.at, field="--at") if args.at else None)
    finally:
        store.close()
    if args.format == "json":
        print_json({"live": live})
        return 0
    if not live:
        sys.stdout.write("No chat is live now.\n")
    for item in live:
        chat = item["chat"]
        sys.stdout.write(f"#{chat['hashtag']} is live ({item['occurrence']}).\n")
        question = item["question"]
        if question is None:
            sys.stdout.write("  No question yet.\n")
        else:
            sys.stdout.write(f"  Q{question['number']}: {question['text']}\n  Answer with: {item['starter']}\n")
    return 0


def run_chat_question(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        chat = store.chats.get_chat(args.slug)
        at = parse_instant(args.at, default_zone=chat.time_zone, field="--at") if args.at else None
        try:
            on = date.fromisoformat(args.on) if args.on else None
        except ValueError:
            raise InvalidInput(f"--on takes a date such as 2026-12-08, not {args.on!r}.", details={"field": "on"}) from None
        if on is not None and at is None:
            raise InvalidInput("A question published in advance needs its time too: --at 2026-12-08T19:05.", details={"field": "at"})
        question = use.add_question(store, args.slug, args.text, at=at, on=on, source="advance" if on else "pasted")
    finally:
        store.close()
    if args.format == "json":
        print_json(question.to_dict())
    else:
        sys.stdout.write(f"Q{question.number} of #{chat.hashtag} at {local_clock(question.asked_at, chat.time_zone, with_date=True)}: {question.text}\n")
    return 0


def run_chat_answers(args: argparse.Namespace) -> int:
    if not 1 <= args.weeks <= 520:
        raise InvalidInput("--weeks takes 1 to 520.", details={"field": "weeks"})
    store = open_store(args)
    try:
        chat, runs = use.answers_by_question(store, args.slug, weeks=args.weeks)
    finally:
        store.close()
    if args.format == "json":
        print_json({"chat": chat.to_dict(), "runs": [r.to_dict() for r in runs]})
    else:
        sys.stdout.write(use.answers_markdown(chat, runs) if runs else f"No posts with #{chat.hashtag} in the last {args.weeks} weeks.\n")
    return 0
