"""find_dates on real phrases from the seed article, the gold files and the corpus (source
in the comment), resolved against the stated publication date; expected values worked
out by hand (weekdays from the calendar, Hijri dates from the Umm al-Qura calendar)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from hadath.arabic.normalise import fold, normalise
from hadath.recognisers.dates import DATA_DIR, find_dates

D = date.fromisoformat
SEED = "2019-03-03"  # a Sunday

# (phrase, publication date, [(date or None, precision, kind, year_only), ...])
REAL = [
    # seed/almada-2019-03-03-hit.txt
    ("أعلنت خلية الإعلام الحربي، أمس الأحد، مقتل", SEED, [("2019-03-03", 1, "weekday", None)]),
    ("وأعلن العراق، في كانون الأول 2017، تحرير", SEED, [("2017-12-15", 3, "month", None)]),
    ("عندما أعلن قيام دولة الخلافة في 2014.", SEED, [(None, 3, "year", 2014)]),
    ("معقليه الرئيسين في الموصل والرقة في عام 2017.", SEED, [(None, 3, "year", 2017)]),
    ("وقالت قوات سوريا الديمقراطية مساء الجمعة إن", SEED, [("2019-03-01", 1, "weekday", None)]),
    ("حتى بعد غروب شمس يوم السبت مع قصف", SEED, [("2019-03-02", 1, "weekday", None)]),
    ("منذ 3 أسابيع وقوات التحالف", SEED, [("2019-02-10", 2, "relative", None)]),
    ("وأعلن ترامب في كانون الأول الماضي سحب", SEED, [("2018-12-15", 3, "month", None)]),
    ("تراجع جزئيا عن ذلك الشهر الماضي، قائلا", SEED, [("2019-02-15", 3, "relative", None)]),
    ("وفي أوائل 2018 قال قائد", SEED, [(None, 3, "year", 2018)]),
    # gold/articles-dev.jsonl
    ("للأمن القومي، أول من أمس مع", "2015-08-10", [("2015-08-08", 1, "relative", None)]),
    ("أون صنداي” اليوم الأحد أن", "2015-08-09", [("2015-08-09", 1, "weekday", None)]),
    ("سبق إعلانه يوم الخميس الموافق 21 / 10 / 1436هـ ,", "2015-08-08",
     [("2015-08-06", 1, "hijri", None)]),
    ("القتال خلال اليومين الماضيين.", "2015-08-02", [("2015-08-01", 2, "relative", None)]),
    ("سارياً حتى 26 فبراير 2016.", "2015-08-07", [("2016-02-26", 1, "absolute", None)]),
    ("سيستمر حتى آذار (مارس) 2016 أي", "2015-08-06", [("2016-03-15", 3, "month", None)]),
    ("منذ انتخابات حزيران/يونيو التي", "2015-08-06", [("2015-06-15", 3, "month", None)]),
    ("لتعود في ديسمبر الماضي فتح", "2015-08-07", [("2014-12-15", 3, "month", None)]),
    ("منطقة عسير أمس.", "2015-08-07", [("2015-08-06", 1, "relative", None)]),
    ("من أفرادها هذا الأسبوع.", "2015-08-01", [("2015-08-01", 2, "relative", None)]),
    ("الرئيس السوداني قبل أكثر من عام،", "2015-08-08", [(None, 3, "year", 2014)]),
    ("للجماعة توفي منذ عامين.", "2015-08-10", [(None, 3, "year", 2013)]),
    ("في بعثات عام 1975 والجيل", "2015-08-03", [(None, 3, "year", 1975)]),
    ("في تاريخ 14 يوليو 2015م باتت", "2015-08-06", [("2015-07-14", 1, "absolute", None)]),
    ("فجيعة كبرى يوم الخميس الماضي 21 شوال 1436 هـ حيث", "2015-08-08",
     [("2015-08-06", 1, "hijri", None)]),
    ("قامت خلال الساعات الماضية بشن", "2015-08-10", [("2015-08-10", 1, "relative", None)]),
    ("في نهاية يوليو (تموز). وقبل", "2015-08-09", [("2015-07-15", 3, "month", None)]),
    ("الاركان منذ العام 2011.", "2015-08-06", [(None, 3, "year", 2011)]),
    ("شمالي أفغانستان مساء أول من أمس عندما", "2015-08-10",
     [("2015-08-08", 1, "relative", None)]),
    ("التي انهارت هذا العام بعد", "2015-08-01", [(None, 3, "year", 2015)]),
    ("مع حصيلة العام الماضي لتصبح", "2015-08-06", [(None, 3, "year", 2014)]),
    ("الحلف الأطلسي الأحد على", "2015-08-10", [("2015-08-09", 1, "weekday", None)]),
    ("علم العالم الأسبوع الماضي بوفاة", "2015-08-07", [("2015-07-31", 2, "relative", None)]),
    ("من المتظاهرين يوم الأربعاء الماضي ورفعوا", "2015-08-09",
     [("2015-08-05", 1, "weekday", None)]),
    ("بدورتها الـ23 صباح الجمعة الماضي.", "2015-08-02", [("2015-07-31", 1, "weekday", None)]),
    ("قتل في 15 مايو في", "2015-08-08", [("2015-05-15", 1, "absolute", None)]),
    ("الدرك التركية، فجر اليوم الجمعة، خمس", "2015-08-08",
     [("2015-08-07", 1, "weekday", None)]),
    ("الأمن التركية، فجر أمس الجمعة، القبض", "2015-08-08",
     [("2015-08-07", 1, "weekday", None)]),
    ("منذ أواخر مايو (أيار) الماضي. وذكرت", "2015-08-06", [("2015-05-15", 3, "month", None)]),
    ("العراق وسوريا قبل عام، ستتمكن", "2015-08-10", [(None, 3, "year", 2014)]),
    ("اشتباكات عنيفة منذ صباح أمس، في", "2015-08-02", [("2015-08-01", 1, "relative", None)]),
    ("حربًا أهلية منذ أربعة أعوام.", "2015-08-08", [(None, 3, "year", 2011)]),
    ("منصور هادي اليوم (الاثنين) اجتماعًا", "2015-08-10", [("2015-08-10", 1, "weekday", None)]),
    ("صنعاء في 21 سبتمبر 2014م،", "2015-08-06", [("2014-09-21", 1, "absolute", None)]),
    ("انضمامه في عام 1985 برئاسة", "2015-08-08", [(None, 3, "year", 1985)]),
    ("الكردية العراقية أول من أمس أرملة", "2015-08-08", [("2015-08-06", 1, "relative", None)]),
    ("الذي وقع ظهر أمس الخميس في", "2015-08-07", [("2015-08-06", 1, "weekday", None)]),
    ("هجوم دام في 20 تموز/يوليو في", "2015-08-06", [("2015-07-20", 1, "absolute", None)]),
    ("الامم المتحدة الاربعاء عن", "2015-08-06", [("2015-08-05", 1, "weekday", None)]),
    ("في كابل قبل يوم واحد.", "2015-08-10", [("2015-08-09", 1, "relative", None)]),
    ("الأميركية منذ مايو الماضي.", "2015-08-08", [("2015-05-15", 3, "month", None)]),
    ("في ثورة 30 يونيو 2013م،", "2015-08-06", [("2013-06-30", 1, "absolute", None)]),
    ("الذي وقع الأسبوع الماضي ضد", "2015-08-02", [("2015-07-26", 2, "relative", None)]),
    ("هجوماً وقع مساء السبت الأحد في", "2015-08-10",
     [("2015-08-08", 1, "weekday", None), ("2015-08-09", 1, "weekday", None)]),
    ("المقاومة، في مايو (أيار) الماضي،", "2015-08-02", [("2015-05-15", 3, "month", None)]),
    ("قصيرة أجراها أمس السبت للمدينة", "2015-08-02", [("2015-08-01", 1, "weekday", None)]),
    ("عليها التعليم عام 1416 هـ/", "2015-08-03", [(None, 3, "hijri", 1995)]),
    ("انقرة في تموز/يوليو انها", "2015-08-06", [("2015-07-15", 3, "month", None)]),
    ("الجنائية الدولية منذ عام 2007. وأعلنت", "2015-08-08", [(None, 3, "year", 2007)]),
    ("طيار شنت اليوم (الاربعاء) غارة", "2015-08-06", [("2015-08-05", 1, "weekday", None)]),
    ("بدأت في 26 مارس 2014م بإعلان", "2015-08-06", [("2014-03-26", 1, "absolute", None)]),
    ("فرض في ابريل الماضي عقوبات", "2015-08-07", [("2015-04-15", 3, "month", None)]),
    ("التي شهدتها منذ نحو أربعة أشهر بين", "2015-08-02",
     [("2015-04-15", 3, "relative", None)]),
    ("التي اشتعلت يوم الأربعاء الماضي شمال", "2015-08-02",
     [("2015-07-29", 1, "weekday", None)]),
    ("في المنطقة الليلة الماضية استهدف", "2015-08-01", [("2015-07-31", 1, "relative", None)]),
    ("شمال سوريا امس الجمعة بعد", "2015-08-01", [("2015-07-31", 1, "weekday", None)]),
    ("التي جرت في السابع من حزيران/يونيو الماضي.", "2015-08-06",
     [("2015-06-07", 1, "absolute", None)]),
    ("الجمهوري بحلول 23 آب/اغسطس، وهو", "2015-08-06", [("2015-08-23", 1, "absolute", None)]),
    # gold/upetrarch-gsr-dev.jsonl (the date is the publication date)
    ("والقنابل يوم 27 ديسمبر الماضي.", "2008-01-10", [("2007-12-27", 1, "absolute", None)]),
    ("الذي اقيل في التاسع من مارس (آذار) الماضي، أمام", "2007-04-04",
     [("2007-03-09", 1, "absolute", None)]),
    ("خطفهم في التاسع عشر من يوليو (تموز) الماضي 23،", "2007-09-04",
     [("2007-07-19", 1, "absolute", None)]),
    ("خرجوا متظاهرين في 10 كانون الأول 2006 صارخة", "2007-11-10",
     [("2006-12-10", 1, "absolute", None)]),
    ("غرب بغداد الليلة قبل الماضية وكان", "2006-12-04", [("2006-12-02", 1, "relative", None)]),
    ("خاصة اغتالت قبل ظهر امس الثلاثاء ناشطاً", "2007-04-18",
     [("2007-04-17", 1, "weekday", None)]),
    ("وقتل اول من امس 4 جنود", "2007-08-08", [("2007-08-06", 1, "relative", None)]),
    ("لهجوم في الرمادي مساء الخميس بأسلحة", "2007-02-03", [("2007-02-01", 1, "weekday", None)]),
    ("للإضراب العام يوم الأحد الماضي، خلَّفت", "2008-04-08",
     [("2008-04-06", 1, "weekday", None)]),
    ("ثغور فلسطين في 16 أيار 2011، يوم", "2008-01-01",  # after publication, as written
     [("2011-05-16", 1, "absolute", None)]),
    # gold/telegram-dev.jsonl and corpus/telegram-iraq-2026.jsonl
    ("في العراق 20-7-2026", "2026-07-20", [("2026-07-20", 1, "absolute", None)]),
    ("جنوب لبنان منذ ساعات الصباح", "2026-05-30", [("2026-05-30", 1, "relative", None)]),
    ("العثور عليها قبل ثلاثة أسابيع في", "2026-08-09", [("2026-07-19", 2, "relative", None)]),
    ("يومين، وقبل يوم واحد،", "2026-06-02", [("2026-06-01", 1, "relative", None)]),
    ("السّاعة 15:30 أمس الأحد 31-05-2026", "2026-06-01", [("2026-05-31", 1, "absolute", None)]),
    ("الزمان: يوم غداً الخميس،", "2026-07-01", [("2026-07-02", 1, "weekday", None)]),
    ("يزور العراق يوم الخميس القادم", "2026-05-18", [("2026-05-21", 1, "weekday", None)]),
    ("الإسلامية بتاريخ 02-06-2026 تجمّع", "2026-06-03", [("2026-06-02", 1, "absolute", None)]),
    ("في هجماتها الليلة الماضية على", "2026-06-08", [("2026-06-07", 1, "relative", None)]),
    ("الدوام الرسمي يوم الخميس بذكرى", "2026-07-21", [("2026-07-16", 1, "weekday", None)]),
    ("تشهدها المحافظة منذ يومين وحتى", "2026-08-02", [("2026-07-31", 1, "relative", None)]),
    ("وانسحابه في 30 أيلول المقبل.", "2026-08-22", [("2026-09-30", 1, "absolute", None)]),
    ("الدولي أواخر أيلول المقبل استحقاق", "2026-06-09", [("2026-09-15", 3, "month", None)]),
    ("اعتبارًا من 23 يوليو.", "2026-07-22", [("2026-07-23", 1, "absolute", None)]),
    ("هذا اليوم الأربعاء (١٥ صفر ١٤٤٨هـ) الموافق (٢٩ يوليو ٢٠٢٦م) بشن", "2026-07-29",
     [("2026-07-29", 1, "hijri", None), ("2026-07-29", 1, "absolute", None)]),
    ("قبل قليل بدأت", "2026-08-02", [("2026-08-02", 1, "relative", None)]),
    ("في ذلك قبل أربعة أيام،", "2026-06-02", [("2026-05-29", 1, "relative", None)]),
    # corpus/saudinewsnet-2015-08.jsonl
    ("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م", "2015-08-10",
     [("2015-08-10", 1, "hijri", None), ("2015-08-10", 1, "absolute", None)]),
    ("الدوحة في الثالث من أغسطس (آب) الحالي. وأضاف", "2015-08-09",
     [("2015-08-03", 1, "absolute", None)]),
    ("ومنذ تأسيسها في 16 رمضان عام 1395هـ (1975م) وعلى", "2015-08-03",
     [("1975-09-21", 1, "hijri", None), (None, 3, "year", 1975)]),
    ("الصادر في يوليو (تموز) 2015م. وشهدت", "2015-08-03", [("2015-07-15", 3, "month", None)]),
    ("الطائرة المفقودة منذ 8 آذار/مارس 2014.", "2015-08-06",
     [("2014-03-08", 1, "absolute", None)]),
    ("قناة السويس في 26 يوليو (تموز) 1956. وحينها", "2015-08-06",
     [("1956-07-26", 1, "absolute", None)]),
    ("الكويت في الثاني من أغسطس (آب) 1990، كانت", "2015-08-02",
     [("1990-08-02", 1, "absolute", None)]),
    ("التنفيذ 18شهرًا اعتبارًا من شهر شعبان 1434هـ.", "2015-08-10",
     [("2013-06-24", 3, "hijri", None)]),
    ("التي قضت في تاريخ 19/ 6/ 1436 وبناء", "2015-08-02", [("2015-04-08", 1, "hijri", None)]),
    ("في الفترة من 1 محرم 1435 حتى30 من ذي الحجة 1435هـ", "2015-08-07",
     [("2013-11-04", 1, "hijri", None), ("2014-10-24", 1, "hijri", None)]),
    ("خلال شهر رمضان المبارك الماضي نشاطات", "2015-08-06", [("2015-07-02", 3, "hijri", None)]),
    ("يبدأ في الـ8 من شهر ذي القعدة القادم، لجميع", "2015-08-07",
     [("2015-08-23", 1, "hijri", None)]),
    ("وجه مطلع شهر شوال الجاري الدعوة", "2015-08-09", [("2015-07-31", 3, "hijri", None)]),
    ("الخارجية العرب في 27 أغسطس الجاري، وأن", "2015-08-01",
     [("2015-08-27", 1, "absolute", None)]),
    ("بالحكم رسميًا بين 24 و26 أغسطس (آب) الحالي.", "2015-08-09",
     [("2015-08-24", 1, "absolute", None), ("2015-08-26", 1, "absolute", None)]),
    ("الخاصة بعسير مساء أمس (الاثنين) أسر", "2015-08-11", [("2015-08-10", 1, "weekday", None)]),
    ("في الفترة من 7 يوليو الماضي، وحتى الخامس من الشهر الحالي", "2015-08-08",
     [("2015-07-07", 1, "absolute", None), ("2015-08-05", 1, "relative", None)]),
    ("تنظم البلدة في 12 أغسطس (آب)، مهرجانًا", "2015-08-11",
     [("2015-08-12", 1, "absolute", None)]),
    ("أربع أمسيات، ينتهي ليلة 15 أغسطس. يحييها", "2015-08-11",
     [("2015-08-15", 1, "absolute", None)]),
]


def _expected(rows):
    return [(D(d) if d else None, p, k, y) for d, p, k, y in rows]


@pytest.mark.parametrize(("phrase", "published", "expected"), REAL, ids=[p for p, _, _ in REAL])
def test_dates_real_phrases(phrase, published, expected):
    got = find_dates(fold(phrase), D(published))
    assert [(m.date, m.precision, m.kind, m.year_only) for m in got] == _expected(expected)


def test_dates_table_is_large_enough():
    assert len(REAL) >= 70


@pytest.mark.parametrize(("text", "month"), [
    ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان 2019", 4), ("أيار", 5),
    ("حزيران", 6), ("تموز", 7), ("شهر آب", 8), ("أيلول", 9), ("تشرين الأول", 10),
    ("تشرين الثاني", 11), ("كانون الأول", 12), ("يناير", 1), ("فبراير", 2), ("مارس 2019", 3),
    ("إبريل", 4), ("أبريل", 4), ("مايو", 5), ("يونيو", 6), ("يونية", 6), ("يوليو", 7),
    ("يولية", 7), ("أغسطس", 8), ("اغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11),
    ("ديسمبر", 12), ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي 2019", 5),
    ("جوان 2019", 6), ("جويلية", 7), ("أوت 2019", 8), ("آذار/مارس", 3), ("آذار (مارس)", 3),
    ("ديسمبر كانون الأول", 12),
])
def test_dates_month_names_of_every_system(text, month):
    got = find_dates(fold(text), D("2019-12-31"))
    assert len(got) == 1 and got[0].date == date(2019, month, 15), got
    assert got[0].precision == 3 and got[0].text == fold(text)


@pytest.mark.parametrize("text", [
    "مارس عليهم العاطفة", "إب العام الماضي", "تيريزا ماي", "رمضان عبد الله", "1 - صفر",
])
def test_dates_ambiguous_month_names_need_context(text):
    assert [m for m in find_dates(fold(text), D(SEED)) if m.kind in ("month", "hijri")] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("3/3/2019", "2019-03-03"), ("2019-03-03", "2019-03-03"), ("3-3-2019", "2019-03-03"),
    ("3.3.2019", "2019-03-03"), ("15 رمضان 1440", "2019-05-20"), ("15 رمضان 1440 هـ", "2019-05-20"),
    ("3 آذار 2019", "2019-03-03"), ("الأول من آذار 2019", "2019-03-01"),
    ("الحادي والثلاثين من كانون الأول 2018", "2018-12-31"),
])
def test_dates_absolute_forms(text, expected):
    got = find_dates(fold(text), None)
    assert len(got) == 1 and got[0].date == D(expected) and got[0].precision == 1, got


@pytest.mark.parametrize("text", [
    "31 شباط 2019", "30 فبراير", "32 مايو 2019", "31/2/2019", "2019-02-30", "29 شباط 2019",
    "31 نيسان",
])
def test_dates_impossible_days_give_no_match(text):
    assert find_dates(fold(text), D(SEED)) == []


def test_dates_leap_day_exists_in_leap_years():
    assert [m.date for m in find_dates(fold("29 شباط 2020"), None)] == [D("2020-02-29")]


def test_dates_hijri_year_alone():
    (m,) = find_dates(fold("1440 هـ"), None)
    assert (m.kind, m.date, m.year_only) == ("hijri", None, 2019)


@pytest.mark.parametrize(("text", "delta"), [
    ("أمس", -1), ("البارحة", -1), ("بالأمس", -1), ("أول أمس", -2), ("أول من أمس", -2),
    ("اليوم", 0), ("صباح اليوم", 0), ("فجر اليوم", 0), ("مساء اليوم", 0), ("الليلة", 0),
    ("الليلة الماضية", -1), ("ليلة أمس", -1), ("غدا", 1), ("غداً", 1),
    ("منذ ثلاثة أيام", -3), ("قبل ثلاثة أيام", -3), ("قبل يومين", -2), ("منذ 5 أيام", -5),
])
def test_dates_relative_days(text, delta):
    published = D(SEED)
    (m,) = find_dates(fold(text), published)
    assert (m.date - published).days == delta and m.precision == 1 and m.kind == "relative"


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("الأسبوع الماضي", "2019-02-24", 2), ("منذ أسبوع", "2019-02-24", 2),
    ("خلال الأيام الماضية", "2019-02-28", 2), ("الشهر الماضي", "2019-02-15", 3),
    ("قبل أيام", "2019-02-28", 2),
])
def test_dates_relative_periods(text, expected, precision):
    (m,) = find_dates(fold(text), D(SEED))
    assert (m.date, m.precision) == (D(expected), precision)


@pytest.mark.parametrize(("weekday", "expected"), [
    ("السبت", "2019-03-02"), ("الأحد", "2019-03-03"), ("الاثنين", "2019-02-25"),
    ("الثلاثاء", "2019-02-26"), ("الأربعاء", "2019-02-27"), ("الخميس", "2019-02-28"),
    ("الجمعة", "2019-03-01"),
])
def test_dates_weekdays_resolve_on_or_before_publication(weekday, expected):
    for text in (f"يوم {weekday}", f"مساء {weekday}", f"فجر {weekday}"):
        (m,) = find_dates(fold(text), D(SEED))
        assert (m.date, m.kind, m.text) == (D(expected), "weekday", fold(text))


def test_dates_weekday_past_qualifier_skips_publication_day():
    (m,) = find_dates(fold("الأحد الماضي"), D(SEED))
    assert m.date == D("2019-02-24")


def test_dates_yesterday_and_weekday_give_one_match_and_the_weekday_wins():
    # Published on a Monday, "أمس الأحد" agrees; published on a Tuesday it disagrees.
    for published, expected in (("2019-03-04", "2019-03-03"), ("2019-03-05", "2019-03-03")):
        (m,) = find_dates(fold("أمس الأحد"), D(published))
        assert (m.date, m.kind, m.text) == (D(expected), "weekday", fold("أمس الأحد"))


def test_dates_without_publication_date_relative_expressions_are_unresolved():
    folded = fold("أمس الأحد، وفي 3 آذار، منذ ثلاثة أيام، وفي عام 2014")
    got = find_dates(folded, None)
    assert [(m.date, m.year_only) for m in got] == [(None, None)] * 3 + [(None, 2014)]


def test_dates_future_expressions_resolve_after_publication():
    for text in ("غدا", "الأحد المقبل", "الأسبوع المقبل", "الشهر المقبل"):
        (m,) = find_dates(fold(text), D(SEED))
        assert m.date > D(SEED), text


@pytest.mark.parametrize("text", [
    "اليوم الآخر", "في اليوم التالي", "في مثل هذا اليوم", "بين الاثنين", "الأحد عشر",
    "من قبل الميليشيات", "منذ سنوات", "منذ أن بدأت",
])
def test_dates_non_dates(text):
    assert find_dates(fold(text), D(SEED)) == []


def test_dates_window_and_offsets_map_back_to_original():
    original = "قُتل ثلاثة أمسِ الأحدِ، وفي ٢٧ كانون الأول ٢٠١٨ قُتل آخر"
    n = normalise(original)
    got = find_dates(n.text, D(SEED))
    assert [original[slice(*n.span_to_original(m.start, m.end))] for m in got] == [
        "أمسِ الأحد", "٢٧ كانون الأول ٢٠١٨"]
    second = find_dates(n.text, D(SEED), start=got[0].end)
    assert [m.date for m in second] == [D("2018-12-27")]
    assert find_dates(n.text, D(SEED), end=got[0].start) == []


def test_dates_lexicon_loads_lazily():
    code = ("import hadath.recognisers.dates as d; "
            "assert d.lexicon.cache_info().currsize == 0; d.find_dates('x', None); "
            "assert d.lexicon.cache_info().currsize == 1")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_dates_data_files_have_every_month_and_weekday_once():
    months = yaml.safe_load((DATA_DIR / "months.yaml").read_text(encoding="utf-8"))
    words = yaml.safe_load((DATA_DIR / "time_words.yaml").read_text(encoding="utf-8"))
    assert sorted(months["gregorian"]) == list(range(1, 13))
    assert sorted(months["hijri"]) == list(range(1, 13))
    assert sorted(words["weekdays"]) == list(range(7))
    names: dict[str, tuple[str, int]] = {}
    for number, systems in months["gregorian"].items():
        for name in {fold(n) for ns in systems.values() for n in ns}:
            assert names.setdefault(name, ("g", number)) == ("g", number), name
    for number, ns in months["hijri"].items():
        for name in {fold(n) for n in ns}:
            assert names.setdefault(name, ("h", number)) == ("h", number), name
    for name in months["ambiguous"]:
        assert fold(name) in names, name
