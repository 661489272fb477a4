"""`backchannel schedule import`: a conference programme into an event."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backchannel.cli.common import ProgressLine, event_for, open_store, print_json
from backchannel.cli.options import action, actions, event_option
from backchannel.errors import InvalidInput

EXAMPLE = "backchannel schedule import schedule.xml --event fosdem26"


def configure(parser: argparse.ArgumentParser) -> Any:
    parser.set_defaults(handler=run_schedule_help)
    sub = actions(parser)
    imports = action(
        sub, "import", help="import (or re-import) a programme file into an event", run=run_schedule_import,
        description="Import a programme file into an event. Re-importing updates sessions in place; sessions of the event\n"
        "that are not in the file are kept and listed (so one-session files add up) unless you pass --replace.\n"
        "Handles you set by hand are kept. A file that cannot be trusted, or whose dates do not match the event's,\n"
        "changes nothing; --dry-run shows what an import would do.",
        example="backchannel schedule import schedule.ics --event pyconuk15 --dry-run\n"
        "backchannel schedule import schedule-v2.xml --event fosdem26 --replace\n"
        "backchannel schedule import sessions.json --speakers speakers.json --event devfest19 --format json",
    )
    imports.add_argument("file", help="the programme file")
    event_option(imports)
    imports.add_argument("--schedule-format", metavar="NAME", help="skip format detection: ical, frab-json, frab-xml or sessionize")
    imports.add_argument("--speakers", metavar="FILE", help="a Sessionize Speakers view with the speakers' links")
    imports.add_argument("--dry-run", action="store_true", help="show what the import would change, and change nothing")
    imports.add_argument("--replace", action="store_true", help="remove the event's imported sessions that are not in this file")
    imports.add_argument("--force", action="store_true", help="import even though the programme's dates do not match the event's")
    imports.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return sub


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None


def run_schedule_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel schedule import FILE --event SLUG (see `backchannel schedule --help`).")


def run_schedule_import(args: argparse.Namespace) -> int:
    from backchannel.coach.programme import import_file

    data = _read_file(args.file)
    speakers = _read_file(args.speakers) if args.speakers else None
    store = open_store(args)
    line = ProgressLine()
    name = Path(args.file).name

    def progress(done: int, total: int) -> None:
        if total:
            line.show(f"Importing {name}: {done}/{total} ({100 * done // total}%)")

    try:
        event = event_for(store, args.event)
        report = import_file(
            store, event.slug, data, filename=Path(args.file).name, format=args.schedule_format, speakers=speakers, progress=progress,
            replace=args.replace, dry_run=args.dry_run, force=args.force,
        )
    finally:
        line.close()
        store.close()
    if args.format == "json":
        print_json(report.to_dict())
        return 0
    out = sys.stdout
    if report.dry_run:
        out.write("Dry run, nothing was changed. The import would do this:\n")
    verb = "Would import" if report.dry_run else "Imported"
    out.write(
        f"{verb} {report.format} programme into {report.event}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.removed)} removed; {report.rooms} rooms, {report.speakers} speakers, "
        f"{report.handles} handles.\n"
    )
    for title in report.removed:
        out.write(f"  removed: {title}\n")
    if report.kept:
        n = len(report.kept)
        out.write(
            f"{n} session{'s' if n != 1 else ''} of the event {'are' if n != 1 else 'is'} not in this file and "
            f"{'would be' if report.dry_run else 'were'} kept (add --replace to remove {'them' if n != 1 else 'it'}):\n"
        )
        for title in report.kept[:20]:
            out.write(f"  kept: {title}\n")
        if n > 20:
            out.write(f"  … and {n - 20} more (--format json lists them all)\n")
    if report.warnings:
        out.write(f"{len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''}:\n")
        for w in report.warnings:
            where = ", ".join(p for p in (f"line {w['line']}" if w["line"] else None, w["field"]) if p)
            out.write(f"  {where + ': ' if where else ''}{w['message']}\n")
    return 0
