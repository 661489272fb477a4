"""`backchannel import-archive`, `history`, `export` and `review`."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any, Callable

from backchannel.cli.common import ProgressLine, open_store, print_json
from backchannel.errors import BackchannelError, InvalidInput
from backchannel.history.model import Media, Post
from backchannel.timeutil import local_clock, shown_zone


def run_import_archive(args: argparse.Namespace) -> int:
    from backchannel.archive.importer import import_archive

    store = open_store(args)
    line = ProgressLine()

    def progress(done: int, known: int, name: str) -> None:
        line.show(f"Importing {name}: {done:,} of {known:,} tweets")

    try:
        report = import_archive(store, Path(args.path).expanduser(), progress=progress)
        line.close()
        if args.format == "text":
            _print_import(report)
        photos = None if getattr(args, "no_photos", False) else _read_photos(store, args.format == "text")
    finally:
        line.close()
        store.close()
    if args.format == "json":
        print_json({**report.to_dict(), **({} if photos is None else {"photos": photos.to_dict()})})
    return 0


def _read_photos(store: Any, text: bool) -> Any:
    """After the import: read the slides of the photos it kept (and any left from an earlier run)."""
    from backchannel.photos.held import HeldReading, lower_priority, read_held_photos
    from backchannel.store import slides

    done, total = slides.reading_progress(store.db)
    if done >= total:
        return HeldReading(done=done, total=total)
    line = ProgressLine()
    if text:
        print(f"Reading the text on {total - done:,} photos, at low priority (Ctrl-C stops; importing again goes on where it stopped).")
    lower_priority()
    reading = HeldReading(done=done, total=total)
    try:
        reading = read_held_photos(store, progress=lambda d, t: line.show(f"Reading slides: {d:,} of {t:,} photos"))
    except KeyboardInterrupt:
        done, total = slides.reading_progress(store.db)
        reading = HeldReading(done=done, total=total)
    finally:
        line.close()
    if text:
        print(f"  {reading.done:,} of {reading.total:,} photos read ({reading.with_text:,} with text this run); {reading.left:,} left")
    return reading


def _print_import(report: Any) -> None:
    who = f" of @{report.screen_name}" if report.screen_name else ""
    print(f"Imported the archive{who}: {report.tweets} tweets in {len(report.files)} file(s).")
    print(f"  {report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.skipped} skipped")
    print(f"  {report.replies} replies ({report.in_threads} continue your own threads), {report.retweets} reposts")
    print(f"  {report.media} photos and videos, {report.media_files} photo files kept")
    print(f"  {report.with_event} posts belong to an event, {report.with_session} to a session")
    for warning in report.warnings:
        print(f"  note: {warning}", file=sys.stderr)


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


def _copying_media(store_media_path: Callable[[str], Path | None], folder: Path, relative_to: Path) -> Callable[[Media], str | None]:
    """Photos copied beside the exported file, referenced by relative path."""
    def ref(medium: Media) -> str | None:
        source = store_media_path(medium.file) if medium.file else None
        if source is None:
            return medium.remote_url if medium.remote_url and medium.remote_url.startswith("https://") else None
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / source.name
        if not target.exists():
            shutil.copyfile(source, target)
        return target.relative_to(relative_to).as_posix()

    return ref


def run_export(args: argparse.Namespace) -> int:
    from backchannel.history.export import remote_media, render_export
    from backchannel.history.writeup import build_writeup

    store = open_store(args)
    try:
        active = store.active_event()
        slug = args.event or (active.slug if active else None)
        if not slug:
            raise InvalidInput("Which event? Pass --event SLUG (or make one active: backchannel event use SLUG).")
        writeup = build_writeup(store, slug, platform=args.platform)
        if args.output:
            output = Path(args.output).expanduser()
            media_ref = _copying_media(store.history.media.path, output.parent / f"{output.stem}-photos", output.parent)
            text = render_export(writeup, args.format, media_ref)
            output.write_text(text, encoding="utf-8")
            print(f"Wrote {output} ({len(writeup.posts)} posts from {writeup.session_count} sessions).", file=sys.stderr)
        else:
            sys.stdout.write(render_export(writeup, args.format, remote_media))
    finally:
        store.close()
    return 0


def run_review(args: argparse.Namespace) -> int:
    from urllib.parse import quote

    from backchannel.cli.common import data_dir
    from backchannel.review.auth import LOGIN_TTL, ReviewAuth
    from backchannel.runtime import read_runtime

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
