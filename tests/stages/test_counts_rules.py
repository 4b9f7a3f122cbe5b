"""Fatality and injury counting (CODEBOOK §6, §10) on short reports written for the purpose."""

from __future__ import annotations

from datetime import date

from hadath.article import Article
from hadath.pipeline import extract_records


def extract(text: str, published: date = date(2024, 5, 12)):
    return extract_records(Article("t", text, outlet="Test Wire", published=published))


def tolls(text: str) -> list[tuple[str, int, int | None]]:
    return sorted((r["sub_event_type"], r["fatalities"], r["injuries"]) for r in extract(text))


def fatalities(text: str) -> set[int]:
    records = extract(text)
    assert records, text
    return {r["fatalities"] for r in records}


def test_dual_noun_counts_two():
    assert fatalities("قتل شخصان وأصيب خمسة آخرون، أمس السبت، بانفجار عبوة ناسفة في قضاء "
                      "أبو غريب غربي بغداد.") == {2}


def test_dual_noun_before_dual_verb_counts_two():
    assert fatalities("قال مصدر أمني إن جنديين قتلا، أمس السبت، بانفجار عبوة ناسفة استهدفت "
                      "دورية للجيش العراقي في قضاء الطارمية.") == {2}


def test_dual_verb_alone_counts_two():
    assert fatalities("لقيا حتفهما، أمس السبت، بانفجار عبوة ناسفة استهدفت سيارتهما في قضاء "
                      "الطارمية شمالي بغداد.") == {2}


def test_plural_dead_without_figure_count_three():
    assert fatalities("قال مصدر أمني إن عناصر من الشرطة قتلوا، أمس السبت، بانفجار عبوة ناسفة "
                      "في قضاء الطارمية شمالي بغداد.") == {3}


def test_one_figure_for_dead_and_wounded_counts_three_dead():
    assert fatalities("سقط قتلى وجرحى، أمس السبت، بانفجار عبوة ناسفة في سوق شعبي بقضاء "
                      "الطارمية شمالي بغداد.") == {3}


def test_figures_for_both_sides_add_up():
    assert fatalities("دارت أمس السبت اشتباكات عنيفة في مدينة تعز، خسرت فيها القوات الحكومية "
                      "ثمانية من عناصرها فيما قتل 42 من المسلحين الحوثيين.") == {50}


def test_subcount_after_among_them_is_not_added():
    assert fatalities("قتل عشرة أشخاص بينهم ثلاثة أطفال، أمس السبت، بانفجار سيارة مفخخة في "
                      "سوق شعبي بمدينة الصدر شرقي بغداد.") == {10}


def test_attackers_are_not_counted_unless_the_article_adds_them():
    assert fatalities("هاجم مسلحون، أمس السبت، نقطة تفتيش للجيش في قضاء الطارمية شمالي بغداد "
                      "ما أسفر عن مقتل 12 جنديا، فيما قتل المهاجمون الأربعة برصاص الحراس.") == {12}
    assert fatalities("فجر انتحاري حزاما ناسفا، أمس السبت، في سوق شعبي بمدينة الصدر شرقي "
                      "بغداد ما أسفر عن مقتل 15 شخصا إضافة إلى الانتحاري.") == {16}


def test_casualties_alone_are_zero():
    assert fatalities("انفجرت عبوة ناسفة، أمس السبت، في سوق شعبي بقضاء الطارمية شمالي بغداد "
                      "دون وقوع ضحايا.") == {0}


def test_toll_over_two_days_is_split_evenly():
    # one event per day (resolve), the later day taking the odd one
    records = extract("تواصلت الاشتباكات العنيفة أمس السبت لليوم الثاني على التوالي في مدينة "
                      "تعز، وأسفرت عن مقتل 31 من المسلحين الحوثيين.")
    assert sorted(r["fatalities"] for r in records) == [15, 16]


def test_protest_over_a_death_has_no_fatalities():
    records = extract("تظاهر العشرات أمس السبت أمام مبنى محافظة البصرة احتجاجا على مقتل "
                      "صياد عراقي.")
    assert records and all(r["fatalities"] == 0 for r in records)


def test_martyr_in_a_place_name_is_not_a_death():
    assert fatalities("انفجرت عبوة ناسفة، أمس السبت، قرب مدرسة الشهيد أحمد في قضاء الطارمية "
                      "شمالي بغداد.") == {0}


def test_toll_belongs_to_the_nearest_event_of_the_sentence():
    got = tolls("قتلت القوات الحكومية 4 من المسلحين في كمين قرب مدينة تعز أمس السبت، وفي "
                "المخا قصفت طائرات التحالف معسكرا للحوثيين.")
    assert ("Air/drone strike", 0, None) in got
    assert any(f == 4 for _, f, _ in got)


def test_execution_counts_its_victims():
    assert fatalities("أعدم تنظيم داعش، أمس السبت، عشرة أشخاص رميا بالرصاص في مدينة "
                      "الموصل.") == {10}
