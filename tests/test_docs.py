"""Docs that people read are checked against the code."""

from __future__ import annotations

import re
from pathlib import Path

from backchannel.rules import RULES
from backchannel.server import create_app
from backchannel.server.guard import NO_ROUTE
from backchannel.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_readme_rule_table_matches_the_registry() -> None:
    readme = (ROOT / "README.md").read_text()
    rows = dict(re.findall(r"^\| ([A-Z]{3}\d{3}) \| ([a-z-]+) \|", readme, re.M))
    assert rows == {code: rule.name for code, rule in RULES.items()}
    levels = dict(re.findall(r"^\| ([A-Z]{3}\d{3}) \| [a-z-]+ \| (\w+) \|", readme, re.M))
    assert levels == {code: rule.level.value for code, rule in RULES.items()}


def test_api_doc_lists_every_route() -> None:
    doc = (ROOT / "docs" / "API.md").read_text()
    documented = set(re.findall(r"^\| (GET|POST|PUT|PATCH|DELETE) \| (/v1/\S*|/review\S*) \|", doc, re.M))
    app = create_app(Store(":memory:"), "unused")
    actual = set()
    for route in app.router.routes():
        if route.resource is not None and route.resource.name == NO_ROUTE:
            continue  # the catch-all answers 404/405 (documented with the error codes), it is no address
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter")
        if route.method != "HEAD" and path:
            actual.add((route.method, path))
    assert documented == actual


def test_api_doc_lists_every_error_code() -> None:
    import backchannel.errors as errors

    doc = (ROOT / "docs" / "API.md").read_text()
    codes = {cls.code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.BackchannelError)}
    for code in codes:
        assert f"| {code} |" in doc, f"docs/API.md does not list the error code {code}"
