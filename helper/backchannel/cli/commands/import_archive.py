"""`backchannel import-archive`: your X data archive into your history.

The tweets are imported here and the command returns. The text on the archive's
photos (so the history search finds posts by their slides) is read in the
background by the running helper, which already holds the OCR engine and gives
every live photo precedence: the command asks it to start. With no helper
running, the helper reads them when it next starts; ``--wait`` reads them
before returning instead (here, at low priority, when no helper runs).
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import time
from pathlib import Path
from typing import Any

from backchannel.cli.common import ProgressLine, data_dir, open_store, print_json
from backchannel.errors import BackchannelError, InvalidInput

DESCRIPTION = (
    "Import your official X data archive: the zip as downloaded, its extracted folder, or one tweets file\n"
    "(data/tweets.js from 2022 on, data/tweet.js from 2020, data/js/tweets/YYYY_MM.js before 2019).\n"
    "Importing again adds only what is new. Posts are placed in your events by hashtag and date, then in sessions by time.\n"
    "The text on the archive's photos is read in the background by the running helper (it starts when the helper does,\n"
    "if none is running), so your history search finds posts by their slides: --status shows how far it is."
)
EXAMPLE = (
    "backchannel import-archive ~/Downloads/twitter-2024-05-01-abc.zip\n"
    "backchannel import-archive ~/archive/data/tweets.js --format json\n"
    "backchannel import-archive --status\n"
    "backchannel import-archive --wait"
)

PATH = "/v1/archive/photos"
POLL_SECONDS = 1.0
HELPER_SECONDS = 10.0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="the archive zip, its extracted folder, or a single tweets file (not needed with --status or --wait)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    photos = parser.add_mutually_exclusive_group()
    photos.add_argument(
        "--no-photos", action="store_true",
        help="do not ask the running helper to read the text on the archive's photos now (it reads photos left unread when it next starts)",
    )
    photos.add_argument(
        "--wait", action="store_true",
        help="read the photos before returning: wait for the running helper, or, with none running, read them here at low priority "
        "(Ctrl-C stops; the reading goes on later where it stopped). Without PATH: only the photos left unread",
    )
    photos.add_argument("--status", action="store_true", help="only show how far reading the archive's photos has come, and who is reading them")
    parser.set_defaults(handler=run_import_archive)


def run_import_archive(args: argparse.Namespace) -> int:
    if args.status:
        if args.path:
            raise InvalidInput("--status shows how far the photos are read; it imports nothing, so give it no PATH.")
        return _show_status(args)
    if not args.path and not args.wait:
        raise InvalidInput("Name the archive to import (its zip, folder or tweets file), or use --status or --wait.")
    report = _import(args) if args.path else None
    if args.no_photos:
        photos = None
    elif args.wait:
        photos = _wait_for_photos(args)
    else:
        photos = _hand_to_helper(args)
    if args.format == "json":
        print_json({**({} if report is None else report.to_dict()), **({} if photos is None else {"photos": photos})})
    return 0


def _import(args: argparse.Namespace) -> Any:
    from backchannel.archive.importer import import_archive

    store = open_store(args)
    line = ProgressLine()

    def progress(done: int, known: int, name: str) -> None:
        line.show(f"Importing {name}: {done:,} of {known:,} tweets")

    try:
        report = import_archive(store, Path(args.path).expanduser(), progress=progress)
    finally:
        line.close()
        store.close()
    if args.format == "text":
        _print_import(report)
    return report


def _hand_to_helper(args: argparse.Namespace) -> dict[str, Any]:
    """Ask the running helper to read the photos left, in the background; with none running, say when they will be read."""
    status = _helper(args, "POST")
    if status is None:
        status = _stored_status(args)
        status["reader"] = "when the helper starts"
    else:
        status["reader"] = "helper"
    if args.format == "text" and status["left"]:
        if status["reader"] == "helper":
            print(f"The helper is reading the text on {status['left']:,} photos in the background, after any photo you attach: "
                  "`backchannel import-archive --status` shows how far it is.")
        else:
            print(f"{status['left']:,} photos wait to be read for the history search. The helper reads them in the background when it starts "
                  "(`backchannel serve`, or `make run`); or run `backchannel import-archive --wait` to read them here now.")
    return _public(status)


def _wait_for_photos(args: argparse.Namespace) -> dict[str, Any]:
    """Read the photos before returning: the running helper's reading followed, or this process reading them."""
    status = _helper(args, "POST")
    if status is None:
        return _read_here(args)
    line = ProgressLine()
    if args.format == "text" and status["left"]:
        print(f"The helper is reading the text on {status['left']:,} photos (Ctrl-C stops waiting; the helper reads on).")
    try:
        while status["state"] == "reading":
            line.show(f"Reading slides: {status['done']:,} of {status['total']:,} photos")
            time.sleep(POLL_SECONDS)
            status = _helper(args, "GET") or _stored_status(args)
            status.setdefault("state", "stopped")
    except KeyboardInterrupt:
        pass
    finally:
        line.close()
    if status.get("state") == "failed":
        print(f"  the helper's reading stopped: {status.get('error')}", file=sys.stderr)
    if args.format == "text":
        print(f"  {status['done']:,} of {status['total']:,} photos read; {status['left']:,} left")
    return {**_public(status), "reader": "helper"}


def _read_here(args: argparse.Namespace) -> dict[str, Any]:
    """No helper runs: read the photos left in this process, at low priority, each reading committed."""
    from backchannel.coach.held_photos import HeldReading, lower_priority, read_held_photos
    from backchannel.store import slides

    store = open_store(args)
    try:
        done, total = slides.reading_progress(store.db)
        reading = HeldReading(done=done, total=total)
        if done < total:
            line = ProgressLine()
            if args.format == "text":
                print(f"Reading the text on {total - done:,} photos, at low priority (Ctrl-C stops; the reading goes on later where it stopped).")
            lower_priority()
            try:
                reading = read_held_photos(store, progress=lambda d, t: line.show(f"Reading slides: {d:,} of {t:,} photos"))
            except KeyboardInterrupt:
                done, total = slides.reading_progress(store.db)
                reading = HeldReading(done=done, total=total)
            finally:
                line.close()
            if args.format == "text":
                print(f"  {reading.done:,} of {reading.total:,} photos read ({reading.with_text:,} with text this run); {reading.left:,} left")
    finally:
        store.close()
    return {**reading.to_dict(), "reader": "here"}


def _show_status(args: argparse.Namespace) -> int:
    status = _helper(args, "GET")
    if status is None:
        status = {**_stored_status(args), "state": "not running"}
    if args.format == "json":
        print_json(_public(status, keep_state=True))
        return 0
    line = f"{status['done']:,} of {status['total']:,} archive photos read, {status['left']:,} left"
    state = status["state"]
    if state == "reading":
        line += ": the helper is reading them in the background"
    elif state == "failed":
        line += f": the helper's reading stopped ({status.get('error')}); restarting the helper goes on where it stopped"
    elif state == "not running" and status["left"]:
        line += ": the helper reads them when it starts (`backchannel serve`, or `make run`), or run `backchannel import-archive --wait`"
    elif state == "stopped" and status["left"]:
        line += ": not being read now; `backchannel import-archive --wait` starts it"
    print(line + ".")
    return 0


def _stored_status(args: argparse.Namespace) -> dict[str, Any]:
    from backchannel.store import slides

    store = open_store(args)
    try:
        done, total = slides.reading_progress(store.db)
    finally:
        store.close()
    return {"done": done, "total": total, "left": total - done}


def _public(status: dict[str, Any], keep_state: bool = False) -> dict[str, Any]:
    keys = ("state", "done", "total", "left", "reader", "error") if keep_state else ("done", "total", "left", "reader")
    return {key: status[key] for key in keys if key in status}


def _helper(args: argparse.Namespace, method: str) -> dict[str, Any] | None:
    """The running helper's answer on its archive reading (POST starts it); None when no helper runs."""
    from backchannel.local.runtime import read_runtime
    from backchannel.local.secrets import load_token

    directory = data_dir(args)
    runtime = read_runtime(directory)
    if runtime is None:
        return None
    token = load_token(directory)
    if token is None:
        raise BackchannelError("The helper is running but its token cannot be read: run `backchannel token` to see where it is kept.")
    conn = http.client.HTTPConnection("127.0.0.1", runtime.port, timeout=HELPER_SECONDS)
    try:
        conn.request(method, PATH, body=b"" if method == "POST" else None, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        raw = response.read()
    except OSError:
        return None  # it stopped meanwhile: as if none were running
    finally:
        conn.close()
    if response.status == 404:
        raise BackchannelError(f"The running helper (version {runtime.version}) does not read archive photos: restart it, then run this again.")
    if response.status >= 300:
        raise BackchannelError(f"The helper answered {response.status} when asked about the archive's photos: {raw[:200].decode('utf-8', 'replace')}")
    return dict(json.loads(raw))


def _print_import(report: Any) -> None:
    who = f" of @{report.screen_name}" if report.screen_name else ""
    print(f"Imported the archive{who}: {report.tweets} tweets in {len(report.files)} file(s).")
    print(f"  {report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.skipped} skipped")
    print(f"  {report.replies} replies ({report.in_threads} continue your own threads), {report.retweets} reposts")
    print(f"  {report.media} photos and videos, {report.media_files} photo files kept")
    print(f"  {report.with_event} posts belong to an event, {report.with_session} to a session")
    for warning in report.warnings:
        print(f"  note: {warning}", file=sys.stderr)
