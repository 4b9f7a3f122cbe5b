"""data/sides.yaml: every id is a known actor, camps of one theatre never overlap."""

from hadath.knowledge.actors import load_actors
from hadath.knowledge.bundle import load_sides


def test_sides_name_known_actors_in_disjoint_camps():
    actors = load_actors().actors
    sides = load_sides()
    assert sides
    for iso, camps in sides.items():
        assert len(iso) == 2 and iso.isupper()
        seen: set[str] = set()
        for camp in camps:
            assert camp, iso
            unknown = camp - set(actors)
            assert not unknown, f"{iso}: unknown actor ids {sorted(unknown)}"
            assert not camp & seen, f"{iso}: {sorted(camp & seen)} in two camps"
            seen |= camp


def test_allies_make_an_associate_not_an_opponent():
    from datetime import date

    from hadath.article import Article
    from hadath.pipeline import extract_records

    text = ("تمكنت المقاومة الشعبية والقوات الموالية للرئيس هادي، أمس، من استعادة السيطرة على "
            "مدينة زنجبار بعد معارك مع ميليشيات الحوثي.")
    [r] = extract_records(Article("t", text, published=date(2015, 8, 1)))
    names = {r["actor1"]["name"], *(a["name"] for a in r["assoc_actor_1"])}
    assert "Popular Resistance (Yemen)" in names
    assert r["actor2"] is None or r["actor2"]["name"].startswith("Houthi")
