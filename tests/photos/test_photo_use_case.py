"""Judging a photo as a use case (coach/photo.py), the same for the CLI and the server, without HTTP."""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable

from backchannel.checker import check_photos
from backchannel.coach.photo import PhotoShelf, judge, judge_held, whole_verdict
from backchannel.photos.analyse import analyse_photo
from backchannel.photos.cache import photo_id
from backchannel.photos.model import AttachedPhoto
from backchannel.photos.samples import sample_bytes
from backchannel.store import Store


class Worker:
    """A real thread for each call (the loop's default executor), counting what it was given."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, function: Callable[..., Any], *args: object, budgeted: bool = False) -> Any:
        self.calls += 1
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(function, *args))


def test_judge_is_the_analysis_and_the_photo_rules_on_it(store: Store) -> None:
    data = sample_bytes("distant-slide")
    settings = store.settings.load()
    judged = judge(data, settings)
    analysis = analyse_photo(data)
    assert judged.analysis.to_dict() == analysis.to_dict()
    assert [t.to_dict() for t in judged.tips] == [t.to_dict() for t in check_photos([AttachedPhoto(analysis)], settings)]
    assert judged.to_dict() == {**analysis.to_dict(), "tips": [t.to_dict() for t in judged.tips]}


async def test_a_held_photo_is_analysed_once_and_kept_by_its_id(store: Store) -> None:
    shelf, worker = PhotoShelf(), Worker()
    data = sample_bytes("distant-slide")
    key, first = await judge_held(store, shelf, worker, data, later=False)
    again_key, again = await judge_held(store, shelf, worker, data, later=False)
    assert key == again_key == photo_id(data) and worker.calls == 1 and len(shelf.cache) == 1
    assert first == again and not first.analysis.text_pending
    assert [t.code for t in first.tips] == ["PHO003"]


async def test_two_answers_quick_then_read(store: Store) -> None:
    shelf = PhotoShelf()
    data = sample_bytes("distant-slide")
    key, quick = await judge_held(store, shelf, Worker(), data, later=True)
    assert quick.analysis.text_pending and quick.analysis.text is None
    assert "PHO003" not in {t.code for t in quick.tips}  # the text verdict needs the reading
    whole = await whole_verdict(store, shelf, key)
    assert whole is not None and not whole.analysis.text_pending and whole.analysis.text is not None
    assert [t.code for t in whole.tips] == ["PHO003"] and not shelf.reading


async def test_no_verdict_for_a_photo_not_on_the_shelf(store: Store) -> None:
    assert await whole_verdict(store, PhotoShelf(), photo_id(b"never sent")) is None
