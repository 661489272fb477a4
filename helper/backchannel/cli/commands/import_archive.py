"""`backchannel import-archive`: your X data archive into your history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backchannel.cli.common import ProgressLine, open_store, print_json

DESCRIPTION = (
    "Import your official X data archive: the zip as downloaded, its extracted folder, or one tweets file\n"
    "(data/tweets.js from 2022 on, data/tweet.js from 2020, data/js/tweets/YYYY_MM.js before 2019).\n"
    "Importing again adds only what is new. Posts are placed in your events by hashtag and date, then in sessions by time."
)
EXAMPLE = "backchannel import-archive ~/Downloads/twitter-2024-05-01-abc.zip\nbackchannel import-archive ~/archive/data/tweets.js --format json"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="the archive zip, its extracted folder, or a single tweets file")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--no-photos", action="store_true",
        help="do not read the text on the archive's photos now (by default it is read after the import, at low priority, "
        "so your history search finds posts by their slides; Ctrl-C stops it and importing again goes on where it stopped)",
    )
    parser.set_defaults(handler=run_import_archive)


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
        photos = None if args.no_photos else _read_photos(store, args.format == "text")
    finally:
        line.close()
        store.close()
    if args.format == "json":
        print_json({**report.to_dict(), **({} if photos is None else {"photos": photos.to_dict()})})
    return 0


def _read_photos(store: Any, text: bool) -> Any:
    """After the import: read the slides of the photos it kept (and any left from an earlier run)."""
    from backchannel.coach.held_photos import HeldReading, lower_priority, read_held_photos
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
