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
from markupsafe import Markup, escape

from backchannel.review.highlight import marks, terms
from backchannel.review.linkify import pieces, safe_href
from backchannel.review.post_html import post_html, post_text, thread_html

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
    env.globals.update(pieces=pieces, safe_href=safe_href, marks=marks, search_terms=terms, post_text=post_text, post_html=post_html,
                       thread_html=thread_html)
    env.filters["code_spans"] = code_spans
    return env


def code_spans(message: str) -> Markup:
    """A message for people with its `commands` shown as code: escaped first, so nothing else becomes markup."""
    parts = str(message).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return Markup(escape(message))
    return Markup("").join(escape(part) if i % 2 == 0 else Markup("<code>") + escape(part) + Markup("</code>") for i, part in enumerate(parts))


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
