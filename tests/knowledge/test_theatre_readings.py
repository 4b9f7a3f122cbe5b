"""generic_actors.yaml ``theatre_readings``: a generic phrase that one theatre's press uses
for one named side only ("المتمردين" in Yemen's war are the Houthis)."""

from __future__ import annotations

import pytest

from hadath.knowledge.actors import _parse_readings, load_actors


def test_reading_applies_only_in_its_theatre_and_while_the_actor_is_active():
    reg = load_actors()
    assert reg.theatre_reading("unidentified-armed-group", "المتمردين", "YE", 2015) == "houthis"
    assert reg.theatre_reading("unidentified-armed-group", "متمردين", "YE") == "houthis"
    assert reg.theatre_reading("unidentified-armed-group", "المتمردين", "SD", 2015) is None
    assert reg.theatre_reading("unidentified-armed-group", "المسلحين", "YE", 2015) is None
    assert reg.theatre_reading("unidentified-armed-group", "المتمردين", None) is None


def test_every_reading_names_a_listed_alias_and_known_ids():
    reg = load_actors()
    for (alias, iso), actor_id in reg.readings.items():
        assert actor_id in reg.actors and iso in reg.countries and alias


@pytest.mark.parametrize("row, message", [
    ({"generic": "nope", "aliases": ["المتمردين"], "theatre": "YE", "actor": "houthis"},
     "unknown generic"),
    ({"generic": "unidentified-armed-group", "aliases": ["المتمردين"], "theatre": "YE",
      "actor": "nope"}, "unknown actor"),
    ({"generic": "unidentified-armed-group", "aliases": ["الثوار الجدد"], "theatre": "YE",
      "actor": "houthis"}, "is not an alias"),
    ({"generic": "unidentified-armed-group", "aliases": ["المتمردين"], "theatre": "YE"},
     "missing keys"),
])
def test_bad_rows_fail_loudly(row, message):
    reg = load_actors()
    with pytest.raises(ValueError, match=message):
        _parse_readings([row], reg.actors, reg.generic, reg.countries)
