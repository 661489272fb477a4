"""`backchannel schedule import`, `now`, `event kit`, `speaker …`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backchannel.cli.common import ProgressLine, open_store, print_json
from backchannel.cli.event_cmd import _event_for
from backchannel.errors import InvalidInput
from backchannel.coach.now import kit_for, what_is_on
from backchannel.text import weighted_length
from backchannel.timeutil import local_clock, local_span, parse_instant, shown_zone


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
        event = _event_for(store, args.event)
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


def run_now(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = _event_for(store, args.event)
        at = parse_instant(args.at, default_zone=event.time_zone, field="--at") if args.at else None
        now = what_is_on(store, event.slug, at=at, room=args.room, platform=args.platform)
        settings = store.settings.load()
        shown = shown_zone(event.time_zone, settings.get("display_time_zone"))
        room_chosen = bool(args.room or settings.get("active_room"))
    finally:
        store.close()
    if args.format == "json":
        print_json(now.to_dict())
        return 0
    out = sys.stdout
    out.write(f"At {local_clock(now.at, shown, with_date=True)} ({shown}):\n")
    if not now.current:
        out.write("Nothing is on right now.\n" if at is None else "Nothing is on then.\n")
    for session, snippet in now.current:
        out.write(f"now  [{session.room or '-'}] {local_span(session.start, session.end, shown)}  {session.title}\n      {snippet}\n")
    for session in now.next:
        out.write(f"next [{session.room or '-'}] {local_span(session.start, session.end, shown)}  {session.title}\n")
    if now.snippet:
        out.write(f"\nContext to attach:\n{now.snippet}\n")
    elif len(now.current) > 1 and not room_chosen:
        out.write("\nSeveral sessions are on: pass --room (or `backchannel settings set active_room ROOM`) for the context to attach.\n")
    elif now.current and now.reason:
        # The same answer check gives (see which_session): say why there is nothing to attach.
        out.write(f"\nNo context to attach: {now.reason}\n")
    return 0


NETWORK_NAMES = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon"}


def run_kit(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = _event_for(store, args.slug)
        kit = kit_for(store, event.slug, args.platform or "x")
        limit = store.settings.load().limit(args.platform or "x")
    finally:
        store.close()
    if args.format == "json":
        print_json(kit.to_dict())
        return 0
    out = sys.stdout
    # With --platform, only that network: the person is preparing for one place.
    networks = [args.platform] if args.platform else list(kit.follow)
    for network in networks:
        name = NETWORK_NAMES[network]
        if kit.follow[network]:
            out.write(f"Follow on {name}: {' '.join(kit.follow[network])}\n")
        elif args.platform:
            out.write(f"No speaker's {name} handle is known yet (`backchannel speaker set NAME {network}=@handle` adds one).\n")
        if kit.without_handle[network]:
            out.write(f"  no {name} handle known for: {', '.join(kit.without_handle[network])}\n")
    where = f" on {NETWORK_NAMES[args.platform]}" if args.platform else ""
    length = weighted_length(kit.announcement, args.platform or "x")
    out.write(f"\nAnnounce it{where} ({length}/{limit}):\n{kit.announcement}\n")
    return 0


def run_speaker_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel speaker list|set (see `backchannel speaker --help`).")


def run_speaker_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = _event_for(store, args.event)
        speakers = store.speakers.list_speakers(event.slug)
    finally:
        store.close()
    if args.format == "json":
        print_json({"event": event.slug, "speakers": [s.to_dict() for s in speakers]})
        return 0
    for s in speakers:
        handles = " ".join(f"{n}={h}" + ("*" if n in s.edited else "") for n, h in s.handles.items())
        sys.stdout.write(f"{s.id:>5}  {s.name:<32} {handles}\n")
    return 0


def run_speaker_set(args: argparse.Namespace) -> int:
    changes: dict[str, str | None] = {}
    for pair in args.handles:
        network, sep, handle = pair.partition("=")
        if not sep:
            raise InvalidInput(f"{pair!r} must look like NETWORK=@handle (or NETWORK= to clear it).")
        changes[network.strip().lower()] = handle.strip() or None
    store = open_store(args)
    try:
        event = _event_for(store, args.event)
        speaker = store.speakers.find_speaker(event.slug, args.name)
        updated = store.speakers.set_handles(event.slug, speaker.id, changes)
    finally:
        store.close()
    sys.stdout.write(f"{updated.name}: " + (" ".join(f"{n}={h}" for n, h in updated.handles.items()) or "no handles") + "\n")
    return 0
