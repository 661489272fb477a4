"""`backchannel export`: an event's write-up skeleton (Markdown, HTML, JSON or CSV)."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Callable

from backchannel.cli.common import open_store
from backchannel.cli.options import PLATFORMS
from backchannel.errors import InvalidInput
from backchannel.history.model import Media

EXAMPLE = (
    "backchannel export --event lt13 --format md > lt13-notes.md\n"
    "backchannel export --event lt13 --format html --output ~/notes/lt13.html"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event", metavar="SLUG", help="the event (default: the active event)")
    parser.add_argument("--format", choices=("md", "html", "json", "csv"), default="md", help="md (default), html, json or csv")
    parser.add_argument("--output", metavar="FILE", help="write to FILE and copy its photos to FILE's folder (default: standard output)")
    parser.add_argument("--platform", choices=PLATFORMS, default="x", help="whose handles the thank-you drafts use (default: x)")
    parser.set_defaults(handler=run_export)


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
    from backchannel.coach.export import export_event
    from backchannel.review.export import remote_media

    store = open_store(args)
    try:
        active = store.active_event()
        slug = args.event or (active.slug if active else None)
        if not slug:
            raise InvalidInput("Which event? Pass --event SLUG (or make one active: backchannel event use SLUG).")
        if args.output:
            output = Path(args.output).expanduser()
            media_ref = _copying_media(store.history.media.path, output.parent / f"{output.stem}-photos", output.parent)
            exported = export_event(store, slug, args.format, platform=args.platform, media_ref=media_ref)
            output.write_text(exported.text, encoding="utf-8")
            print(f"Wrote {output} ({len(exported.writeup.posts)} posts from {exported.writeup.session_count} sessions).", file=sys.stderr)
        else:
            sys.stdout.write(export_event(store, slug, args.format, platform=args.platform, media_ref=remote_media).text)
    finally:
        store.close()
    return 0
