"""A description (alt text) proposed from what the slide says and the session it was shown in.

"Slide: 'Polymer power tools' — @addyosmani, Polymer Summit 2015": the
slide's largest readable lines as its title (a title set over two or three
lines is all of them), the next lines after it, and who spoke where. It is a proposal: the person edits it before it is used. No
imaging imports: it works on the lines the analysis already read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backchannel.photos.model import TextReading

MAX_LENGTH = 1000  # X's limit for a photo description
TITLE_SHARE = 0.8  # lines at least this share of the tallest one's height are the title
MAX_TITLE_LINES = 3
MAX_LINES = 6  # a description says what the slide says, not every footnote on it


def propose_description(reading: TextReading | None, context: str | None = None) -> str | None:
    """The proposed description, or None when the photo has no readable text to build it from."""
    if reading is None:
        return None
    on_slide = [line for line in reading.lines if line.recognised and line.on_slide] or [line for line in reading.lines if line.recognised]
    if not on_slide:
        return None
    # The title is the tallest text; a title set over two or three lines is all of them.
    tallest = max(line.opened_height for line in on_slide)
    ordered = sorted(on_slide, key=lambda line: (line.quad[0][1], line.quad[0][0]))
    heading = [line for line in ordered if line.opened_height >= TITLE_SHARE * tallest]
    if len(heading) > MAX_TITLE_LINES:  # many lines of one size: a list, whose first line is the title
        heading = heading[:1]
    title = " ".join(line.text or "" for line in heading)
    rest = [line.text for line in ordered if line not in heading and line.text][: MAX_LINES - 1]
    text = f"Slide: '{title}'"
    if rest:
        text += ": " + "; ".join(rest)
    if context:
        text += f" — {context}"
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1].rstrip() + "…"
    return text
