"""A session's programme links survive reading, and the slides among them are picked by what the programme says.

The small fixtures are changed in memory for one session; the real programmes (31C3 frab XML with
134 links, camp 2019 frab JSON with relative attachments, rC3 pretalx JSON and a Sessionize export)
are read from ../shared/data and skip when it is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backchannel.schedules import read_programme
from backchannel.session_links import Link, collect, slides_link

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _titled(title: str, url: str = "https://example.org/x", **kw: Any) -> Link:
    return Link(url=url, title=title, **kw)


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ([_titled("Project site"), _titled("Talk material", "https://example.org/a", type="slides")], "https://example.org/a"),
        ([_titled("Project site"), _titled("Slides - Practical EMV", "https://example.org/emv.pdf")], "https://example.org/emv.pdf"),
        ([_titled("Slide deck online", "https://saper.info/talk/31c3")], "https://saper.info/talk/31c3"),
        ([_titled("Unsere Folien", "https://example.de/f")], "https://example.de/f"),
        ([_titled("My talk", "https://speakerdeck.com/jo/talk")], "https://speakerdeck.com/jo/talk"),
        ([_titled("Deck", "https://docs.google.com/presentation/d/1")], "https://docs.google.com/presentation/d/1"),
        ([_titled("Talk", "https://example.org/talk.key")], "https://example.org/talk.key"),
        ([_titled("Presentation", "https://example.org/usb.pdf")], "https://example.org/usb.pdf"),
        ([_titled("Kubernetes.pdf", "https://example.org/k8s.pdf", kind="attachment")], "https://example.org/k8s.pdf"),
        # A paper is not the slides, even as a PDF attachment; nor is a project's site or a video.
        ([_titled("The paper", "https://example.org/paper.pdf", kind="attachment")], None),
        ([_titled("Preprint", "https://example.org/p.pdf", type="paper", kind="attachment")], None),
        ([_titled("Mirage OS", "https://openmirage.org"), _titled("Video", "https://youtu.be/x")], None),
        ([_titled("report.pdf", "https://example.org/report.pdf")], None),  # a linked PDF, not uploaded with the talk, not called a presentation
        # Slides of another, earlier talk are not this talk's.
        ([_titled("Previous talk presentation", "https://example.org/dc22.pdf")], None),
        ([_titled("Presentation @ Republica2014", "https://youtu.be/x")], None),
        ([_titled("Folien zu bereits gehaltenen Vorträgen", "https://example.de/")], None),
        ([_titled("My PhD Defense Presentation (this is NOT going to be the talk I'm giving)", "https://www.slideshare.net/x/phd")], None),
        ([], None),
    ],
)
def test_the_slides_are_what_the_programme_says(links: list[Link], expected: str | None) -> None:
    found = slides_link(links)
    assert (found.url if found else None) == expected


def test_links_are_web_addresses_made_absolute_once_each() -> None:
    page = "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html"
    links = collect(
        [
            ("/system/event_attachments/1/Slides.pdf?1566398735", "Slides", None, "attachment"),
            ("www.mr-beam.org", "Mr Beam", None, "link"),
            ("flickr.com/derpoly", None, None, "link"),
            ("slides.pdf", "Slides", None, "attachment"),
            ("javascript:alert(1)", "x", None, "link"),
            ("mailto:jo@example.org", "Mail", None, "link"),
            ("", "Empty", None, "link"),
            ("http://www.mr-beam.org", "Again", None, "link"),
            ("https://example.org/typed", "  Typed\n link ", "Slides", "link"),
        ],
        base=page,
    )
    assert [(link.url, link.title, link.type, link.kind) for link in links] == [
        ("https://fahrplan.events.ccc.de/system/event_attachments/1/Slides.pdf?1566398735", "Slides", None, "attachment"),
        ("http://www.mr-beam.org", "Mr Beam", None, "link"),
        ("http://flickr.com/derpoly", None, None, "link"),
        ("https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/slides.pdf", "Slides", None, "attachment"),
        ("https://example.org/typed", "Typed link", "slides", "link"),
    ]
    assert len(collect([(f"https://example.org/{i}", None, None, "link") for i in range(50)])) == 20


def test_frab_xml_links_and_attachments_are_read() -> None:
    data = (FIXTURES / "frab-night.xml").read_text(encoding="utf-8")
    twitter = "<link href='https://twitter.com/tinycc'>Twitter</link>"
    [plain] = [s for s in read_programme(data.encode(), filename="frab-night.xml").sessions if s.links]
    assert [(link.url, link.title) for link in plain.links] == [("https://twitter.com/tinycc", "Twitter")] and slides_link(plain.links) is None
    head, sep, rest = data.partition(twitter)
    extra = (
        "<link href='https://example.org/d' type='slides'>Deck of the day</link></links>"
        "<attachments><attachment href='https://tiny.example.org/system/a/handout.pdf'>Handout</attachment></attachments><links>"
    )
    programme = read_programme((head + sep + extra + rest).encode(), filename="frab-night.xml")
    [session] = [s for s in programme.sessions if s.links]
    assert [(link.url, link.title, link.type, link.kind) for link in session.links] == [
        ("https://twitter.com/tinycc", "Twitter", None, "link"),
        ("https://example.org/d", "Deck of the day", "slides", "link"),
        ("https://tiny.example.org/system/a/handout.pdf", "Handout", None, "attachment"),
    ]
    assert slides_link(session.links) == session.links[1]


@pytest.mark.parametrize("name", ["frab-v1.json", "frab-v2.json"])
def test_frab_and_pretalx_json_links_attachments_and_resources_are_read(name: str) -> None:
    doc = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    schedule = doc["schedule"]
    first = schedule["events"][0] if "events" in schedule else next(e for d in schedule["conference"]["days"] for r in d["rooms"].values() for e in r)
    first["url"] = "https://tiny.example.org/events/1.html"
    first["links"] = [{"url": "https://tiny.example.org/site", "title": "Site"}]
    first["attachments"] = [{"url": "/system/att/talk.pdf?1", "title": "talk.pdf"}]
    first["resources"] = [{"resource": "https://pretalx.example.org/media/notes.txt", "description": "Notes"}]
    sessions = read_programme(json.dumps(doc).encode(), filename=name).sessions
    [session] = [s for s in sessions if s.links]
    assert [(link.url, link.kind) for link in session.links] == [
        ("https://tiny.example.org/site", "link"),
        ("https://tiny.example.org/system/att/talk.pdf?1", "attachment"),
        ("https://pretalx.example.org/media/notes.txt", "attachment"),
    ]
    assert slides_link(session.links) == session.links[1]  # the PDF uploaded with the talk


def test_sessionize_answers_that_are_web_addresses_are_links() -> None:
    doc = json.loads((FIXTURES / "sessionize-all.json").read_text(encoding="utf-8"))
    doc.setdefault("questions", []).append({"id": 990001, "question": "Slides", "questionType": "Web_address", "sort": 99})
    session = doc["sessions"][0]
    session["questionAnswers"] = [{"questionId": 990001, "answerValue": "https://speakerdeck.com/jo/talk"}, {"questionId": 990001, "answerValue": "no"}]
    sessions = read_programme(json.dumps(doc).encode(), filename="sessionize-all.json").sessions
    [found] = [s for s in sessions if s.links]
    assert [(link.url, link.title) for link in found.links] == [("https://speakerdeck.com/jo/talk", "Slides")]
    assert slides_link(found.links) == found.links[0]


# -- the real programmes -------------------------------------------------------------------------


def _read(shared_data: Path, path: str) -> Any:
    return read_programme((shared_data / "schedules" / path).read_bytes(), filename=path)


def test_31c3_keeps_all_134_links_and_finds_seven_slides(shared_data: Path) -> None:
    programme = _read(shared_data, "frab-xml/31c3_schedule.xml")
    assert sum(len(s.links) for s in programme.sessions) == 134
    assert all(link.url.startswith(("http://", "https://")) for s in programme.sessions for link in s.links)
    slides = {s.title: slides_link(s.links) for s in programme.sessions if slides_link(s.links)}
    assert len(slides) == 7
    emv = slides["Practical EMV PIN interception and fraud detection"]
    assert emv is not None and emv.url == "http://dev.inversepath.com/download/emv/emv_2014.pdf"
    # Written without the scheme in the file: kept as web addresses, not resolved against the programme.
    assert any(link.url == "http://www.mr-beam.org" for s in programme.sessions for link in s.links)
    # Titled "slides" of another talk, or a presentation at another event: not this talk's.
    titles = {link.title for link in slides.values() if link is not None}
    assert not any("Previous" in (t or "") or "Republica" in (t or "") or "PhD" in (t or "") for t in titles)


def test_camp2019_attachments_are_absolute_and_the_slides_are_picked_by_title(shared_data: Path) -> None:
    programme = _read(shared_data, "c3voc/frab-camp2019.json")
    # 12 in the file; one is frab's placeholder for a missing file (/attachments/original/missing.png), left out.
    attachments = [link for s in programme.sessions for link in s.links if link.kind == "attachment"]
    assert len(attachments) == 11 and all(link.url.startswith("https://fahrplan.events.ccc.de/system/event_attachments/") for link in attachments)
    kubernetes = next(s for s in programme.sessions if s.title.startswith("Hacking Containers"))
    picked = slides_link(kubernetes.links)
    assert picked is not None and picked.title == "Slides" and picked.url.endswith("Hacking_Containers_and_Kubernetes.pdf?1566398735")
    xr = next(s for s in programme.sessions if any("AufstandOderAussterben_Text" in (link.title or "") for link in s.links))
    picked = slides_link(xr.links)
    assert picked is not None and picked.title == "XR_CCCamp19_AufstandOderAussterben_Presentation"


def test_rc3_and_sessionize_have_no_slides(shared_data: Path) -> None:
    assert not any(s.links for s in _read(shared_data, "c3voc/pretalx-rc3.json").sessions)
    azure = _read(shared_data, "sessionize/global-azure-austria-2020_sessionize.json")
    links = [link for s in azure.sessions for link in s.links]
    assert links and {link.title for link in links} <= {"Streaming URL", "YouTube Video"}
    assert not any(slides_link(s.links) for s in azure.sessions)
