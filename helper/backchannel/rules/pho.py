"""Photo rules: a legible slide or the speaker, not the room.

Photo rules read what ``backchannel.photos`` measured on an attached photo,
not the draft's text: the checker hands each one every attached photo
through ``check_photo``. Their thresholds come from what a remote follower
can make out on a phone, where X shows a photo at most about 1200 pixels
wide (the "display size"); the numbers are explained in each rule's options.

Nothing here imports Pillow: the measurements are plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Literal, Mapping

from backchannel.photos.legibility import DEFAULT_MIN_HEIGHT, Verdict, describe_heights, verdict
from backchannel.rules.base import Docs, Draft, Example, Level, Option, Rule, Tip

if TYPE_CHECKING:
    # Only for annotations: a draft without photos (most drafts) never loads the photo model.
    from backchannel.photos.model import AttachedPhoto

PhotoAction = Literal["crop", "strip_metadata", "describe"]


@dataclass(slots=True)
class PhotoFix:
    """A fix that acts on the photo, not the text: crop it, post a clean copy, describe it."""

    title: str
    action: PhotoAction
    box: tuple[int, int, int, int] | None = None  # the crop, in the photo's pixels
    quad: tuple[tuple[float, float], ...] | None = None  # the screen's corners: the crop straightens it
    description: str | None = None  # "describe": the proposed description, to edit before it is used

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "action": self.action, "box": None if self.box is None else list(self.box)}
        if self.action == "crop":
            out["quad"] = None if self.quad is None else [[round(x, 1), round(y, 1)] for x, y in self.quad]
        if self.action == "describe":
            out["description"] = self.description
        return out


@dataclass(slots=True)
class PhotoTip(Tip):
    """A tip about one attached photo; ``media`` is its place among the draft's photos."""

    media: int = 0
    photo_fix: PhotoFix | None = None

    def to_dict(self) -> dict[str, Any]:
        out = Tip.to_dict(self)
        out["media"] = self.media
        out["photo_fix"] = None if self.photo_fix is None else self.photo_fix.to_dict()
        return out


@dataclass(slots=True)
class PhotoExample(Example):
    """A draft with one synthetic photo attached (named in ``backchannel.photos.samples``)."""

    sample: str = "slide-close-up"
    alt: str | None = None

    def photos(self) -> tuple[AttachedPhoto, ...]:
        from backchannel.photos.model import AttachedPhoto
        from backchannel.photos.samples import analysed_sample

        return (AttachedPhoto(analysed_sample(self.sample), alt=self.alt),)


def _example(sample: str, fires: bool, alt: str | None = None) -> PhotoExample:
    return PhotoExample("Slides from @priyaraman's keynote #LT13", fires=fires, situation="none", sample=sample, alt=alt)


class PhotoRule(Rule):
    """A rule about attached photos. The text has nothing for it, so ``check`` yields nothing."""

    needs = "photo"

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        return iter(())

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        raise NotImplementedError

    def photo_tip(self, photo: AttachedPhoto, message: str, fix: PhotoFix | None = None) -> PhotoTip:
        return PhotoTip(self.code, self.name, self.level, message, media=photo.index, photo_fix=fix)


def _readable(photo: AttachedPhoto, min_height: float = DEFAULT_MIN_HEIGHT) -> bool:
    """Whether a follower can read some text on it in the timeline: then it was exposed, sharp and large enough."""
    return bool(verdict(photo.analysis.text, min_height).readable)


def _crop_fix(photo: AttachedPhoto) -> PhotoFix | None:
    analysis = photo.analysis
    if analysis.crop is None:
        return None
    crop = analysis.crop
    quad = None if analysis.slide is None or analysis.slide.quad is None else tuple(analysis.slide.quad)
    return PhotoFix("Crop to the slide", "crop", (crop.left, crop.top, crop.right, crop.bottom), quad)


class PhotoTooDark(PhotoRule):
    code = "PHO001"
    name = "photo-too-dark"
    level = Level.WARNING
    summary = "The slide (or, without one, the photo) is so dark that followers see a black rectangle."
    docs = Docs(
        what="Measures the mean brightness (luminance, 0 for black to 255 for white) of the photo's subject: inside the screen when one was found, else the "
             "whole frame. Warns when it is below the threshold and no text on the photo is readable. A dark hall around a bright, readable slide is fine.",
        why="A dimmed lecture hall photographs as near-black. On a phone, and after X recompresses it, the bottom fifth of the tone scale is "
            "indistinguishable from black: a subject that sits there shows followers nothing. The hall around the slide does not matter: followers look at "
            "the slide.",
        example="A photo from the back of a dimmed hall: the slide's mean brightness is 17 of 255, nothing on it readable.",
        instead="Move closer so the lit slide fills the frame (it is the brightest thing in the room), or photograph the slide with the lights on.",
        fix="None: retake the photo, or brighten it before posting.",
    )
    options = (
        Option(
            "min_brightness", 50,
            "Mean brightness (0-255) of the subject below which it is too dark. 50 is about a fifth of the scale, where phone screens and JPEG recompression "
            "crush shadows to black.",
            minimum=0, maximum=255,
        ),
    )
    examples = (_example("dark-hall", True), _example("dark-hall-bright-slide", False), _example("slide-close-up", False), _example("distant-slide", False))

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        analysis = photo.analysis
        brightness = analysis.subject_brightness
        limit = int(options["min_brightness"])
        if brightness >= limit or _readable(photo) or analysis.text_pending:
            return
        what = "slide" if analysis.slide is not None and analysis.slide.brightness is not None else "photo"
        yield self.photo_tip(photo, f"The {what} is too dark to show much (brightness {brightness:.0f} of 255, below {limit}): get closer to the slide, or "
                                    "brighten the photo.")


class PhotoBlurry(PhotoRule):
    code = "PHO002"
    name = "photo-blurry"
    level = Level.WARNING
    summary = "The photo is blurred at the size people see it."
    docs = Docs(
        what="Measures sharpness as the variance of the Laplacian (how much fine detail the photo holds) on its luminance at display size, about 1200 pixels "
             "wide, and warns when it is below the threshold.",
        why="Slide text is fine detail. A shaky hand or a missed focus in a dim room smears it, and nobody can read a blurred slide however large it is. "
            "Sharpness is judged at the size X shows the photo, because a thumbnail hides blur.",
        example="A photo of a slide taken while walking: sharpness 3 (a sharp photo of the same slide measures over 2000).",
        instead="Brace your elbows or lean on something, tap the slide to focus, and take two shots.",
        fix="None: retake the photo.",
    )
    options = (
        Option(
            "min_sharpness", 25,
            "Laplacian variance below which a photo is blurred. Text at the edge of legibility (10 px tall) has strokes 1 to 2 px wide, which a 1-pixel blur "
            "at display size smears into their gaps; that blur brings sharp conference photos down to 10-20. Sharp ones measure 45 (a dim hall) to thousands.",
            minimum=0, maximum=10_000,
        ),
    )
    examples = (_example("blurred-slide", True), _example("slide-close-up", False), _example("dark-hall", False))

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        sharpness = photo.analysis.measurements.sharpness
        limit = int(options["min_sharpness"])
        if sharpness < limit:
            yield self.photo_tip(photo, f"The photo is blurred at the size people see it (sharpness {sharpness:.0f}, below {limit}): hold still and retake it.")


class TextTooSmall(PhotoRule):
    code = "PHO003"
    name = "text-too-small"
    level = Level.WARNING
    summary = "Followers cannot read the text on the photo at the size X shows it."
    docs = Docs(
        what="Finds the text in the photo with the OCR engine on the photo scaled to the timeline preview (600 px wide), and on a small screen again at the "
             "opened size; measures each line's height in displayed pixels and reads the largest lines. Warns when there is a screen or text but no line is "
             "both tall enough (the threshold) and read with confidence in the timeline, or when all that can be read is one word (a logo, the event's name, "
             "a heading) and nothing more when opened. The message gives the measured heights against the threshold; a generic room photo (a small "
             "screen, nothing readable) says so and offers the crop to the screen.",
        why="The classic conference photo is the whole lecture theatre with a slide in the distance: to a follower it is a room full of heads. What matters "
            "is one question: can they read it, at the size X shows it? Type under about 10 px in the timeline preview (a 16-px line box) is a grey smudge.",
        example="A photo from row 20: the screen is 2% of the frame, its lines are 5 px tall in the timeline.",
        instead="Zoom in or move closer until the slide fills most of the frame, or crop the photo to the slide before posting.",
        fix="Crop to the slide: the helper gives the screen's corners and produces the crop with the keystone removed (GET /v1/photos/{id}/crop, or "
            "`backchannel photo --crop-to-slide`).",
    )
    options = (
        Option(
            "min_text_height", DEFAULT_MIN_HEIGHT,
            "Displayed pixels a text line's box needs in the timeline preview (600 px wide) to be read. The detector's box is about 0.86 times the type size "
            "plus 7 px of margin, so 16 px is type about 10 px tall (7-pixel capitals): the smallest a follower reads on a phone without opening the photo.",
            minimum=1, maximum=200,
        ),
        Option(
            "room_share", 0.1,
            "A screen smaller than this share of the frame, with nothing readable on it, makes the photo a generic room photo (the tip says so).",
            minimum=0.0, maximum=1.0,
        ),
    )
    examples = (_example("distant-slide", True), _example("dark-hall", True), _example("slide-close-up", False))

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        analysis = photo.analysis
        if analysis.text is None:
            return  # text was not looked for
        limit = float(options["min_text_height"])
        found = verdict(analysis.text, limit)
        if (found.readable and found.kind != "one_word") or (analysis.slide is None and not analysis.text.lines):
            return  # readable; or neither a screen nor text: not a photo of a talk
        yield self.photo_tip(photo, self._message(photo, found, limit, float(options["room_share"])), _crop_fix(photo))

    def _message(self, photo: AttachedPhoto, found: Verdict, limit: float, room_share: float) -> str:
        analysis = photo.analysis
        slide = analysis.slide
        lines = found.opened_only + found.too_small
        if found.kind == "one_word":
            word = found.readable[0]
            measured = (f"only one word on it can be read, {word.text!r} ({word.timeline_height:.0f} px in the timeline): a logo, a name or a heading "
                        "tells followers nothing the talk says")
        elif lines:
            measured = f"its tallest lines are {describe_heights(lines)} in the timeline, and need {limit:.0f} px"
        else:
            measured = "no text could be found on it"
        if found.kind == "one_word" and (slide is None or slide.share >= room_share):
            message = f"Followers can read nothing of the talk on this photo: {measured}."
        elif slide is not None and slide.share < room_share:
            message = f"A room photo: the screen is only {slide.share:.0%} of the frame and {measured}. Followers see heads and a distant screen."
        else:
            message = f"Followers cannot read the text at the size X shows it ({found.summary}): {measured}."
        if found.kind == "opened_only":
            message += " It reads only once the photo is opened."
        if analysis.crop is not None and slide is not None and slide.cropped_width > slide.display_width:
            message += f" Get closer, or crop the photo to the screen: it would be {slide.cropped_width} px wide instead of {slide.display_width}."
        elif analysis.crop is not None:
            message += " Get closer, or crop the photo to the screen so it fills the picture."
        else:
            message += " Get closer, or zoom in on the slide."
        return message


class BacklitSubject(PhotoRule):
    code = "PHO004"
    name = "backlit-subject"
    level = Level.SUGGESTION
    summary = "A dark silhouette stands in front of the bright slide."
    docs = Docs(
        what="Looks inside the bright screen for one dark shape that rises from its bottom edge (a person standing in front of it, lit from behind) and "
             "suggests a better moment when it covers more than the threshold.",
        why="The camera exposes for the bright slide, so the speaker turns into a black cut-out that hides part of the slide and shows nothing of the person: "
            "the indistinct figure silhouetted in front of a bullet-pointed slide.",
        example="The speaker stands in front of the slide: a dark shape covers 14% of it.",
        instead="Wait until the speaker steps aside, or take the speaker from the side against a darker background, and the slide on its own.",
        fix="None: retake the photo.",
    )
    options = (
        Option(
            "min_share", 0.1,
            "Share of the screen a silhouette must cover. A tenth of the slide is a person's head and shoulders; smaller dark shapes are usually heads in the "
            "audience or a loudspeaker.",
            minimum=0.0, maximum=1.0,
        ),
    )
    examples = (_example("backlit-speaker", True), _example("slide-close-up", False))

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        share = photo.analysis.measurements.backlit
        limit = float(options["min_share"])
        if share is not None and share >= limit:
            yield self.photo_tip(photo, f"Someone stands as a dark silhouette in front of the slide (covering {share:.0%} of it): wait until they step aside, "
                                        "or shoot from the side.")


class LowResolution(PhotoRule):
    code = "PHO005"
    name = "low-resolution"
    level = Level.SUGGESTION
    summary = "The photo has fewer pixels than the space X shows it in."
    docs = Docs(
        what="Checks the photo's size against the space X gives it: its long side and its short side. A small photo whose text followers can read anyway gets "
             "no tip.",
        why="X's timeline shows a photo about 600 CSS pixels wide, and phones and laptops have two or three device pixels per CSS pixel, so a photo needs "
            "around 1200 pixels to look crisp. A smaller one is stretched and soft, and a thin panorama strip leaves everything in it tiny.",
        example="A 480×360 photo (a screenshot of a thumbnail, or a messenger-compressed copy).",
        instead="Post the original photo from the camera roll.",
        fix="None: use the original file.",
    )
    options = (
        Option("min_long_side", 800, "Pixels the photo's long side needs: below 800 X stretches it by half again or more on a typical screen.",
               minimum=1, maximum=10_000),
        Option("min_short_side", 300, "Pixels the photo's short side needs: below 300 it is a strip whose content is tiny whatever its width.",
               minimum=1, maximum=10_000),
    )
    examples = (_example("small-room-photo", True), _example("small-photo", False), _example("slide-close-up", False))

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        analysis = photo.analysis
        long_side, short_side = max(analysis.width, analysis.height), min(analysis.width, analysis.height)
        min_long, min_short = int(options["min_long_side"]), int(options["min_short_side"])
        if (long_side < min_long or short_side < min_short) and not _readable(photo) and not analysis.text_pending:
            yield self.photo_tip(photo, f"The photo is only {analysis.width}×{analysis.height} px (X shows photos up to about 1200 px): post the original, "
                                        "larger file.")


class MissingAltText(PhotoRule):
    code = "PHO006"
    name = "missing-alt-text"
    level = Level.SUGGESTION
    summary = "A photo has no description (alt text)."
    docs = Docs(
        what="When the site lets the extension read a photo's description, suggests one for a photo that has none. When the description cannot be read, it "
             "says nothing.",
        why="A photo of a slide is text locked in pixels. Followers using a screen reader, and everyone on a bad connection, get only what the description "
            "says; a line with the slide's title and its key point makes the photo useful to them and searchable.",
        example="A photo of the slide, no description.",
        instead="Description: “Slide: Most learning happens in the flow of work (70% on the job, 20% from others, 10% in courses).”",
        fix="Open the description (alt text) editor for the photo, with a description proposed from the slide's readable lines and the session (\"Slide: "
            "'Polymer power tools' — @addyosmani, Polymer Summit 2015\"), to edit before it is used.",
    )
    examples = (
        _example("slide-close-up", True, alt=""),
        _example("slide-close-up", False, alt="Slide: most learning happens at work"),
        _example("slide-close-up", False),
    )

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        # Its fix proposes a description from the slide: offered once the slide is read, not before.
        if photo.alt is not None and not photo.alt.strip() and not photo.analysis.text_pending:
            from backchannel.photos.describe import propose_description  # only with a photo attached

            proposal = propose_description(photo.analysis.text, photo.context)
            message = "The photo has no description: add one (say what the slide says) for followers who cannot see it."
            if proposal:
                message += f" Proposed: “{proposal}”"
            yield self.photo_tip(photo, message, PhotoFix("Describe the photo", "describe", description=proposal))


class LocationMetadata(PhotoRule):
    code = "PHO007"
    name = "location-metadata"
    level = Level.SUGGESTION
    summary = "The photo file carries the GPS position where it was taken."
    docs = Docs(
        what="When the helper sees the original file, checks its EXIF and XMP blocks for a GPS position.",
        why="Anyone who downloads the file can read where you were, to a few metres, and the camera model and time with it. X strips this on upload, but "
            "other sites and messengers may not, and the file may travel further than the post.",
        example="A photo from the phone's camera with its GPS position (51.5003°N, 0.1277°W) in its EXIF.",
        instead="Post a copy without metadata (the helper makes one), or turn off location tags in the camera app.",
        fix="Post a clean copy: EXIF, GPS, XMP and comments removed, rotation kept (GET /v1/photos/{id}/clean, or `backchannel photo --strip-metadata`).",
    )
    examples = (_example("with-gps", True), _example("slide-close-up", False))

    def check_photo(self, photo: AttachedPhoto, options: Mapping[str, Any]) -> Iterator[PhotoTip]:
        gps = photo.analysis.metadata.gps
        if gps is not None:
            yield self.photo_tip(
                photo, f"The photo file carries {gps.describe()}: post a copy without metadata.", PhotoFix("Remove the metadata", "strip_metadata")
            )
