"""Import a programme file into an event: read (pure), then store (one transaction).

Shared by the CLI and the API. Reading touches no database, so the API can
run it in a worker thread while the store stays on the loop's thread.
"""

from __future__ import annotations

from typing import Callable

from backchannel.schedules import Programme, enrich_speakers, read_programme, read_speakers
from backchannel.store import Store
from backchannel.store.programmes import ImportReport

Progress = Callable[[int, int], None]


def read(data: bytes, *, event_time_zone: str, filename: str | None = None, format: str | None = None,
         speakers: bytes | None = None, progress: Progress | None = None) -> Programme:
    # An event still at the UTC default has no zone of its own: let the reader say so when it has to guess.
    zone = None if event_time_zone == "UTC" else event_time_zone
    programme = read_programme(data, filename=filename, format=format, time_zone=zone, progress=progress)
    if speakers is not None:
        enrich_speakers(programme, read_speakers(speakers))
    return programme


def import_file(store: Store, slug: str, data: bytes, *, filename: str | None = None, format: str | None = None,
                speakers: bytes | None = None, progress: Progress | None = None,
                replace: bool = False, dry_run: bool = False, force: bool = False) -> ImportReport:
    event = store.events.get_event(slug)
    programme = read(data, event_time_zone=event.time_zone, filename=filename, format=format, speakers=speakers, progress=progress)
    return store.programmes.import_programme(slug, programme, filename=filename, progress=progress, replace=replace, dry_run=dry_run, force=force)
