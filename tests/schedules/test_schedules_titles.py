"""Speakers that only appear inside titles (PyCon UK-style ICS, pretalx ICS, keynote prefixes).

The titles are invented, in the shapes those programmes use."""

from __future__ import annotations

import pytest

from backchannel.schedules.titles import plausible_name, split_title


@pytest.mark.parametrize(
    ("title", "clean", "names", "kind"),
    [
        ("Garbage Collectors Explained (talk by Mina Okafor)", "Garbage Collectors Explained", ["Mina Okafor"], "talk"),
        ("Parsing with Style (talk by Quill)", "Parsing with Style", ["Quill"], "talk"),
        (
            "Games on Small Screens (talk by Ada Byte & Linus Loop)",
            "Games on Small Screens",
            ["Ada Byte", "Linus Loop"],
            "talk",
        ),
        (
            "Reactors in Python (talk by Omar Haddad and Lea Novak)",
            "Reactors in Python",
            ["Omar Haddad", "Lea Novak"],
            "talk",
        ),
        (
            "Growing a research community (talk by Ines Duarte, University of Somewhere)",
            "Growing a research community",
            ["Ines Duarte"],
            "talk",
        ),
        ("Async Workshop Part 1 (workshop by Tomas Berg)", "Async Workshop Part 1", ["Tomas Berg"], "workshop"),
        (
            "Fewer bugs, less work (talk by Ruth M. McAllister)",
            "Fewer bugs, less work",
            ["Ruth M. McAllister"],
            "talk",
        ),
        (
            "Inside the JIT (talk by José Núñez Ibáñez)",
            "Inside the JIT",
            ["José Núñez Ibáñez"],
            "talk",
        ),
        ("Keynote: Sam Porter, Foundation Chair", "Keynote: Sam Porter, Foundation Chair", ["Sam Porter"], "keynote"),
        (
            "Keynote: Maya Lindqvist - Notes From the Field",
            "Keynote: Maya Lindqvist - Notes From the Field",
            ["Maya Lindqvist"],
            "keynote",
        ),
        (
            "Keynote: Dr Ana Costa Mapping the ocean floor: lessons from the deep",
            "Keynote: Dr Ana Costa Mapping the ocean floor: lessons from the deep",
            ["Dr Ana Costa"],
            "keynote",
        ),
        ("Building Communities - Jane Doe", "Building Communities", ["Jane Doe"], None),
        ("Rust in the Kernel by Miguel Ojeda", "Rust in the Kernel", ["Miguel Ojeda"], None),
    ],
)
def test_names_found(title: str, clean: str, names: list[str], kind: str | None) -> None:
    split = split_title(title)
    assert (split.title, split.names, split.kind) == (clean, names, kind)


@pytest.mark.parametrize(
    "title",
    [
        "Quokka - Declarative HTTP Fixtures",  # acronym: a topic, not a name
        "Caching - Past, Present and Future",
        "Here be Monsters - Writing Safe C Extensions",
        "Doors open / Coffee",
        "Python 3 - Lessons Learned",
        "Discussion: Papers to practice (panel by Discussion: From papers to practice)",
        "Lightning Talks - Day 1",
    ],
)
def test_titles_without_names(title: str) -> None:
    assert split_title(title).names == []


def test_pretalx_suffix_takes_any_names() -> None:
    split = split_title("Hacking the night - alice, Bob Example", speaker_suffix=True)
    assert split.title == "Hacking the night"
    assert split.names == ["alice", "Bob Example"]


def test_plausible_name() -> None:
    assert plausible_name("Marieke van Dijk")
    assert plausible_name("Anna Smith-Jones")
    assert not plausible_name("University of Somewhere")
    assert not plausible_name("Jane")  # one word needs an explicit "by"
    assert plausible_name("Jane", min_words=1)
