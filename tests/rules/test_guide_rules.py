"""The guide rules (GDE…) on real programmes and on drafts written the way people post.

The programmes are the real 31C3 (frab XML, two talks opted out of recording) and
rC3 (pretalx JSON, three talks with do_not_record) files in ../shared/data: the
tests import them into a real SQLite store and check drafts at the time of those
talks. They skip when the data is absent."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backchannel.checker import check_draft
from backchannel.coach.check import check
from backchannel.coach.programme import import_file
from backchannel.context import History, PastPost
from backchannel.rules.examples import CHECKED_AT, DO_NOT_POST_SESSION, EXAMPLE_EVENT, EXAMPLE_SESSION, POLICY_EVENT
from backchannel.rules.gde import only_a_quote
from backchannel.rules.pho import PhotoExample
from backchannel.store import Store

PROGRAMMES = {
    "31c3": ("schedules/frab-xml/31c3_schedule.xml", "31C3", "Citizenfour", 2, 138),
    "rc3": ("schedules/c3voc/pretalx-rc3.json", "rC3", "selbstmachradio", 3, 48),
}


def _codes(text: str, **kwargs: object) -> set[str]:
    return {t.code for t in check_draft(text, **kwargs).tips}  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "db.sqlite3")


@pytest.mark.parametrize("name", sorted(PROGRAMMES))
def test_gde001_the_programme_flag_survives_import_and_warns_during_that_talk(name: str, store: Store, shared_data: Path) -> None:
    path, hashtag, opted_out_title, opted_out, total = PROGRAMMES[name]
    data = (shared_data / path).read_bytes()
    store.events.create_event(name, hashtag, hashtag=hashtag)
    import_file(store, name, data, filename=path, force=True)
    sessions = store.events.list_sessions(name)
    assert len(sessions) == total
    flagged = [s for s in sessions if s.do_not_record]
    assert len(flagged) == opted_out
    talk = next(s for s in flagged if s.title == opted_out_title)
    assert talk.to_dict()["do_not_record"] is True
    during = talk.start + (talk.end - talk.start) / 2
    draft = f"Wow, {talk.title} is intense #{hashtag}"
    checked = check(store, draft, event=name, session=talk.id, at=during)
    assert "GDE001" in {t.code for t in checked.result.tips}
    # A talk that did not opt out, checked the same way, gets no such warning.
    other = next(s for s in sessions if not s.do_not_record)
    checked = check(store, draft, event=name, session=other.id, at=other.start + timedelta(minutes=5))
    assert "GDE001" not in {t.code for t in checked.result.tips}
    # A re-import keeps the flag (it is the file's) and the user's own mark (it is the user's).
    store.events.mark_do_not_post(name, other.id, "speaker asked at the start")
    import_file(store, name, data, filename=path, force=True)
    assert store.events.get_session(other.id).info().do_not_post == "speaker asked at the start"
    assert store.events.get_session(talk.id).do_not_record


def test_gde001_a_users_mark_and_an_event_policy(store: Store) -> None:
    store.events.create_event("lt13", "Learning Technologies 2013", hashtag="LT13", time_zone="Europe/London")
    start = datetime(2013, 1, 30, 10, 0, tzinfo=timezone.utc)
    session = store.events.add_session("lt13", title="Unpublished results", start=start, end=start + timedelta(hours=1))
    at = start + timedelta(minutes=10)
    draft = "70% of learning is informal, says the new study #LT13"
    assert "GDE001" not in {t.code for t in check(store, draft, event="lt13", session=session.id, at=at).result.tips}
    store.events.mark_do_not_post("lt13", session.id, "the speaker asked")
    tips = {t.code: t for t in check(store, draft, event="lt13", session=session.id, at=at).result.tips}
    assert "the speaker asked" in tips["GDE001"].message
    store.events.mark_do_not_post("lt13", session.id, None)
    store.events.set_posting_policy("lt13", "No posting of unpublished data")
    tips = {t.code: t for t in check(store, draft, event="lt13", session=session.id, at=at).result.tips}
    assert "No posting of unpublished data" in tips["GDE001"].message
    assert "GDE001" not in _codes("Great coffee here #LT13", event=POLICY_EVENT)


def test_gde002_a_photo_during_a_session_not_to_be_posted_is_an_error() -> None:
    photos = PhotoExample("x", fires=True).photos()
    result = check_draft("The results slide #LT13", event=EXAMPLE_EVENT, session=DO_NOT_POST_SESSION, photos=photos)
    errors = [t for t in result.tips if t.code == "GDE002"]
    assert errors and errors[0].level.value == "error" and result.has_error
    assert "GDE002" not in _codes("The results slide #LT13", event=EXAMPLE_EVENT, session=EXAMPLE_SESSION, photos=photos)
    assert "GDE002" not in _codes("The results slide #LT13", event=EXAMPLE_EVENT, session=DO_NOT_POST_SESSION)


def test_gde002_is_a_tip_about_each_photo_and_names_it() -> None:
    from backchannel.rules.pho import PhotoTip

    one = PhotoExample("x", fires=True).photos()
    two = tuple(replace(photo, index=i) for i, photo in enumerate(one + one))
    [tip] = [t for t in check_draft("The results slide #LT13", event=EXAMPLE_EVENT, session=DO_NOT_POST_SESSION, photos=one).tips if t.code == "GDE002"]
    assert isinstance(tip, PhotoTip) and tip.to_dict()["media"] == 0 and "remove this photo" in tip.message
    tips = [t for t in check_draft("", event=POLICY_EVENT, photos=two).tips if t.code == "GDE002"]
    assert [t.to_dict()["media"] for t in tips] == [0, 1]  # one error per photo, shown with that photo's tips
    assert "the first photo" in tips[0].message and "the second photo" in tips[1].message
    assert all(t.level.value == "error" and "No photos of slides" in t.message for t in tips)


def _posts(*texts: str) -> History:
    """The user's posts in the example session, one a minute before 10:30, the first text the newest."""
    return History(
        at=CHECKED_AT,
        recent=tuple(
            PastPost(id=i, platform="x", text=text, posted_at=CHECKED_AT - timedelta(minutes=i + 1)) for i, text in enumerate(texts)
        ),
    )


def test_gde003_only_the_third_bare_quote_in_a_row() -> None:
    quote = "“Courses are where learning goes to die” — @priyaraman #LT13A1"
    bare = ["“Learning happens between the meetings” @priyaraman #LT13", "RT @priyaraman: “nobody learns from a slide deck” #LT13"]
    assert all(only_a_quote(t) for t in [quote, *bare])
    assert not only_a_quote("“Courses are where learning goes to die” — @priyaraman. Harsh, but our LMS numbers agree #LT13")
    where = dict(event=EXAMPLE_EVENT, session=EXAMPLE_SESSION)
    assert "GDE003" in _codes(quote, history=_posts(*bare), **where)
    assert "GDE003" not in _codes(quote, history=_posts(bare[0]), **where)  # the second in a row
    assert "GDE003" not in _codes(quote, history=_posts(bare[0], "Great point on informal learning, we see it daily #LT13"), **where)
    assert "GDE003" not in _codes(quote, history=History(at=CHECKED_AT), **where)  # a single good quote


def test_gde004_offers_the_programme_link_when_the_draft_points_to_more() -> None:
    result = check_draft("Slides for this one are worth a look later #LT13", event=EXAMPLE_EVENT, session=EXAMPLE_SESSION)
    tip = next(t for t in result.tips if t.code == "GDE004")
    assert tip.fix is not None and tip.fix.result.endswith(" https://lt13.example.org/talk/a1")
    assert "GDE004" not in _codes("Slides for this one are worth a look", event=EXAMPLE_EVENT, session=replace(EXAMPLE_SESSION, url=None))


def test_gde004_offers_the_slides_link_besides_the_programme_page() -> None:
    slides = "https://lt13.example.org/talk/a1/slides.pdf"
    session = replace(EXAMPLE_SESSION, slides=slides)
    tip = next(t for t in check_draft("Slides for this one are worth a look later #LT13", event=EXAMPLE_EVENT, session=session).tips if t.code == "GDE004")
    assert tip.fix is not None and tip.fix.result.endswith(f" {slides}") and tip.fix.title == "Add the slides link"
    assert [f.result.rsplit(" ", 1)[1] for f in tip.more_fixes] == ["https://lt13.example.org/talk/a1"]
    assert [f["title"] for f in tip.to_dict()["more_fixes"]] == ["Add the programme link"]
    # A draft that speaks of details, not slides: the programme page first, the slides as the other addition.
    tip = next(t for t in check_draft("Details of the study are worth a look #LT13", event=EXAMPLE_EVENT, session=session).tips if t.code == "GDE004")
    assert tip.fix is not None and tip.fix.result.endswith(" https://lt13.example.org/talk/a1") and tip.more_fixes[0].result.endswith(slides)
    # Slides but no programme page: the slides alone; neither: no tip.
    tip = next(t for t in check_draft("Slides are up #LT13", event=EXAMPLE_EVENT, session=replace(session, url=None)).tips if t.code == "GDE004")
    assert tip.fix is not None and tip.fix.result.endswith(slides) and tip.more_fixes == () and "more_fixes" not in tip.to_dict()
    assert "GDE004" not in _codes("Slides are up #LT13", event=EXAMPLE_EVENT, session=replace(session, url=None, slides=None))


def _import_real(store: Store, shared_data: Path, slug: str, path: str) -> None:
    store.events.create_event(slug, slug.upper(), hashtag=slug.upper())
    import_file(store, slug, (shared_data / path).read_bytes(), filename=path, force=True)


def test_gde004_and_gde008_use_the_slides_31c3_lists(store: Store, shared_data: Path) -> None:
    # 31C3's frab XML has no programme page per talk (no <url>): before the links were read, GDE004 had nothing to offer there.
    path = "schedules/frab-xml/31c3_schedule.xml"
    _import_real(store, shared_data, "31c3", path)
    emv = next(s for s in store.events.list_sessions("31c3") if s.title == "Practical EMV PIN interception and fraud detection")
    slides = "http://dev.inversepath.com/download/emv/emv_2014.pdf"
    shown = emv.to_dict()
    assert shown["slides"]["url"] == slides and shown["slides"]["title"].startswith("Slides - ")
    assert [link["url"] for link in shown["links"]] == [slides] and shown["url"] is None
    checked = check(store, "Slides are online, worth a look #31C3", event="31c3", session=emv.id, at=emv.start + timedelta(minutes=20))
    tip = next(t for t in checked.result.tips if t.code == "GDE004")
    assert tip.fix is not None and tip.fix.result == f"Slides are online, worth a look #31C3 {slides}" and tip.more_fixes == ()
    from backchannel.rules.gde import closing_post

    assert closing_post(emv.info(), "x").endswith(f"— slides: {slides}")
    # A talk whose programme lists no slides (and no page): no tip, a closing post with thanks alone.
    other = next(s for s in store.events.list_sessions("31c3") if not s.links)
    assert other.to_dict()["slides"] is None and other.to_dict()["links"] == []
    checked = check(store, "Slides are online, worth a look #31C3", event="31c3", session=other.id, at=other.start + timedelta(minutes=20))
    assert "GDE004" not in {t.code for t in checked.result.tips}
    # A second import of the same file changes nothing: the links are the same.
    report = import_file(store, "31c3", (shared_data / path).read_bytes(), filename=path, force=True)
    assert (report.updated, report.unchanged) == (0, 138)
    assert store.events.get_session(emv.id).slides == emv.slides


def test_gde004_offers_camp2019s_uploaded_slides_and_its_programme_page(store: Store, shared_data: Path) -> None:
    _import_real(store, shared_data, "camp2019", "schedules/c3voc/frab-camp2019.json")
    talk = next(s for s in store.events.list_sessions("camp2019") if s.title.startswith("Hacking Containers"))
    assert talk.slides is not None and talk.slides.kind == "attachment" and talk.url
    checked = check(store, "Great demo, slides are up #CAMP2019", event="camp2019", session=talk.id, at=talk.start + timedelta(minutes=20))
    tip = next(t for t in checked.result.tips if t.code == "GDE004")
    assert tip.fix is not None and tip.fix.result.endswith(" " + talk.slides.url)
    assert [f.result for f in tip.more_fixes] == [f"Great demo, slides are up #CAMP2019 {talk.url}"]
    # The same talk's closing post links the slides rather than the programme page.
    from backchannel.rules.gde import closing_post

    assert closing_post(talk.info(), "x").endswith(f"— slides: {talk.slides.url}")


def test_an_import_replaces_a_sessions_links(store: Store) -> None:
    from backchannel.schedules import read_programme

    fixture = Path(__file__).resolve().parents[1] / "schedules" / "fixtures" / "frab-night.xml"
    data = fixture.read_text(encoding="utf-8")
    store.events.create_event("tinycc", "Tiny Chaos Congress", hashtag="tinycc")
    store.programmes.import_programme("tinycc", read_programme(data.encode(), filename="x.xml"), force=True)
    [linked] = [s for s in store.events.list_sessions("tinycc") if s.links]
    assert linked.slides is None
    twitter = "<link href='https://twitter.com/tinycc'>Twitter</link>"
    changed = data.replace(twitter, twitter + "<link href='https://speakerdeck.com/tiny/opening'>Opening</link>")
    report = store.programmes.import_programme("tinycc", read_programme(changed.encode(), filename="x.xml"), force=True)
    assert report.updated == 1
    again = store.events.get_session(linked.id)
    assert [link.url for link in again.links] == ["https://twitter.com/tinycc", "https://speakerdeck.com/tiny/opening"]
    assert again.slides is not None and again.slides.url == "https://speakerdeck.com/tiny/opening"
    store.programmes.import_programme("tinycc", read_programme(data.encode(), filename="x.xml"), force=True)
    assert store.events.get_session(linked.id).slides is None


def test_gde005_the_first_event_post_of_the_day_gets_a_heads_up_first() -> None:
    result = check_draft("Opening keynote is packed #LT13", event=EXAMPLE_EVENT, session=EXAMPLE_SESSION, history=_posts("Good morning world"))
    tip = next(t for t in result.tips if t.code == "GDE005")
    assert tip.fix is not None and tip.fix.parts == ("I'll be posting from #LT13 today — mute #LT13 if it's too much.", "Opening keynote is packed #LT13")
    assert "GDE005" not in _codes("Second keynote point #LT13", event=EXAMPLE_EVENT, history=_posts("Opening keynote is packed #lt13"))
    yesterday = History(at=CHECKED_AT, recent=(PastPost(1, "x", "Day one done #LT13", CHECKED_AT - timedelta(hours=14)),))
    assert "GDE005" in _codes("Day two #LT13", event=EXAMPLE_EVENT, history=yesterday)


def _at(local: str, zone: str) -> datetime:
    """A wall-clock time in ``zone`` as an aware UTC datetime."""
    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)


@pytest.mark.parametrize("zone", ["Europe/London", "America/Los_Angeles", "Pacific/Auckland"])
def test_gde005_the_day_starts_at_midnight_in_the_events_zone(zone: str) -> None:
    event = replace(EXAMPLE_EVENT, time_zone=zone)

    def fires(draft_at: str, *posts: tuple[str, str]) -> bool:
        at = _at(draft_at, zone)
        recent = tuple(PastPost(i, "x", text, _at(when, zone)) for i, (when, text) in enumerate(sorted(posts, reverse=True)))
        return "GDE005" in _codes("Breakfast session starts #LT13", event=event, history=History(at=at, recent=recent))

    # An event post ten minutes before local midnight: the one twenty minutes later is the first of a new day.
    assert fires("2013-01-31T00:10", ("2013-01-30T23:50", "Last drinks #LT13"))
    # One just after midnight: the next is not the first of the day.
    assert not fires("2013-01-31T00:20", ("2013-01-31T00:05", "Still here #LT13"))
    # A heads-up just before midnight was for yesterday; one after it, even without the hashtag, tells followers about today.
    assert fires("2013-01-31T00:10", ("2013-01-30T23:55", "I'll be posting from #LT13 today — mute #LT13 if it's too much."))
    assert not fires("2013-01-31T09:00", ("2013-01-31T07:00", "Live-tweeting Learning Technologies all day today, mute if needed"))
    # Early morning and late evening of the same local day: one day, however long the gap.
    assert not fires("2013-01-30T23:00", ("2013-01-30T08:00", "Opening keynote #LT13"))
    # Posts without the event's hashtag earlier today do not count as event posts.
    assert fires("2013-01-30T09:00", ("2013-01-30T08:00", "Good morning world"))


def test_gde005_on_the_day_the_clocks_go_back_the_day_is_25_hours() -> None:
    event = replace(EXAMPLE_EVENT, time_zone="Europe/London")  # 27 Oct 2013: 02:00 BST became 01:00 GMT
    at = _at("2013-10-27T23:30", "Europe/London")
    early = PastPost(1, "x", "Day two #LT13", _at("2013-10-27T00:10", "Europe/London"))  # 24 h 20 min earlier, the same local day
    assert at - early.posted_at > timedelta(hours=24)
    assert "GDE005" not in _codes("Late session #LT13", event=event, history=History(at=at, recent=(early,)))


def test_gde006_slow_down_past_the_limit_in_ten_minutes() -> None:
    five = _posts(*(f"Point {i} #LT13" for i in range(5)))
    assert "GDE006" in _codes("Point six #LT13", event=EXAMPLE_EVENT, history=five)
    assert "GDE006" not in _codes("Point five #LT13", event=EXAMPLE_EVENT, history=_posts(*(f"Point {i} #LT13" for i in range(4))))
    spread = History(at=CHECKED_AT, recent=tuple(PastPost(i, "x", "p", CHECKED_AT - timedelta(minutes=3 * i + 1)) for i in range(5)))
    assert "GDE006" not in _codes("Point six #LT13", event=EXAMPLE_EVENT, history=spread)  # 5 posts over 13 minutes


@pytest.mark.parametrize(
    ("draft", "fixed"),
    [
        ("Next up at 14:00: the panel on open data #LT13", "Next up at 14:00 GMT: the panel on open data #LT13"),
        ("Doors open at 9am, talks from 9:30 #LT13", "Doors open at 9am GMT, talks from 9:30 GMT #LT13"),
        ("Workshop starts 15.30 in room B #LT13", "Workshop starts 15.30 GMT in room B #LT13"),
    ],
)
def test_gde007_adds_the_events_zone_to_a_bare_time(draft: str, fixed: str) -> None:
    tip = next(t for t in check_draft(draft, event=EXAMPLE_EVENT, session=EXAMPLE_SESSION).tips if t.code == "GDE007")
    assert tip.fix is not None and tip.fix.result == fixed


@pytest.mark.parametrize(
    "draft",
    [
        "Next up at 14:00 CET #LT13",
        "Back at 16:30 UTC #LT13",
        "Ratio was 3:2 and v2.10 ships #LT13",
        "See slide 14:30 of the deck? no #LT13 at 10:30 London time",
    ],
)
def test_gde007_leaves_zoned_times_and_other_numbers_alone(draft: str) -> None:
    assert "GDE007" not in _codes(draft, event=EXAMPLE_EVENT, session=EXAMPLE_SESSION)


def test_gde008_the_closing_post_thanks_the_speakers_and_links_the_programme() -> None:
    from backchannel.rules.gde import closing_post

    assert closing_post(EXAMPLE_SESSION, "x") == "Thanks @priyaraman for “Learning in the flow of work” — more: https://lt13.example.org/talk/a1"
    assert closing_post(replace(EXAMPLE_SESSION, url=None, speakers=()), "x") == "Thanks for “Learning in the flow of work”!"
    from backchannel.rules.examples import example_history

    ended = example_history("ended")
    assert "GDE008" in _codes("Coffee, then the panel #LT13", event=EXAMPLE_EVENT, history=ended)
    assert ended is not None and ended.ended is not None
    linked = replace(ended, ended=replace(ended.ended, posts=(*ended.ended.posts, PastPost(9, "x", "Slides: https://example.org/deck", CHECKED_AT))))
    assert "GDE008" not in _codes("Coffee, then the panel #LT13", event=EXAMPLE_EVENT, history=linked)


def test_gde002_speaks_on_a_photo_attached_before_any_text() -> None:
    photos = PhotoExample("x", fires=True).photos()
    result = check_draft("", event=EXAMPLE_EVENT, session=DO_NOT_POST_SESSION, photos=photos)
    assert "GDE002" in {t.code for t in result.tips} and result.has_error
    assert "GDE001" not in {t.code for t in result.tips}  # an empty composer is not a post yet
    assert "GDE002" not in _codes("", event=EXAMPLE_EVENT, session=EXAMPLE_SESSION, photos=photos)
