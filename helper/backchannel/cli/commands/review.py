"""`backchannel review`: a one-time login link to the running helper's review page."""

from __future__ import annotations

import argparse

from backchannel.cli.common import open_store
from backchannel.errors import BackchannelError

DESCRIPTION = (
    "Print (and open in your browser) a one-time login link to the running helper's review page.\n"
    "The link works once, for a few minutes; the page then keeps you logged in with a cookie."
)
EXAMPLE = "backchannel review\nbackchannel review --event lt13 --no-open"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event", metavar="SLUG", help="open this event's page")
    parser.add_argument("--no-open", action="store_true", help="only print the link; do not open a browser")
    parser.set_defaults(handler=run_review)


def run_review(args: argparse.Namespace) -> int:
    from urllib.parse import quote

    from backchannel.cli.common import data_dir
    from backchannel.local.runtime import read_runtime
    from backchannel.review.auth import LOGIN_TTL, ReviewAuth

    directory = data_dir(args)
    runtime = read_runtime(directory)
    if runtime is None:
        raise BackchannelError("The helper is not running: start it (`backchannel serve`, or `make run`), then run `backchannel review` again.")
    store = open_store(args)
    try:
        if args.event:
            store.events.get_event(args.event)
        key = ReviewAuth(store.db).create_login()
    finally:
        store.close()
    target = f"&next={quote('/review/events/' + args.event, safe='/')}" if args.event else ""
    link = f"http://127.0.0.1:{runtime.port}/review/login?key={key}{target}"
    minutes = int(LOGIN_TTL.total_seconds() // 60)
    print(f"Open your review page (this link works once, within {minutes} minutes):\n  {link}")
    if not args.no_open:
        import webbrowser

        webbrowser.open(link)
    return 0
