"""Tests for the event lexicons (hadath/data/*.yaml) and their loaders.

The sentence tables below are real reporting (clauses from the annotated dev files, the
unannotated corpus, and well-known newswire), cut to the clause that carries the trigger.
Matching uses the project's matcher, so these tests also pin how the lexicons behave under
folding, clitics and the optional article.
"""

from __future__ import annotations

import importlib
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from hadath.arabic.normalise import fold
from hadath.knowledge import lexicons as lx
from hadath.recognisers.matcher import Entry, Matcher, longest

SCHEMA = Path(os.environ.get("HADATH_SHARED", "/work/shared")) / "schema" / "event.schema.json"


# ----------------------------------------------------------------------------- helpers

def _trigger_matcher(with_blockers: bool = False) -> Matcher:
    entries = [(t.pattern, Entry("trigger", t.sub_event_type, t.strength))
               for t in lx.load_triggers()]
    if with_blockers:
        entries += [(b, Entry("trigger", "", "block")) for b in lx.load_trigger_blockers()]
    return Matcher(entries)


_TRIGGERS = None
_TRIGGERS_BLOCKED = None


def trigger_hits(text: str) -> list[tuple[str, str]]:
    """Every (sub-type, strength) whose pattern occurs in ``text`` (folded, whole words)."""
    global _TRIGGERS
    _TRIGGERS = _TRIGGERS or _trigger_matcher()
    return [(h.entry.key, h.entry.strength) for h in _TRIGGERS.find(fold(text))]


def strong_after_blocking(text: str) -> list[str]:
    """Strong triggers that survive leftmost-longest selection with the blockers registered."""
    global _TRIGGERS_BLOCKED
    _TRIGGERS_BLOCKED = _TRIGGERS_BLOCKED or _trigger_matcher(with_blockers=True)
    hits = longest(_TRIGGERS_BLOCKED.find(fold(text)))
    return [h.entry.key for h in hits if h.entry.key and h.entry.strength == "strong"]


def cue_hits(text: str) -> list[tuple[str, str]]:
    m = Matcher([(c.pattern, Entry("cue", c.cue_class, "strong", c.effect)) for c in lx.load_cues()])
    return [(h.entry.key, h.entry.data) for h in m.find(fold(text))]


# ----------------------------------------------------------------------------- files parse

def test_lexicons_every_file_loads():
    assert len(lx.load_taxonomy().sub_types) == 25
    assert len(lx.load_triggers()) > 1000
    assert lx.load_trigger_blockers()
    assert lx.load_cues()
    assert lx.load_casualty_words().killed
    assert len(lx.load_attribution()) >= 100
    assert lx.load_precision_cues()


def test_lexicons_load_nothing_at_import():
    module = importlib.reload(lx)
    try:
        for cached in (module.load_taxonomy, module._trigger_file, module.load_cue_classes,
                       module.load_casualty_words, module._attribution, module._precision):
            assert cached.cache_info().currsize == 0
    finally:
        importlib.reload(lx)


# ----------------------------------------------------------------------------- taxonomy

@pytest.fixture(scope="module")
def schema() -> dict:
    if not SCHEMA.exists():
        pytest.skip(f"schema not found at {SCHEMA} (set HADATH_SHARED)")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_taxonomy_strings_equal_schema_enums(schema):
    props = schema["properties"]
    tax = lx.load_taxonomy()
    assert list(tax.names) == props["sub_event_type"]["enum"]
    assert list(tax.event_types) == props["event_type"]["enum"]
    assert {s.disorder_type for s in tax.sub_types} == set(props["disorder_type"]["enum"])


def test_taxonomy_hierarchy_and_disorder_types():
    tax = lx.load_taxonomy()
    assert [s.rank for s in tax.sub_types] == list(range(1, 26))
    assert tax.rank("Government regains territory") == 1
    assert tax.rank("Other") == 25
    assert tax.rank("Armed clash") < tax.rank("Air/drone strike") < tax.rank("Arrests")
    assert tax.disorder_type_of("Excessive force against protesters") == \
        "Political violence; Demonstrations"
    assert tax.disorder_type_of("Mob violence") == "Demonstrations"
    assert tax.event_type_of("Remote explosive/landmine/IED") == "Explosions/Remote violence"
    with pytest.raises(KeyError):
        tax.get("Air strike")


# ----------------------------------------------------------------------------- trigger file

def test_triggers_every_sub_type_has_strong_and_weak_patterns():
    count = Counter((t.sub_event_type, t.strength) for t in lx.load_triggers())
    for name in lx.load_taxonomy().names:
        assert count[(name, "strong")] >= 1, name
        assert count[(name, "weak")] >= 1, name


def test_triggers_event_type_follows_taxonomy():
    tax = lx.load_taxonomy()
    for t in lx.load_triggers():
        assert t.event_type == tax.event_type_of(t.sub_event_type)
        assert t.strength in ("strong", "weak")


def test_triggers_shared_patterns_are_documented():
    owners: dict[tuple[str, str], set[str]] = {}
    for t in lx.load_triggers():
        owners.setdefault((lx._match_key(t.pattern), t.strength), set()).add(t.sub_event_type)
    shared = {k for (k, _), subs in owners.items() if len(subs) > 1}
    assert shared == set(lx.load_ambiguous_triggers())


def test_triggers_star_only_at_end_and_nothing_empty():
    for t in lx.load_triggers():
        assert "*" not in t.pattern[:-1], t.pattern
        assert fold(t.pattern).strip("* "), t.pattern


# Real sentences, a clause each: for every sub-type at least three in which a folded
# whole-word search finds one of its triggers.
SENTENCES: dict[str, list[str]] = {
    "Government regains territory": [
        "وتمكنت المقاومة الشعبية والقوات الموالية للرئيس هادي من استعادة السيطرة على مدينة زنجبار",
        "وغداة تحرير قاعدة العند الجوية الاستراتيجية في محافظة لحج",
        "وأعلنت عن تحرير محافظة الضالع بالكامل أمس",
        "قبل سقوط قاعدة العند بأيدي الجيش والمقاومة الشعبية",
        "اقتحمت القوات الأمنية منطقة البوغانم في مدينة الرمادي وفرضت سيطرتها على أجزاء واسعة منها",
    ],
    "Non-state actor overtakes territory": [
        "سيطر مسلحو تنظيم داعش على مدينة الرمادي مركز محافظة الأنبار",
        "سقطت مدينة الموصل بيد تنظيم داعش",
        "سيطرت جماعة الحوثي على العاصمة صنعاء",
        "استولى مسلحون على مقر الحكومة المحلية في البلدة",
    ],
    "Armed clash": [
        "مواجهات عنيفة دارت بين الميليشيات الحوثية والمقاومة الشعبية في وادي خير",
        "وإن قواتنا الأمنية المشتركة تخوض الآن معارك شديدة في قلب مدينة الرمادي",
        "وشهدت الأطراف الغربية لمدينة حلب اشتباكات عنيفة منذ صباح أمس",
        "تمكنت المقاومة الشعبية من قتل 4 من مسلحي الميليشيات الحوثية في كمين نصب لهم على الطريق العام",
        "اشتباكات مسلحة في أبي الخصيب بين قوة من جهاز الأمن الوطني وتاجر مخدرات",
        "وفي محافظة الضالع واصلت المقاومة الجنوبية صدها هجوما كبيرا",
    ],
    "Excessive force against protesters": [
        "إطلاق النار على المتظاهرين ضد تردي الكهرباء في قضاء قلعة صالح",
        "مقتل متظاهر برصاص قوات الأمن في الناصرية",
        "إطلاق الرصاص الحي على المتظاهرين في كربلاء",
        "سقوط قتلى في صفوف المتظاهرين في بغداد",
    ],
    "Protest with intervention": [
        "وقامت قوات الأمن بتفريق التظاهرة",
        "من 50 متظاهرا تجمعوا وسط نواكشوط قبل أن تفرقهم الشرطة",
        "استخدمت الشرطة الغاز المسيل للدموع لتفريق المحتجين",
        "وأدى إلى اعتقال العديد من المتظاهرين الغاضبين",
    ],
    "Peaceful protest": [
        "تظاهر أمس مئات الإيزيديين في محافظة أربيل",
        "وانطلق آلاف المتظاهرين في مسيرة سلمية من ساحة ثورة العشرين وسط النجف",
        "تظاهرة حاشدة للخريجين القدامى في منطقة العلاوي بالعاصمة بغداد",
        "نظموا وقفة احتجاجية أمام مبنى المحافظة",
        "ورفع المتظاهرون لافتات كتب عليها شعاراتهم",
    ],
    "Violent demonstration": [
        "وأضرم المتظاهرون النار في إطارات مطاطية",
        "كما اندلعت أعمال شغب خطيرة في الخليل وأريحا ونابلس",
        "إن مظاهرة عنيفة اندلعت في منطقة بلحاف",
        "وكما تظاهر مئات الصرب وأحرقوا الإطارات في البوسنة",
    ],
    "Mob violence": [
        "قتلت حشود غاضبة امرأة في وسط كابل",
        "أحرق مواطنون غاضبون مركزا للشرطة في القرية",
        "هاجم أهالي القرية منازل عائلات مسيحية في المنيا",
        "وسحلوا المتهم في شوارع البلدة",
    ],
    "Chemical weapon": [
        "قصف بغاز الكلور على بلدة سرمين في ريف إدلب",
        "الهجوم الكيميائي على خان شيخون",
        "مقتل المئات في هجوم بغاز السارين على الغوطة الشرقية",
        "ألقت مروحيات النظام براميل محملة بغاز الكلور على بلدة تلمنس",
    ],
    "Air/drone strike": [
        "قصفت طائرة أميركية من دون طيار هدفا لداعش في شمال سوريا",
        "كما استهدفت غارات التحالف مواقع للمتمردين بمحافظة لحج",
        "حيث نفذت الطائرات الحربية سلسلة غارات جوية على المدينة",
        "الصور تظهر جزءا من سرب المسيرات الانتحارية التي دكت الكويت قبل قليل",
        "هجوم بالطائرات المسيرة يستهدف مقرات الأحزاب الإيرانية في محافظة أربيل",
        "دبابة ميركافا تحترق بعد استهدافها بواسطة محلقة انقضاضية",
    ],
    "Suicide bomb": [
        "ونفذ انتحاري العملية الإرهابية مرتديا حزاما ناسفا",
        "إن انتحاريا يقود شاحنة مفخخة فجر نفسه وسط سوق في منطقة الصدرية",
        "مقتل شخصين وإصابة 18 آخرين في هجوم انتحاري بحزام ناسف في الموصل",
        "قتل مهاجم انتحاري 47 شخصا في هجوم على أنصار بي نظير بوتو",
    ],
    "Shelling/artillery/missile attack": [
        "تم استهداف تجمعات الحوثي وصالح بمنطقة شخب بصواريخ الكاتيوشا",
        "سقوط صاروخ مباشر على قاعدة الأسطول الخامس بمنطقة الجفير",
        "قصف صاروخي وتصاعد أعمدة الدخان في مدينة جيزان السعودية",
        "في سقوط عدد من قذائف الهاون على منطقة سكنية في ناحية المدائن",
        "هجوم صاروخي يستهدف مقرات حزب الحرية المعارض في أربيل",
    ],
    "Remote explosive/landmine/IED": [
        "قتل 20 شخصا وأصيب 60 حين انفجرت سيارة مفخخة قرب تقاطع في حي الكرادة",
        "مقتل ثلاثة أشقاء في انفجار عبوة ناسفة استهدفت حافلة مدنية",
        "انفجار لغم أرضي في بادية المثنى جنوب العراق",
        "دانت مملكة البحرين التفجير الإرهابي الذي استهدف مسجد قوات الطوارئ في عسير",
        "انفجار عبوة ناسفة لاصقة بسيارة موظف في حي الجهاد",
    ],
    "Grenade": [
        "إن هجوما بقنبلة يدوية أدى إلى قتل 4 أشخاص في بيدوة",
        "قتل سائقا شاحنات في هجوم بقنابل يدوية وبنادق قرب بيشاور",
        "هاجم مسلحو المقاومة بقنبلة يدوية تجمعا للحوثيين",
        "ألقى مجهولون قنبلة يدوية على منزل أحد المقاولين",
    ],
    "Sexual violence": [
        "ويقول إنه تعرض خلال الاستجواب للتعذيب والانتهاكات الجنسية",
        "اغتصاب النساء الإيزيديات على يد عناصر داعش",
        "بيع السبايا في أسواق الرقة",
        "العنف الجنسي ضد النساء في دارفور",
    ],
    "Attack": [
        "محاولة اغتيال تطال أستاذا جامعيا في محافظة ديالى",
        "إن مسلحين مجهولين اغتالوا الأسبوع الماضي إمام جامع العروة الوثقى",
        "أفاد مصدر طبي أنه عثر على جثة شاب مسيحي في غزة",
        "وأوضح أن عملية الإعدام تمت بإطلاق النار عليهم",
        "لقي شرطي مصرعه برصاص مسلحين استهدفوه أثناء توجهه لعمله",
    ],
    "Abduction/forced disappearance": [
        "اختطاف زوجة وشقيق زعيم الحزب من حي رابرين في السليمانية",
        "أفادت مصادر متطابقة أن مجهولين خطفوا مصورا فرنسيا في بوساسو",
        "وخطفت جبهة النصرة من جديد خمسة مقاتلين",
        "تختطف المعارض السياسي وتنقله إلى جهة غير معلومة",
    ],
    "Agreement": [
        "قبيل سريان وقف إطلاق النار",
        "أعلنت الأمم المتحدة هدنة إنسانية في اليمن",
        "توصل الطرفان إلى اتفاق وقف إطلاق النار في الزبداني",
        "صفقة تبادل الأسرى بين الحوثيين والحكومة",
    ],
    "Arrests": [
        "ألقت قوات الأمن التركية فجر أمس القبض على 17 شخصا",
        "وأنباء عن اعتقال موظفين ومهندسين من داخل البلدية",
        "أوقفت السلطات السودانية المدعو عمر عبد الخالق",
        "قوة أمنية تحاصر مبنى البلدية وتلقي القبض على ثلاثة موظفين",
    ],
    "Change to group/activity": [
        "وقد وصلت قوات من الجيش الوطني والمقاومة إلى مدينة الحبيلين",
        "عشيرة الهركي تعلن الإستنفار والتوجه نحو منزل زعيمها",
        "عن وصول أرتال عسكرية إلى مدينتي زنجبار وجعار",
        "انتشار واسع لقطعات الحشد الشعبي في محافظة النجف",
        "الحشد الشعبي يعزز انتشاره على الحدود ويدفع بتعزيزات عسكرية",
    ],
    "Disrupted weapons use": [
        "تم إطلاق صاروخ اعتراضي نحو هدف في منطقة زرعيت",
        "إبطال مفعول عبوة ناسفة في منطقة حزام بغداد",
        "بعد إحباط عملية تهريب أسلحة وصواريخ عبر الحدود العراقية",
        "ضبط كدس من الأسلحة كان مخبأ تحت الأرض",
        "اعتراض طائرة مسيرة من طراز MQ9 في سماء مضيق هرمز",
    ],
    "Headquarters or base established": [
        "أقامت القوات التركية قاعدة عسكرية جديدة في بعشيقة",
        "حول مسلحو التنظيم المستشفى إلى ثكنة عسكرية",
        "افتتاح قاعدة عسكرية تركية في الدوحة",
    ],
    "Looting/property destruction": [
        "ما تعرضوا له من قتل وتعذيب ونهب وسلب لممتلكاتهم",
        "عمليات نهب واسعة في مدينة تكريت",
        "هدم منازل الفلسطينيين في القدس",
        "تفجير منازل المعارضين في القرية",
    ],
    "Non-violent transfer of territory": [
        "انسحب مقاتلو التنظيم من البلدة دون قتال",
        "تسلمت القوات الحكومية مواقع كانت تحت سيطرة المسلحين",
        "تسليم المعبر إلى قوات حرس الحدود",
    ],
    "Other": [
        "الانفجارات في لارك ناتجة عن إطلاقات تحذيرية للحرس الثوري",
        "ما أدى بالسلطات إلى إعلان فرض حظر التجول",
        "واوضح أن عمليات تمشيط واسعة تتم الآن بحثا عن المفقودين",
        "بعد يومين من إلقاء منشورات عبر طائرات التحالف",
    ],
}


def test_sentence_table_covers_every_sub_type():
    assert set(SENTENCES) == set(lx.load_taxonomy().names)
    for name, rows in SENTENCES.items():
        assert len(rows) >= 3, name


@pytest.mark.parametrize(
    "sub_type,sentence",
    [(k, s) for k, rows in SENTENCES.items() for s in rows],
    ids=[f"{k}-{i}" for k, rows in SENTENCES.items() for i in range(len(rows))],
)
def test_triggers_find_their_sub_type_in_real_sentences(sub_type, sentence):
    assert any(k == sub_type for k, _ in trigger_hits(sentence)), trigger_hits(sentence)


@pytest.mark.parametrize("sub_type", list(SENTENCES))
def test_triggers_strong_pattern_fires_in_real_sentences(sub_type):
    strong = [s for s in SENTENCES[sub_type] if (sub_type, "strong") in trigger_hits(s)]
    assert len(strong) >= 2, sub_type


# Non-conflict text: no strong trigger may survive once the blockers take part.
NOT_EVENTS = [
    "وقال رئيس التحرير في افتتاحية العدد",
    "وسجل اللاعب هدف الفوز من ضربة جزاء في الدقيقة الأخيرة",
    "وخطف الفريق الفوز من ملعب منافسه",
    "حذر التقرير من انفجار سكاني في المدن الكبرى",
    "البطالة قنبلة موقوتة تهدد الاقتصاد",
    "تعزيز مسيرة التنمية في المملكة",
    "بشتى صوره ومظاهره وأساليبه",
    "إنشاء قاعدة بيانات للمرضى",
    "توقيع اتفاقية تعاون بين البلدين",
    "قواعد الاشتباك المعمول بها",
    "الجهود الرامية إلى تحرير التجارة",
    # routine disposal of old munitions, cessation demands, disarmament, risk, diplomacy
    "تفجير مسيطر عليه لمخلفات حربية ضمن مقتربات المطار",
    "طالبت الحركة بوقف القصف الجوي على المنطقتين",
    "الفصائل مطالبة بتسليم الصواريخ الباليستية",
    "لتجنب خطر الهجوم من قبل الحوثيين",
    "استدعت السفير لتسجيل احتجاج على التصريحات",
    "ومنع انتشار مرض الكوليرا",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_triggers_stay_silent_on_non_conflict_text(text):
    assert strong_after_blocking(text) == []


def test_longer_phrase_overrides_words_inside_it():
    # A drone called "suicide" is an air strike, a home-made bomb is not a grenade.
    assert strong_after_blocking("هجوم بالطيران المسير الانتحاري على مقر") == ["Air/drone strike"]
    assert strong_after_blocking("انفجار قنبلة يدوية الصنع في السوق") == \
        ["Remote explosive/landmine/IED"]
    assert strong_after_blocking("استخدمت الشرطة الغاز المسيل للدموع") == \
        ["Protest with intervention"]
    # a found bomb detonated by the army is still Disrupted weapons use
    assert strong_after_blocking("عثرت القوات على عبوة وتم تفجيرها بشكل مسيطر عليه") == \
        ["Disrupted weapons use"]
    assert strong_after_blocking("شنت قواتنا جولة من الضربات على مواقع العدو") == \
        ["Air/drone strike"]


# ----------------------------------------------------------------------------- cues

def test_cues_classes_and_effects():
    classes = {c.name: c for c in lx.load_cue_classes()}
    for name in ("negation", "denial", "future", "hypothetical", "threat", "history",
                 "aggregate", "accident", "opinion", "call", "condemnation", "past_perfect"):
        assert name in classes, name
        assert classes[name].why
    assert classes["condemnation"].effect == "demote"
    assert classes["denial"].effect == "cancel"
    assert classes["future"].effect == "cancel"
    assert classes["recent_span"].effect == "aggregate"
    assert classes["likewise"].effect == "likewise"
    assert {c.effect for c in lx.load_cues()} == {"cancel", "demote", "aggregate", "likewise"}


@pytest.mark.parametrize("text,cls", [
    ("نفت وزارة الدفاع وقوع اشتباكات في المنطقة", "denial"),
    ("تستعد القوات العراقية لاقتحام المدينة", "future"),
    ("من المقرر أن تنطلق العملية العسكرية الأسبوع المقبل", "future"),
    ("في حال تعرضت القوات لهجوم", "hypothetical"),
    ("توعد التنظيم بشن هجمات جديدة", "threat"),
    ("سقطت الموصل في عام 2014 بيد التنظيم", "history"),
    ("قتل أكثر من 240 ألف شخص منذ اندلاع النزاع", "aggregate"),
    ("مقتل شخصين في حادث سير على طريق بغداد", "accident"),
    ("حريق ناجم عن تماس كهربائي في سوق الشورجة", "accident"),
    ("أدان مجلس الوزراء التفجير الإرهابي", "condemnation"),
    ("وكان قد قتل ثلاثة جنود في هجوم مماثل الأسبوع الماضي", "past_perfect"),
    ("دعا الصدر أنصاره إلى التظاهر يوم الجمعة", "call"),
    ("لم تشهد المدينة أي اشتباكات", "negation"),
    ("صوت الانفجار ناتج عن تفجير ذخائر حربية غير منفجرة", "accident"),
    ("اتساع نطاق حرائق الغابات في الولاية", "accident"),
    ("رفع الحصانة عن ثلاثة نواب تمهيدا لاعتقالهم", "future"),
    ("اتفاق على إغلاق المضيق بحال استهدفت أميركا منشآت الطاقة", "hypothetical"),
    ("السفارة تصدر تحذيرا أمنيا للرعايا", "threat"),
    ("وما نشر هي من الأخبار الكاذبة", "denial"),
    ("أي صاروخ يطلق من لبنان سيقابل بهجوم على بيروت", "future"),
    ("في واحدة من أقوى المواجهات في البطولة", "sport"),
    ("بعد أيام على تحرير عدن من سيطرة الحوثيين", "reference"),
    ("وحذر من تسييس المظاهرات", "analysis"),
    ("تشتبه الشرطة بتورط اثنين في قتل شخصين", "criminal_case"),
    ("سيكون لهذه الضربات أثر عميق", "back_reference"),
    ("إذا قبل الانقلابيون بالمبادرة", "hypothetical"),
    ("لم تشهد المدينة هجمات منذ تحرير المدينة", "aggregate"),
])
def test_cues_find_their_class(text, cls):
    assert cls in [c for c, _ in cue_hits(text)], cue_hits(text)


@pytest.mark.parametrize("text", [
    "انفجرت عبوة ناسفة دون وقوع إصابات",
    "سقطت قذيفة هاون ولم يسفر ذلك عن إصابات",
    "قتل 15 شخصا في وقت سابق من أول من أمس في هجوم بشاحنة مفخخة",
    "مقتل شخص كحصيلة أولية",
    "طائرات حربية يعتقد أنها تابعة للتحالف قصفت مواقع للجبهة",
    "أصيب جندي ونقل في حالة حرجة إلى المستشفى",
])
def test_cues_do_not_cancel_real_incidents(text):
    # Casualty negation, "earlier today", a preliminary toll, "believed to be" and a
    # critical condition report an incident; none of them may cancel it.
    assert [c for c, effect in cue_hits(text) if effect == "cancel"] == []


# ----------------------------------------------------------------------------- casualties

def test_casualties_codebook_values():
    words = lx.load_casualty_words()
    vague = {fold(v.pattern): v for v in words.vague_quantities}
    assert vague[fold("عشرات")].value == 12
    assert vague[fold("مئات")].value == 100
    assert vague[fold("عدد من")].value == 3 and vague[fold("عدد من")].large_value == 10
    assert vague[fold("مجموعة")].value == 3
    assert vague[fold("عدة")].value == 3
    assert words.plural_dead_value == 3 and "قتلى" in words.plural_dead
    assert words.casualties_only_value == 0
    assert {"ضحايا", "خسائر بشرية"} <= set(words.casualties_only)


def test_casualties_word_lists():
    words = lx.load_casualty_words()
    for w in ("قتل", "مقتل", "مصرع", "لقي حتفه", "استشهاد", "أودى بحياة", "حصد أرواح"):
        assert w in words.killed, w
    for w in ("جرحى", "إصابة", "أصيب", "مصابين", "بجروح"):
        assert w in words.injured, w
    assert "مقتل وإصابة" in words.killed_or_injured
    assert "الانتحاري" in words.attacker_words
    assert "إضافة إلى الانتحاري" in words.attacker_added
    assert "دون وقوع إصابات" in words.zero_markers


# ----------------------------------------------------------------------------- attribution

def test_attribution_has_required_sources():
    names = {s.name for s in lx.load_attribution()}
    assert len(names) >= 100
    for required in ("Iraqi Security Media Cell", "War Media Cell", "Joint Operations Command (Iraq)",
                     "SDF media office", "Syrian Observatory for Human Rights", "SANA", "Reuters",
                     "AFP", "AP", "Sputnik", "Amaq News Agency", "Security source",
                     "Medical source", "Witnesses"):
        assert required in names, required


@pytest.mark.parametrize("text,name", [
    ("قال المرصد السوري لحقوق الإنسان إن طائرات حربية قصفت مواقع", "Syrian Observatory for Human Rights"),
    ("وأفادت خلية الإعلام الأمني بأن", "Iraqi Security Media Cell"),
    ("بحسب المكتب الإعلامي لقوات سوريا الديمقراطية", "SDF media office"),
    ("بحسب ما أعلن مسؤول تركي لوكالة فرانس برس", "AFP"),
    ("وقال مصدر أمني عراقي إن", "Security source"),
    ("وأكد شهود عيان لـ«الشرق الأوسط»", "Witnesses"),
    ("نقلت وكالة رويترز عن مسؤولين", "Reuters"),
])
def test_attribution_aliases_match_running_text(text, name):
    m = Matcher([(a, Entry("attribution", s.name)) for s in lx.load_attribution() for a in s.aliases])
    assert name in {h.entry.key for h in m.find(fold(text))}


# ----------------------------------------------------------------------------- precision

def test_precision_cues_codebook_levels():
    by_pattern = {fold(c.pattern): c for c in lx.load_precision_cues()}
    for w in ("قرب", "بالقرب من", "أطراف", "ضواحي", "غرب", "جنوب شرقي", "محيط", "مشارف"):
        assert by_pattern[fold(w)].geo_precision == 2, w
        assert by_pattern[fold(w)].role == "modifier", w
    for w in ("محافظة", "ريف", "بادية", "صحراء", "المنطقة الحدودية", "إقليم", "ولاية"):
        assert by_pattern[fold(w)].geo_precision == 3, w
    for w in ("مدينة", "بلدة", "قرية", "حي"):
        assert by_pattern[fold(w)].geo_precision == 1 and by_pattern[fold(w)].role == "place_noun"
    for w in ("قضاء", "ناحية", "مخيم", "معسكر", "قاعدة", "مطار", "سجن", "منطقة"):
        assert by_pattern[fold(w)].role == "place_noun", w


# ----------------------------------------------------------------------------- validation

def _minimal_triggers(**extra) -> dict:
    tax = lx.load_taxonomy()
    table = {n: {"strong": [f"كلمة{i}"], "weak": []} for i, n in enumerate(tax.names)}
    return {"version": 1, "triggers": table, **extra}


def test_parse_triggers_rejects_unknown_sub_type():
    data = _minimal_triggers()
    data["triggers"]["Air strike"] = {"strong": ["غارة جوية"]}
    with pytest.raises(ValueError, match=r"triggers\.yaml: unknown sub-type 'Air strike'"):
        lx.parse_triggers(data, lx.load_taxonomy())


def test_parse_triggers_rejects_unknown_key_and_missing_strong():
    data = _minimal_triggers()
    data["triggers"]["Grenade"] = {"strong": ["قنبلة يدوية"], "medium": ["رمانة"]}
    with pytest.raises(ValueError, match=r"Grenade: unknown key\(s\) \['medium'\]"):
        lx.parse_triggers(data, lx.load_taxonomy())
    data["triggers"]["Grenade"] = {"strong": [], "weak": ["رمانة"]}
    with pytest.raises(ValueError, match="Grenade"):
        lx.parse_triggers(data, lx.load_taxonomy())


def test_parse_triggers_rejects_undocumented_shared_pattern():
    data = _minimal_triggers()
    data["triggers"]["Grenade"]["strong"].append("قصف")
    data["triggers"]["Other"]["strong"].append("القصف")
    with pytest.raises(ValueError, match="'القصف' is strong under both 'Grenade' and 'Other'"):
        lx.parse_triggers(data, lx.load_taxonomy())
    data["ambiguous"] = {"قصف": "documented"}
    assert lx.parse_triggers(data, lx.load_taxonomy()).ambiguous


def test_parse_triggers_rejects_inner_star_and_duplicates():
    data = _minimal_triggers()
    data["triggers"]["Grenade"]["strong"].append("قن*بلة")
    with pytest.raises(ValueError, match=r"'\*' is allowed only at the end"):
        lx.parse_triggers(data, lx.load_taxonomy())
    data = _minimal_triggers()
    data["triggers"]["Grenade"]["strong"] += ["قنبلة يدوية", "قنبله يدويه"]
    with pytest.raises(ValueError, match="repeats"):
        lx.parse_triggers(data, lx.load_taxonomy())


def test_parse_cues_rejects_bad_effect():
    data = {"version": 1, "classes": {"rumour": {"effect": "ignore", "why": "x", "patterns": ["يقال"]}}}
    with pytest.raises(ValueError, match=r"cues\.yaml: class 'rumour': effect 'ignore'"):
        lx.parse_cues(data)


def test_parse_taxonomy_rejects_out_of_order_ranks():
    data = {"version": 1, "taxonomy": [{"event_type": "Battles", "sub_event_types": [
        {"name": "Armed clash", "disorder_type": "Political violence", "rank": 2}]}]}
    with pytest.raises(ValueError, match="ranks must be"):
        lx.parse_taxonomy(data)


def test_parse_attribution_rejects_alias_of_two_sources():
    data = {"version": 1, "sources": [
        {"name": "Reuters", "aliases": ["رويترز"]},
        {"name": "Reuters Arabic", "aliases": ["رويترز"]},
    ]}
    with pytest.raises(ValueError, match="alias 'رويترز' of 'Reuters Arabic' already names 'Reuters'"):
        lx.parse_attribution(data)


def test_parse_precision_rejects_precision_out_of_range():
    data = {"version": 1, "classes": {"near": {"role": "modifier", "geo_precision": 4,
                                               "why": "x", "patterns": ["قرب"]}}}
    with pytest.raises(ValueError, match=r"precision\.yaml: class 'near'"):
        lx.parse_precision(data)


# ----------------------------------------------------------------------------- first names

def test_first_names_leave_out_the_preposition_ala():
    # على folds to علي: were the name listed, every place after "على" would be read as a
    # surname ("غارات على بغداد").
    from hadath.knowledge.bundle import load_first_names
    names = load_first_names()
    assert fold("على") not in names
    assert fold("عدنان") in names and fold("محمد") in names


# ----------------------------------------------------------------------------- clauses

def test_clause_markers_parse_and_fold():
    markers = lx.load_clause_markers()
    assert "،" in markers.separators and "و" in markers.conjunctions
    assert ("في", "حين") in markers.openers  # folded words of a two-word opener
    assert ("الا", "ان") in markers.openers  # hamza folded away


def test_clause_markers_reject_a_multi_letter_conjunction():
    with pytest.raises(ValueError, match="single letters"):
        lx.parse_clauses({"version": 1, "separators": ["،"], "conjunctions": ["ثم"],
                          "openers": ["كما"]})


def test_vague_triggers_are_triggers_and_flagged():
    assert lx.is_vague_trigger("الهجوم") and not lx.is_vague_trigger("اشتباكات")
    data = lx._read(lx.TRIGGERS_FILE)
    data["vague"] = [*data["vague"], "كلمة عادية"]
    with pytest.raises(ValueError, match="'vague' lists pattern"):
        lx.parse_triggers(data, lx.load_taxonomy())


def test_licences_name_real_triggers_and_reject_bad_entries():
    lic = lx.licence_of("نشر")
    assert lic is not None and lic.after == 5 and "قوات" in lic.needs
    assert lx.licence_of("اشتباكات") is None
    data = lx._read(lx.TRIGGERS_FILE)
    data["licences"] = {"x": {"triggers": ["ليست كلمة"], "needs": ["قوات"]}}
    with pytest.raises(ValueError, match="not a trigger pattern"):
        lx.parse_triggers(data, lx.load_taxonomy())
    data["licences"] = {"x": {"triggers": ["نشر"], "needs": ["قوات"], "after": 2, "before": 2}}
    with pytest.raises(ValueError, match="not both"):
        lx.parse_triggers(data, lx.load_taxonomy())


def test_blast_triggers_are_triggers_and_flagged():
    assert lx.is_blast_trigger("انفجار") and not lx.is_blast_trigger("عبوة ناسفة")
    with pytest.raises(ValueError, match="'blasts' lists"):
        lx.parse_triggers({**lx._read(lx.TRIGGERS_FILE), "blasts": ["ليس كلمة"]},
                          lx.load_taxonomy())
