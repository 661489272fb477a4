"""A FOSDEM-size frab XML (~900 talks, 35 rooms) reads completely and cleanly.

How fast it reads is measured by `make bench`, not asserted here.
"""

from __future__ import annotations

from backchannel.schedules import read_programme


def test_fosdem_size_xml_reads_completely(fosdem_xml: bytes) -> None:
    programme = read_programme(fosdem_xml)
    assert (len(programme.sessions), len(programme.rooms)) == (910, 35)
    assert len({s.key for s in programme.sessions}) == 910
    assert programme.warnings == []
