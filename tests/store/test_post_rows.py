"""A stored row becomes a Post field by field: ``store.posts._post`` builds it positionally, for speed."""

from __future__ import annotations

from dataclasses import fields

from backchannel.history.model import Post
from backchannel.store.posts import _POST_COLUMNS


def test_the_row_columns_and_the_post_fields_line_up() -> None:
    # _post passes the row's values to Post in this order (media and edits come from their own tables):
    # a field added to Post, or a column to the SELECT, must be placed in both.
    columns = [c.strip().split(" AS ")[-1].split(".")[-1] for c in _POST_COLUMNS.split(",")]
    renamed = {"event_slug": "event"}
    expected = [renamed.get(c, c) for c in columns]
    expected.insert(expected.index("scheduled_for"), "media")
    expected.append("edits")
    assert [f.name for f in fields(Post)] == expected
