"""`backchannel history`: your posts, newest first, or searched."""

from __future__ import annotations

import argparse
import sys

from backchannel.cli.common import open_store, print_json
from backchannel.history.model import Post
from backchannel.timeutil import local_clock, shown_zone

DESCRIPTION = "List your posts, newest first, or search them (ranked by relevance) with --search."
EXAMPLE = 'backchannel history --event lt13\nbackchannel history --search "flow of work" --format json'


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event", metavar="SLUG", help="only this event's posts")
    parser.add_argument("--session", type=int, metavar="ID", help="only this session's posts")
    parser.add_argument("--search", metavar="WORDS", help='words to find ("quoted phrase", prefix*)')
    parser.add_argument("--before", metavar="CURSOR", help="the next page: the cursor the previous page printed, or an ISO 8601 instant")
    parser.add_argument("--limit", type=int, default=50, help="how many posts (default: 50, at most 500)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(handler=run_history)


def _line(post: Post, zone_name: str) -> str:
    # In the post's event's zone (or the display_time_zone setting), saying which: "2013-01-30 10:05 GMT".
    stamp = local_clock(post.posted_at, zone_name, with_date=True)
    where = post.event or "-"
    text = " ".join(post.text.split())
    return f"{stamp:<20}  {where:<14} {text}"


def run_history(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        store.history.refresh()
        page = store.history.find(q=args.search, event=args.event, session=args.session, before=args.before, limit=args.limit)
        zones = {e.slug: e.time_zone for e in store.events.list_events()}
        preferred = store.settings.load().get("display_time_zone")
    finally:
        store.close()
    if args.format == "json":
        print_json(page.to_dict())
        return 0
    for post in page.posts:
        print(_line(post, shown_zone(zones.get(post.event or ""), preferred)))
    # The hint goes to stderr (so a piped listing stays posts only), after the posts and on its own line.
    sys.stdout.flush()
    if not page.posts:
        print("No posts found.", file=sys.stderr)
    elif page.next:
        print(f"\nMore: add --before {page.next} to see older posts.", file=sys.stderr)
    return 0
