"""Importing a programme over the API: kept sessions, dry run, replace, the date check."""

from __future__ import annotations

from backchannel.store import Store
from tests.server.conftest import Api
from tests.store.test_programmes import TALKS, sessionize


async def test_import_flow_over_the_api(api: Api, store: Store) -> None:
    store.events.create_event("tc", "Test Conf", hashtag="TC26", time_zone="Europe/Brussels")
    status, first = await api.call("POST", "/v1/events/tc/schedule", data=sessionize(TALKS))
    assert status == 200 and first["sessions"]["added"] == 3

    status, kept = await api.call("POST", "/v1/events/tc/schedule", data=sessionize(TALKS[:1]))
    assert status == 200 and kept["sessions"]["kept"] == 2 and kept["removed"] == []

    status, dry = await api.call("POST", "/v1/events/tc/schedule?replace=true&dry_run=true", data=sessionize(TALKS[:1]))
    assert status == 200 and dry["dry_run"] is True and dry["sessions"]["removed"] == 2
    assert len(store.events.list_sessions("tc")) == 3

    later = [(i, "2029-05-05", s, r, t, p) for i, _, s, r, t, p in TALKS]
    status, refused = await api.call("POST", "/v1/events/tc/schedule?replace=true", data=sessionize(later))
    assert status == 409 and refused["error"]["code"] == "programme_mismatch"
    assert refused["error"]["details"]["programme"]["starts_on"] == "2029-05-05"

    status, bad = await api.call("POST", "/v1/events/tc/schedule?replace=maybe", data=sessionize(TALKS))
    assert status == 422 and bad["error"]["details"]["field"] == "replace"

    status, replaced = await api.call("POST", "/v1/events/tc/schedule?replace=true", data=sessionize(TALKS[:1]))
    assert status == 200 and sorted(replaced["removed"]) == ["Closing talk", "Parallel track talk"]
    assert len(store.events.list_sessions("tc")) == 1
