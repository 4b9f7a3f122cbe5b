"""Place recognition and choice on short reports written for the purpose (not taken from gold)."""

from __future__ import annotations

from datetime import date

from hadath.arabic.normalise import fold
from hadath.article import Article
from hadath.knowledge.gazetteer import load_gazetteer
from hadath.pipeline import DEFAULT_ORDER, Pipeline, extract_records

_NAMES = [n for n, _, _ in DEFAULT_ORDER]
_RECOGNISE = Pipeline(DEFAULT_ORDER[: _NAMES.index("recognise") + 1])


def places(text: str) -> list[str]:
    article = _RECOGNISE(Article("t", text, published=date(2024, 5, 12)))
    return [m.key for m in article.mentions if m.kind == "place"]


def extract(text: str):
    return extract_records(Article("t", text, outlet="Test Wire", published=date(2024, 5, 12)))


# --- recognise ------------------------------------------------------------------------------

def test_stop_listed_name_is_a_place_after_a_district_noun():
    assert fold("كتف") in places("قصفت الطائرات مواقع في مديرية «كتف» شمال البلاد.")
    assert places("أصيب الجندي في كتف واحدة.") == []


def test_stop_listed_name_is_not_taken_after_a_generic_noun():
    # "مركز المدينة" and "حي الروضة" name no town called المدينة or الروضة
    assert places("وقع الحادث في مركز المدينة قرب حي الروضة.") == []


def test_outlet_name_after_glued_lam_or_newspaper_is_not_a_place():
    assert places('وقالت مصادر محلية ل"الرياض" إن الاشتباكات مستمرة.') == []
    assert places("وقال في حديث لـ«الرياض» إن الوضع هادئ.") == []
    assert places("ونقلت صحيفة الرياض عن مصدر قوله إن الوضع هادئ.") == []
    assert fold("الرياض") in places("وقع انفجار في الرياض أمس.")


def _scenes(text: str) -> list[str]:
    article = _RECOGNISE(Article("t", text, published=date(2024, 5, 12)))
    return [m.text for m in article.mentions if m.kind in ("place", "country")]


def test_a_backer_named_after_an_actor_is_not_a_scene():
    assert _scenes("استهدف المتمردون المدعومون من إيران منشآت للطاقة.") == []
    assert _scenes("قصفت الفصائل الموالية لتركيا قرية تل رفعت.") == ["تل رفعت"]
    # the origin of a launch and the one who acted are not scenes either
    assert _scenes("طائرات مسيرة أطلقت من العراق باتجاه منشآت نفطية.") == []
    assert _scenes("تعرضت مقراتنا إلى هجوم من قبل إيران.") == []
    # the same names elsewhere are scenes
    assert _scenes("وصل الوفد من إيران إلى تركيا.") == ["إيران", "تركيا"]


def test_name_without_its_article_is_the_everyday_word():
    # عقبة (an obstacle, a mountain pass) is not the port العقبة
    assert fold("العقبة") not in places("دارت معارك عنيفة في عقبة جبلية وعرة.")
    assert fold("العقبة") in places("دارت معارك عنيفة قرب العقبة.")


# --- place choice ---------------------------------------------------------------------------

def test_town_beats_the_governorate_that_locates_it():
    recs = extract("اعتقلت قوات الأمن أمس قياديا في قضاء خبات بمحافظة أربيل بعد مداهمة منزله.")
    assert recs and {r["admin1"] for r in recs} == {"Erbil"}
    assert all(r["location"] != "Erbil" for r in recs), [r["location"] for r in recs]


def test_reference_town_after_a_direction_is_no_further_event():
    recs = extract("شنت طائرات التحالف أمس غارات على مواقع للحوثيين في محافظة مأرب، "
                   "إلى الشرق من صنعاء.")
    assert [r["admin1"] for r in recs] == ["Marib"]


def test_a_second_governorate_after_and_still_splits():
    recs = extract("شنت طائرات التحالف أمس غارات على مواقع للحوثيين في محافظة مأرب "
                   "ومحافظة صعدة.")
    assert {r["admin1"] for r in recs} == {"Marib", "Sadah"}


# --- gazetteer data -------------------------------------------------------------------------

def test_gazetteer_knows_conflict_places_missing_from_cities500():
    gaz = load_gazetteer()
    expected = {"يالا": "TH", "بلحاف": "YE", "قب الياس": "LB", "كابال": "PK",
                "تسخينفالي": "GE", "شمال وزيرستان": "PK", "منطقة الصدرية": "IQ",
                "عقبة ثرة": "YE", "زرعيت": "IL", "جزيرة لارك": "IR"}
    for name, iso in expected.items():
        place = gaz.resolve(fold(name))
        assert place is not None and place.iso == iso, name
    assert gaz.resolve(fold("منطقة الصدرية")).admin1 == "Baghdad"
    assert gaz.is_stop_place(fold("الصدرية"))  # "طبيب الصدرية" is a chest doctor
    assert gaz.has_name(fold("كتف")) and not gaz.has_name(fold("كتفه"))


def test_a_destination_or_a_listed_member_is_not_a_scene():
    assert _scenes("وتم إجلاء المصابين بواسطة مروحية إلى مستشفى زيف في صفد.") == []
    assert _scenes("إقليم عدن الذي يضم أربع محافظات هي عدن والضالع.") == ["عدن"]
    # the destination is dropped, not the base named after the phrase "إلى" governs
    assert _scenes("نقلوا الأسرى إلى صنعاء قبل سقوط قاعدة العند.") == ["قاعدة العند"]
    # "يضم ... في": the place where it is, not a member of a list
    assert _scenes("استهداف المقر الذي يضم مخازن للأسلحة في السليمانية.") == ["السليمانية"]
