"""Templates: Jinja2 with autoescaping on for every template, undefined names an error.

Autoescaping is what keeps tweets inert: every ``{{ value }}`` is HTML- and
attribute-escaped. No template marks anything ``|safe``; links come from
``linkify.safe_href`` only.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from backchannel.review.linkify import pieces, safe_href

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name: the export's .html and the page's alike
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(pieces=pieces, safe_href=safe_href)
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
