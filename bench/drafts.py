"""Fifty realistic conference drafts, written for these benchmarks.

They are what people type from a conference: quotes, handles, hashtags,
links to slides, a few over the limit, some in other languages, some emoji.
"""

from __future__ import annotations

DRAFTS: tuple[str, ...] = (
    "Most learning happens in the flow of work, not in courses. #LT13",
    "“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13 #LT13A1",
    "Great keynote this morning, really made me think about how we measure learning",
    "Slides: https://speakerdeck.com/priyaraman/learning-in-the-flow #LT13",
    "https://example.com/slides.pdf",
    "@priyaraman says 70% of learning at work comes from colleagues. Source? #LT13",
    "Packed room for the accessibility workshop. Bring a laptop with a screen reader installed #a11y #PyConUK",
    "Coffee queue longer than the keynote queue. Priorities. #PyConUK",
    "\"If your tests are slow, you will stop running them\" says @hynek #PyConUK",
    "Lightning talks now in the main hall. First up: a 5 minute intro to property-based testing with Hypothesis https://hypothesis.readthedocs.io",
    "Nice demo of structural pattern matching, but the error messages still need work #PyConUK #Python",
    "Q: how do you convince management? A: show them the incident reports. Brilliant answer from @lornajane",
    "Three takeaways from the security track: rotate your tokens, pin your dependencies, read your logs.",
    "Just realised I've been pronouncing 'asyncio' wrong for five years #PyConUK",
    "The venue wifi works! Conference miracle #31C3",
    "„Überwachung ist kein Naturgesetz“ — großartiger Vortrag im Saal 1 #31C3",
    "« La sobriété numérique commence par nos serveurs » #ParisWeb",
    "今日の基調講演はとても良かったです。学習は仕事の中で起こる。 #LT13",
    "Keynote by @jessfraz on containers, and she just live-demoed breaking out of one. Wow. #KubeCon 🚀",
    "Workshop on data visualisation: the hardest part is deciding what not to show. #OpenVis",
    "Nobody in the room has used the new API yet. Telling. #DevFest",
    "Speaker asks who has production incidents caused by timezones. Every hand goes up 🙋‍♀️🙋🙋‍♂️ #PyConUK",
    "The panel on open source funding is the most honest discussion I've heard all year. Sustainability is a people problem.",
    "Me, at every conference: I should write a blog post about this. Me, afterwards: 🙃",
    "Open spaces board is filling up fast. I'm running one on testing legacy code at 3pm in room C #PyConUK",
    "Anyone else in the data engineering track? Grab lunch? #DataConf",
    "RT-worthy: “Documentation is a love letter to your future self” — Damian Conway #YAPC",
    "New release announced on stage: 2.0 is out today with a 40% faster parser https://example.org/release-2-0",
    "Learning analytics session: more data is not more insight. Ask a question first. #LT13 #LT13B2",
    "If you missed the morning talks, videos will be up tonight on the conference channel",
    "So many good ideas in this talk on inclusive hiring I can't type fast enough #LeadDev",
    "The hallway track is the best track. Change my mind. #PyConUK",
    "Live-coding a compiler in 30 minutes. Brave. #StrangeLoop",
    "Thread on today's talks 🧵 1/",
    "Speaker: 'We deleted half our microservices and nothing broke.' Audience: nervous laughter #QConLondon",
    "Emoji test 👩🏽‍💻👨‍👩‍👧‍👦🇬🇧🇩🇪 at the i18n workshop #Unicode",
    "Lots of questions about privacy in the Q&A and not many answers. #MozFest",
    "Important point on accessibility: captions help everyone, not only deaf people. #a11y",
    "Our own talk is at 14:00 in room 2, come say hi! Slides will be at https://example.net/talk",
    "This is exactly the kind of talk I came here for. Practical, honest, with real numbers. @sarah_drasner #JSConf",
    "Wonder how many of these tools will still exist in five years.",
    "Keynote: “Software is never finished, only abandoned”. Discuss. #DevOpsDays",
    "Remote attendees: the stream for room B is down, organisers are on it #PyConUK",
    "Quick poll: tabs or spaces? (asking for the speaker)",
    "Best slide of the day: a single chart showing deploy frequency vs incident count. Correlation is not what you'd think.",
    "Great conversation with @carols10cents about Rust in production after her talk #RustConf #RustConf2026",
    "Lunch. Excellent vegan options this year, well done organisers #PyConUK #food #conference #tech #python",
    ("Long notes from the morning session. The speaker walked through three case studies, each one showing how a small team "
     "replaced a large training programme with a searchable FAQ and a rota of colleagues who answer questions. The numbers were "
     "striking: half the cost, twice the satisfaction, and new starters productive in weeks, not months. #LT13"),
    ("Thread of my notes from the security keynote, because there was a lot: supply chain attacks are now the most common entry "
     "point; most teams cannot list their dependencies; signing is necessary but not sufficient; and the fix is boring, "
     "continuous work rather than a product you buy. Slides at https://example.com/keynote-slides #SecCon"),
    "Final talk of the day and the room is still full. Says a lot about the speaker. Thank you @priyaraman! #LT13",
)

assert len(DRAFTS) == 50
