"""Import an X data archive into the history: tweets, photos, threads, events.

Re-importing is idempotent: tweets are keyed by their id (source 'archive'),
so a second import of the same archive adds nothing, and a newer archive
adds only what is new. Every tweets file is read and turned into posts
first; then the whole import is written in one transaction
(``store.archive.ArchiveWriter``: prepared rows, ``executemany``, the search
index and the posts table's indexes built once), so a crash leaves the
history as it was. Threads are linked once, inside that transaction, and
event placement is worked out once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from backchannel.archive.formats import (
    Layout,
    kind_of,
    layout,
    parse_assignment,
    screen_name_from,
)
from backchannel.archive.source import (
    MAX_TWEETS_FILE_BYTES,
    Budget,
    FileSource,
    Member,
    open_source,
)
from backchannel.archive.tweets import Skip, to_post
from backchannel.errors import InvalidInput
from backchannel.history.media import MAX_PHOTO_BYTES
from backchannel.history.model import MediaIn, PostIn
from backchannel.store.archive import ArchiveWriter, placed_counts
from backchannel.store.threads import relink_all

if TYPE_CHECKING:
    from backchannel.store import Store

BATCH = 2000
MAX_WARNINGS = 20
MAX_SMALL_FILE_BYTES = 8 * 1024 * 1024  # manifest.js, account.js, user_details.js

Progress = Callable[[int, int, str], None]  # (tweets done, tweets known so far, file being read)


@dataclass
class ArchiveReport:
    source: str
    files: list[str] = field(default_factory=list)
    tweets: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    retweets: int = 0
    replies: int = 0
    in_threads: int = 0
    media: int = 0
    media_files: int = 0
    with_event: int = 0
    with_session: int = 0
    screen_name: str | None = None
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)
        elif len(self.warnings) == MAX_WARNINGS:
            self.warnings.append("… more warnings left out.")

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "files": self.files, "tweets": self.tweets, "added": self.added, "updated": self.updated,
            "unchanged": self.unchanged, "skipped": self.skipped, "retweets": self.retweets, "replies": self.replies,
            "in_threads": self.in_threads, "media": self.media, "media_files": self.media_files, "with_event": self.with_event,
            "with_session": self.with_session, "screen_name": self.screen_name, "warnings": self.warnings,
        }


def _read_small(source: Any, member: Member | None) -> Any:
    if member is None:
        return None
    try:
        return parse_assignment(source.read(member, MAX_SMALL_FILE_BYTES), member.name)
    except InvalidInput:
        return None


def _attach_files(store: Store, source: Any, found: Layout, media: list[tuple[MediaIn, str | None]], report: ArchiveReport) -> tuple[MediaIn, ...]:
    out = []
    for medium, key in media:
        report.media += 1
        member = found.media.get(key) if key else None
        if member is not None and member.size <= MAX_PHOTO_BYTES:
            try:
                kept = store.history.media.put(source.read(member, MAX_PHOTO_BYTES))
            except InvalidInput as exc:
                report.warn(exc.message)
                kept = None
            if kept is not None:
                medium = replace(medium, sha256=kept[0], file=kept[1], original_name=member.name.rsplit("/", 1)[-1])
                report.media_files += 1
        out.append(medium)
    return tuple(out)


def import_archive(store: Store, path: Path, *, progress: Progress | None = None, budget: Budget | None = None) -> ArchiveReport:
    source = open_source(Path(path), budget)
    report = ArchiveReport(source=str(path))
    try:
        members = source.members()
        found = layout(members, single_file=isinstance(source, FileSource))
        for refused in getattr(source, "refused", []):
            report.warn(f"Skipped {refused!r}: not a plain path inside the archive.")
        report.screen_name = screen_name_from(
            _read_small(source, found.manifest), _read_small(source, found.account), _read_small(source, found.user_details)
        )
        known = 0
        imported_ids: set[str] = set()
        posts: list[PostIn] = []
        for member, _ in found.tweets:
            data = source.read(member, MAX_TWEETS_FILE_BYTES)
            if kind_of(data) is None:
                if isinstance(source, FileSource):
                    raise InvalidInput(
                        f"{member.name} is not a tweets file from an X archive (tweets.js, tweet.js or a Grailbird month).", details={"path": str(path)}
                    )
                continue
            items = parse_assignment(data, member.name)
            del data
            if not isinstance(items, list):
                report.warn(f"{member.name} holds no list of tweets.")
                continue
            report.files.append(member.name)
            known += len(items)
            posts.extend(_read_items(store, source, found, items, member.name, report, known, progress, imported_ids))
            del items
        if not report.files:
            raise InvalidInput(
                f"No tweets found in {path}: expected data/tweets.js (2022), data/tweet.js (2020) or data/js/tweets/YYYY_MM.js (before 2019).",
                details={"path": str(path)},
            )
    finally:
        source.close()
    with store.db.write() as conn:
        writer = ArchiveWriter(conn, expected=len(posts))
        writer.begin()
        for start in range(0, len(posts), BATCH):
            for outcome, count in writer.write(posts[start : start + BATCH]).items():
                setattr(report, outcome, getattr(report, outcome) + count)
        report.in_threads = relink_all(conn)
        writer.finish()
    if report.screen_name:
        store.history.add_own_handle("x", report.screen_name)
    store.history.refresh()
    # Counted over this archive's posts only: the history may hold earlier archives too.
    report.with_event, report.with_session = placed_counts(store.db.conn, "x", imported_ids)
    return report


def _read_items(
    store: Store, source: Any, found: Layout, items: list[Any], name: str, report: ArchiveReport, known: int, progress: Progress | None,
    imported_ids: set[str],
) -> list[PostIn]:
    """The posts in one tweets file, with their media files kept; progress reported every ``BATCH`` tweets."""
    posts = []
    for start in range(0, len(items), BATCH):
        for item in items[start : start + BATCH]:
            report.tweets += 1
            try:
                post, media = to_post(item, screen_name=report.screen_name)
            except Skip as exc:
                report.skipped += 1
                report.warn(f"{name}: skipped an item ({exc}).")
                continue
            report.retweets += post.is_retweet
            report.replies += post.reply_to_remote_id is not None
            posts.append(replace(post, media=_attach_files(store, source, found, media, report)) if media else post)
            if post.remote_id and not post.is_retweet:
                imported_ids.add(post.remote_id)
        if progress is not None:
            progress(report.tweets, known, name)
    return posts
