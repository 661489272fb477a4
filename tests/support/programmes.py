"""Generated programmes too large to commit, for tests and benchmarks."""

from __future__ import annotations

from xml.sax.saxutils import escape


def fosdem_like_xml(*, rooms: int = 35, talks_per_room_per_day: int = 13, days: int = 2) -> bytes:
    """A frab XML with ``rooms * talks_per_room_per_day * days`` events (910 by default).

    FOSDEM publishes ~900 talks in ~35 rooms over two days; a committed file
    that size would be noise, so it is generated: 25-minute talks every 30
    minutes from 09:00 Europe/Brussels, two persons, a link and an abstract
    each – about the size and shape of the real export.
    """
    parts: list[str] = [
        (
            "<?xml version='1.0' encoding='utf-8' ?>\n<schedule>\n<version>synthetic</version>\n<conference>\n"
            "<acronym>fosdem-synthetic</acronym>\n<title>FOSDEM-size synthetic</title>\n"
            "<start>2025-02-01</start>\n<end>2025-02-02</end>\n<days>2</days>\n"
            "<time_zone_name>Europe/Brussels</time_zone_name>\n</conference>\n"
        )
    ]
    event_id = 1000
    for day in range(days):
        date = f"2025-02-{day + 1:02d}"
        parts.append(
            f"<day index='{day + 1}' date='{date}' start='{date}T09:00:00+01:00' end='{date}T19:00:00+01:00'>\n"
        )
        for room in range(rooms):
            room_name = f"K.{room // 10}.{room:03d}"
            parts.append(f"<room name='{room_name}'>\n")
            for slot in range(talks_per_room_per_day):
                event_id += 1
                minutes = 9 * 60 + slot * 30
                start = f"{minutes // 60:02d}:{minutes % 60:02d}"
                title = escape(f"Talk {event_id} about free software & open hardware in {room_name}")
                parts.append(
                    f"<event id='{event_id}' guid='00000000-0000-4000-8000-{event_id:012d}'>\n"
                    f"<date>{date}T{start}:00+01:00</date>\n<start>{start}</start>\n<duration>00:25</duration>\n"
                    f"<room>{room_name}</room>\n<slug>talk_{event_id}</slug>\n<title>{title}</title>\n<subtitle/>\n"
                    f"<track>Track {room % 20}</track>\n<type>devroom</type>\n<language>en</language>\n"
                    f"<abstract>&lt;p&gt;{'An abstract sentence. ' * 12}&lt;/p&gt;</abstract>\n<description/>\n"
                    f"<persons>\n<person id='{event_id * 2}'>Speaker {event_id} A</person>\n"
                    f"<person id='{event_id * 2 + 1}'>Speaker {event_id} B</person>\n</persons>\n"
                    f"<links>\n<link href='https://example.org/{event_id}/slides.pdf'>Slides</link>\n</links>\n</event>\n"
                )
            parts.append("</room>\n")
        parts.append("</day>\n")
    parts.append("</schedule>\n")
    return "".join(parts).encode("utf-8")
