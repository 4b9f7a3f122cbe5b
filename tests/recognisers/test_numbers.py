"""find_numbers on real phrases, each copied from the seed article, the gold files or the
corpus (source in the comment), with the expected values worked out by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hadath.arabic.normalise import fold, normalise
from hadath.recognisers.numbers import DATA_FILE, find_numbers, number_at

# (phrase, [(value, approx, vague), ...] in order of appearance)
REAL = [
    # seed/almada-2019-03-03-hit.txt
    ("مقتل عدد من عناصر تنظيم داعش", [(3, False, True)]),
    ("أسفرت عن قتل مجموعة من عصابات داعش", [(3, False, True)]),
    ("وإن سبعة من مقاتلي القوات أصيبوا", [(7, False, False)]),
    ("إن هناك عدة مئات من المقاتلين", [(300, False, True)]),
    ("ولواشنطن نحو 2000 جندي في سوريا", [(2000, True, False)]),
    ("قائلا إن نحو 400 جندي سيبقون", [(400, True, False)]),
    ("غادر نحو 40 ألفا من مختلف الجنسيات", [(40000, True, False)]),
    ("وقد أهلكت الحرب الألوف من مسلحي التنظيم", [(1000, False, True)]),
    ("تقهقر آلاف من مقاتليه", [(1000, False, True)]),
    ("خرج الآلاف من أتباع ومقاتلي داعش", [(1000, False, True)]),
    ("منذ 3 أسابيع وقوات التحالف", [(3, False, False)]),
    ("وخلال الشهور الثلاثة الماضية", [(3, False, False)]),
    ("في مجموعة صغيرة من القرى", [(3, False, True)]),
    ("ومجموعات كبيرة من الدواعش", [(10, False, True)]),
    # gold/articles-dev.jsonl
    ("عن مقتل أربعة آلاف شخص،", [(4000, False, False)]),
    ("السعر منذ نحو ٨ سنوات", [(8, True, False)]),
    ("استريوا إن اثنين من", [(2, False, False)]),
    ("الحزب ونحو ثلاثين متمردة", [(30, True, False)]),
    ("قتيلا و3329 جريحا،", [(3329, False, False)]),
    ("شخصا وإصابة مئات آخرين", [(100, False, True)]),
    ("أرباحا تجاوزت ٦ مليارات ريال", [(6_000_000_000, False, False)]),
    ("التبرع بألف كرفان", [(1000, False, False)]),
    ("انسداد في عدة أماكن", [(3, False, True)]),
    ("تظاهر أمس مئات الإيزيديين", [(100, False, True)]),
    ("عسكري يضم ثماني سيارات", [(8, False, False)]),
    ("خلال مكافحة الآلاف منهم", [(1000, False, True)]),
    ("ولا يزال حوالى 13 الف جندي", [(13000, True, False)]),
    ("جنيف لأيام عدة،", [(3, False, True)]),
    ("عاما، انتهك اثنتين من", [(2, False, False)]),
    ("في إصابة العشرات من", [(12, False, True)]),
    ("اليوم الجمعة، خمس عمليات", [(5, False, False)]),
    ("اليمن أي 21 مليون شخص،", [(21_000_000, False, False)]),
    ("الفرنسية «وصول ست طائرات", [(6, False, False)]),
    ("أخرى لقى 3 أشخاص", [(3, False, False)]),
    ("العشرات وإصابة المئات،", [(12, False, True), (100, False, True)]),
    ("جميع المهاجمين الأربعة قتلوا", [(4, False, False)]),
    ("شخصًا، ضمنهم 12 من رجال الأمن", [(12, False, False)]),
    ("أمس، بحق عشرة أشخاص", [(10, False, False)]),
    ("تلك المواجهات، ثمانية من", [(8, False, False)]),
    ("قتلاها يتجاوز 100 إرهابي", [(100, False, False)]),
    ("أن يحضرها آلاف الأشخاص،", [(1000, False, True)]),
    ("شخص وأصيب ثمانية قرب", [(8, False, False)]),
    ("بدورتها الـ23 صباح", [(23, False, False)]),
    ("عبر الشهور السبعة المقبلة،", [(7, False, False)]),
    ("مدنيين وأصيب 42 آخرون،", [(42, False, False)]),
    ("عن مقتل أكثر من 260 مسلحا", [(260, True, False)]),
    ("المرصد بمقتل تسعة من", [(9, False, False)]),
    ("كما قتل 15 شخصا", [(15, False, False)]),
    ("تركيا) وأوقع 32 قتيلاً", [(32, False, False)]),
    ("استشهاد (15) خمسة عشر وإصابة", [(15, False, False), (15, False, False)]),
    ("قتل 25 مقاتلاً من المعارضة السورية على الأقل", [(25, True, False)]),
    ("بلغت أكثر من 60 قتيلا و110 جرحى،", [(60, True, False), (110, False, False)]),
    ("مصرعهم وأصيب ستة آخرون بمدينة", [(6, False, False)]),
    ("قتل ثلاثة مسلحون أكراد وجرح سبعة أشخاص", [(3, False, False), (7, False, False)]),
    ("ونتج عنه استشهاد عشرة من منسوبي", [(10, False, False)]),
    ("وأعقبه بإعدام ثمانية رجال", [(8, False, False)]),
    ("وكان يتحدث في أعقاب مقتل ستة أشخاص", [(6, False, False)]),
    ("أنهم بايعوا «داعش» وأكدت مقتل عدد من الشهداء", [(3, False, True)]),
    # gold/telegram-dev.jsonl and corpus/telegram-iraq-2026.jsonl
    ("سنوات بحق ثلاثة مدانين", [(3, False, False)]),
    ("نحو 180 نائب", [(180, True, False)]),
    ("على فقدان أربعة مليون برميل", [(4_000_000, False, False)]),
    ("صفد حيث أصيب 137 ضابطا", [(137, False, False)]),
    ("تبلغ قيمتها 10 مليارات دولار", [(10_000_000_000, False, False)]),
    ("واستقبلنا 63 مصابا.", [(63, False, False)]),
    ("عن إصابة اثنين من", [(2, False, False)]),
    ("الكلام قبل بضعة أيام", [(3, False, True)]),
    ("إيران بعدد من الصواريخ", [(3, False, True)]),
    ("بالإضافة لمقتل 5 جنود", [(5, False, False)]),
    ("العراقي لتحميل 2 مليون برميل", [(2_000_000, False, False)]),
    ("على مدى ٢٤ ساعة", [(24, False, False)]),
    ("المملكة المتحدة 90.5 مليار دولار،", [(90_500_000_000, False, False)]),
    ("باليستية وأكثر من عشرات الطائرات", [(12, True, True)]),
    ("مقتل ثلاثة نساء", [(3, False, False)]),
    ("إصابة 17 ضابط و جندي إسرائيليين", [(17, False, False)]),
    ("تسفر عن إصابة 3 منتسبين", [(3, False, False)]),
    ("يدفع له 20٪. ألم", []),
    ("طائرات F-16 ضربتين", []),
    # corpus/saudinewsnet-2015-08.jsonl
    ("وقتل ما لا يقل عن 17 عنصرا", [(17, True, False)]),
    ("وغرق نحو 900 شخص.", [(900, True, False)]),
    ("أودى بحياة أكثر من 200 شخص", [(200, True, False)]),
    ("أكثر من 163 ألفا أجلوا", [(163_000, True, False)]),
    ("تتجاوز مليونا ومائتي ألف ريال،", [(1_200_000, False, False)]),
    ("بثلاثة آلاف وثمانمائة شخص منذ", [(3800, False, False)]),
    ("يستوعب مليونا وأربعمائة ألف حاج،", [(1_400_000, False, False)]),
    ("أن نحو مائة ألف يمني", [(100_000, True, False)]),
    ("أمس نحو مائتي شخص أمام", [(200, True, False)]),
    ("مدنيين وإصابة اثنين وعشرين بجروح.", [(22, False, False)]),
    ("يستمر لمدة خمسة وأربعين يوما", [(45, False, False)]),
    ("المستدامة وفيها سبعة عشر هدفاً", [(17, False, False)]),
    ("كتابا ضم إحدى عشرة قصة", [(11, False, False)]),
    ("سوق الأسهم، وأحد عشر فرعا", [(11, False, False)]),
    ("التي تجاوزت الخمس عشرة أمسية", [(15, False, False)]),
    ("وأن قرابة ألفين لفظوا", [(2000, True, False)]),
    ("مقابل ثلاثة ملايين ريال.", [(3_000_000, False, False)]),
    ("حيث يتدفق عشرات الالاف من", [(12_000, False, True)]),
    ("المدن، وتشريد مئات الآلاف من", [(100_000, False, True)]),
    ("تظاهر نحو مائة طالب أمام", [(100, True, False)]),
    ("أكثر من مئتي ألف شخص", [(200_000, True, False)]),
    ("منازلهم بمليون وثلاثمائة ألف شخص.", [(1_300_000, False, False)]),
    ("1,059,593,121 (مليار وتسعة وخمسين مليون وخمسمائة وثلاثة وتسعين ألف ومائة وواحد "
     "وعشرين ريال)", [(1_059_593_121, False, False), (1_059_593_121, False, False)]),
    # an ordinal day and a year after a month name are not quantities
    ("وفي السادس والعشرين من يوليو 1956 قال", []),
    ("في القرن التاسع عشر", []),
    ("ونسبة 6.6 في المئة", []),
    ("منذ عام 2004 وحتى 2014 ، بالإضافة", []),
    ("سيستمر حتى آذار (مارس) 2016 أي", []),
    ("ارتفع إلى 1916 قتيلا،", [(1916, False, False)]),  # a year-like count stays a count
    ("سُجل في عام 2014 مقتل 2000 شخص، وإصابة 5000 آخرين",
     [(2000, False, False), (5000, False, False)]),
]


@pytest.mark.parametrize(("phrase", "expected"), REAL, ids=[p for p, _ in REAL])
def test_numbers_real_phrases(phrase, expected):
    got = find_numbers(fold(phrase))
    assert [(m.value, m.approx, m.vague) for m in got] == expected


def test_numbers_table_is_large_enough():
    assert len(REAL) >= 70


def _one(text: str):
    folded = fold(text)
    got = find_numbers(folded)
    assert len(got) == 1, got
    return folded, got[0]


@pytest.mark.parametrize(("text", "shown"), [
    ("وثلاثة", "ثلاثه"),        # conjunction clitic left out of the span
    ("بخمسة", "خمسه"),
    ("لعشرة", "عشره"),
    ("للعشرات", "لعشرات"),      # ل + ال: the span keeps ال's trace
    ("والعشرات", "العشرات"),
    ("لنحو 30", "نحو 30"),      # approximation phrase inside the span, its clitic not
])
def test_numbers_span_text(text, shown):
    folded, m = _one(text)
    assert m.text == shown == folded[m.start:m.end]


@pytest.mark.parametrize(("text", "value"), [
    ("واحد", 1), ("اثنان", 2), ("اثنتين", 2), ("ثلاث", 3), ("عشر", 10), ("أحد عشر", 11),
    ("اثنا عشر", 12), ("اثني عشر", 12), ("اثنتا عشرة", 12), ("تسعة عشر", 19),
    ("عشرون", 20), ("تسعين", 90), ("ثلاثة وعشرين", 23), ("خمسة وعشرون", 25),
    ("مئة", 100), ("مائة", 100), ("مئتان", 200), ("مئتين", 200), ("مئتي", 200),
    ("ثلاثمئة", 300), ("ثلاثمائة", 300), ("ثلاث مئة", 300), ("تسعمائة وتسعة وتسعون", 999),
    ("ألف", 1000), ("ألفان", 2000), ("ألفين", 2000), ("ثلاثة آلاف", 3000),
    ("عشرة آلاف", 10_000), ("2 مليون", 2_000_000), ("1.5 مليون", 1_500_000),
    ("1,500", 1500), ("1.500", 1500), ("١٬٥٠٠", 1500), ("٧", 7), ("۷", 7),
    ("مليون وثلاثمئة ألف", 1_300_000), ("ألف وخمسمئة", 1500),
])
def test_numbers_forms(text, value):
    _, m = _one(text)
    assert (m.value, m.vague) == (value, False)


@pytest.mark.parametrize(("text", "value"), [
    ("عدد من", 3), ("مجموعة من", 3), ("عدة", 3), ("بعض", 3), ("عشرات", 12), ("العشرات", 12),
    ("مئات", 100), ("آلاف", 1000), ("عشرات الآلاف", 12_000), ("مئات الآلاف", 100_000),
    ("بضعة آلاف", 3000), ("عدد كبير من", 10),
])
def test_numbers_vague(text, value):
    _, m = _one(text)
    assert (m.value, m.vague, m.approx) == (value, True, False)


@pytest.mark.parametrize("text", [
    "نحو 10", "قرابة 10", "حوالي 10", "زهاء 10", "ما يقارب 10", "أكثر من 10", "أزيد من 10",
    "ما لا يقل عن 10", "أقل من 10", "على الأقل 10", "10 أشخاص على الأقل", "قرابة الـ10",
])
def test_numbers_approximations(text):
    _, m = _one(text)
    assert (m.value, m.approx) == (10, True)


@pytest.mark.parametrize("text", [
    "في عام 2014", "2015م", "1436هـ", "3/3/2019", "2019-03-03", "12:30", "50%", "50 في المئة",
    "96.75", "لست أدري", "بعده", "الاثنين", "الحادي عشر", "mq9", "2ر1",
    "1" * 40, "0770123456",
])
def test_numbers_not_quantities(text):
    assert find_numbers(fold(text)) == []


def test_numbers_window_bounds_and_offsets():
    folded = fold("قتل 5 وأصيب 7")
    first, second = find_numbers(folded)
    assert (first.value, second.value) == (5, 7)
    assert [m.value for m in find_numbers(folded, start=first.end)] == [7]
    assert [m.value for m in find_numbers(folded, end=first.end)] == [5]


def test_numbers_offsets_map_back_to_original():
    original = "قُتِلَ ثَلاثةُ أشخاصٍ وأصيب ١٥"
    n = normalise(original)
    got = find_numbers(n.text)
    spans = [original[slice(*n.span_to_original(m.start, m.end))] for m in got]
    # a span ends at its last kept letter: the final damma is outside it
    assert spans == ["ثَلاثة", "١٥"]


def test_number_at_reads_only_at_the_position():
    folded = fold("منذ ثلاثة أيام وقتل 5")
    m = number_at(folded, len("منذ"))
    assert m is not None and m.value == 3
    assert number_at(folded, 0) is None


def test_numbers_lexicon_loads_lazily():
    code = ("import hadath.recognisers.numbers as n; "
            "assert n.lexicon.cache_info().currsize == 0; n.find_numbers('x'); "
            "assert n.lexicon.cache_info().currsize == 1")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_numbers_yaml_has_no_fold_duplicates():
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    lists = [v for v in raw["units"].values()] + [raw["ten"]] + list(raw["tens"].values())
    lists += list(raw["hundreds"].values()) + list(raw["teen_heads"].values())
    lists += [forms[k] for forms in raw["scales"].values() for k in ("one", "two", "plural")]
    lists += [raw["approx_before"], raw["approx_after"], raw["not_numbers"]]
    for words in lists:
        folded = [fold(w) for w in words]
        assert len(folded) == len(set(folded)), words
