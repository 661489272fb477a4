"""A description (alt text) proposed from what the slide says and the session it was shown in.

"Slide: 'Polymer power tools' — @addyosmani, Polymer Summit 2015": the
slide's largest readable line as its title, the next lines after it, and who
spoke where. It is a proposal: the person edits it before it is used. No
imaging imports: it works on the lines the analysis already read.
"""

from __future__ import annotations

from backchannel.photos.model import TextReading

MAX_LENGTH = 1000  # X's limit for a photo description
MAX_LINES = 6  # a description says what the slide says, not every footnote on it


def propose_description(reading: TextReading | None, context: str | None = None) -> str | None:
    """The proposed description, or None when the photo has no readable text to build it from."""
    if reading is None:
        return None
    on_slide = [line for line in reading.lines if line.recognised and line.on_slide] or [line for line in reading.lines if line.recognised]
    if not on_slide:
        return None
    title = max(on_slide, key=lambda line: line.opened_height)
    ordered = sorted(on_slide, key=lambda line: (line.quad[0][1], line.quad[0][0]))
    rest = [line.text for line in ordered if line is not title and line.text][: MAX_LINES - 1]
    text = f"Slide: '{title.text}'"
    if rest:
        text += ": " + "; ".join(rest)
    if context:
        text += f" — {context}"
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1].rstrip() + "…"
    return text
