"""Shared arrangements for the history, archive and review tests: the LT13 programme, an API client."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from aiohttp.test_utils import TestClient

from backchannel.context import SpeakerInfo
from backchannel.store import Store

TOKEN = "history-test-token-" + "x" * 32
UTC = timezone.utc


def add_lt13(store: Store, *, active: bool = True) -> None:
    """LT13 (Europe/London, 30–31 Jan 2013): A1 10:00–11:00 Priya Raman, B2 10:00–11:00 in parallel, A1 11:30–12:30."""
    store.events.create_event(
        "lt13", "Learning Technologies 2013", hashtag="LT13", aliases=["LearningTech13"], time_zone="Europe/London",
        session_tag_pattern="{hashtag}{room}", starts_on="2013-01-30", ends_on="2013-01-31",
    )
    store.events.add_session(
        "lt13", title="Learning in the flow of work", start=datetime(2013, 1, 30, 10, tzinfo=UTC), end=datetime(2013, 1, 30, 11, tzinfo=UTC),
        room="A1", speakers=[SpeakerInfo("Priya Raman", {"x": "@priyaraman"})],
    )
    store.events.add_session(
        "lt13", title="Games for learning", start=datetime(2013, 1, 30, 10, tzinfo=UTC), end=datetime(2013, 1, 30, 11, tzinfo=UTC),
        room="B2", speakers=[SpeakerInfo("Jo Bloggs", {"x": "@jobloggs"})],
    )
    store.events.add_session(
        "lt13", title="Measuring informal learning", start=datetime(2013, 1, 30, 11, 30, tzinfo=UTC), end=datetime(2013, 1, 30, 12, 30, tzinfo=UTC),
        room="A1", speakers=[SpeakerInfo("Sam Okafor", {})],
    )
    if active:
        store.settings.update({"active_event": "lt13", "active_room": "A1"})


def session_id(store: Store, title: str) -> int:
    return next(s.id for s in store.events.list_sessions("lt13") if s.title == title)


def record_body(text: str, posted_at: str = "2013-01-30T10:05:00Z", **extra: Any) -> dict[str, Any]:
    return {"client_id": str(uuid.uuid4()), "platform": "x", "text": text, "posted_at": posted_at, **extra}


class Api:
    """The aiohttp test client with the token set; answers as (status, JSON)."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    async def call(self, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {TOKEN}", **kwargs.pop("headers", {})}
        async with self.client.request(method, path, headers=headers, **kwargs) as response:
            return response.status, await response.json(content_type=None)
