"""Who acted and who was hit, on short reports written for the purpose (not taken from gold).

Each case is one general mechanism of hadath/stages/resolve_actors.py: role markers, the
sides of "بين X وY", a repelled attack, a post's speaker, the conventions of CODEBOOK §3.
"""

from __future__ import annotations

from datetime import date

from hadath.article import Article
from hadath.pipeline import extract_records


def only(text: str, sub: str | None = None):
    records = extract_records(Article("t", text, outlet="Test Wire", published=date(2024, 5, 12)))
    if sub is not None:
        records = [r for r in records if r["sub_event_type"] == sub]
    assert len(records) == 1, [(r["sub_event_type"], r["location"]) for r in records]
    return records[0]


def names(r):
    return (r["actor1"]["name"], (r["actor2"] or {}).get("name"))


def test_violence_against_civilians_always_has_civilians_as_actor2():
    r = only("محاولة اغتيال تطال مدرسا في مدينة بعقوبة بمحافظة ديالى.")
    assert r["actor1"]["inter"] == 3 and r["actor2"]["name"] == "Civilians (Iraq)"
    # the victim named by no civilian word is still a civilian
    r = only("اختطاف شقيق أحد النواب من منزله في حي الجامعة غربي بغداد.")
    assert r["actor2"]["inter"] == 7


def test_between_x_and_y_gives_actor1_then_actor2():
    r = only("دارت أمس اشتباكات عنيفة في مدينة تعز بين المقاومة الشعبية من جهة والحوثيين "
             "من جهة أخرى.")
    assert names(r) == ("Popular Resistance (Yemen)", "Houthi Movement (Ansar Allah)")
    r = only("اشتباكات مسلحة في قضاء الزبير بمحافظة البصرة بين قوة من الشرطة وتاجر مخدرات أمس.")
    assert names(r) == ("Police Forces of Iraq", "Unidentified Armed Group (Iraq)")


def test_subject_of_a_relative_clause_and_the_side_after_with():
    r = only("قال مصدر محلي إن المقاومة الشعبية التي تخوض معارك عنيفة مع الحوثيين في مدينة تعز "
             "تقدمت أمس.")
    assert names(r) == ("Popular Resistance (Yemen)", "Houthi Movement (Ansar Allah)")


def test_a_repelled_attack_is_the_attackers():
    r = only("صدت القوات الأمنية هجوما شنه تنظيم داعش على ناحية العلم شرقي تكريت أمس.")
    assert names(r) == ("Islamic State", "Military Forces of Iraq")


def test_territory_is_regained_by_the_state_from_the_side_named_after_min_saytara():
    r = only("تمكنت القوات الأمنية أمس من تحرير قرية البوعيثة من سيطرة تنظيم داعش جنوبي بغداد.")
    assert names(r) == ("Military Forces of Iraq", "Islamic State")


def test_those_arrested_are_the_group_they_are_said_to_belong_to():
    r = only("ألقت الشرطة القبض على خمسة أشخاص يشتبه في انتمائهم لتنظيم داعش في مدينة كركوك أمس.")
    assert names(r) == ("Police Forces of Iraq", "Islamic State")


def test_a_country_as_subject_is_its_forces_and_a_deployment_has_no_actor2():
    r = only("نشرت فرنسا أمس طائرات مقاتلة في قاعدة الأزرق الجوية شرقي الأردن.",
             "Change to group/activity")
    assert r["actor1"]["name"] == "Military Forces of France" and r["actor2"] is None


def test_protest_with_intervention_takes_the_forces_that_intervened():
    r = only("وشهدت مدينة البصرة أمس تظاهرة للمطالبة بتحسين الكهرباء، وقامت قوات الأمن بتفريق "
             "التظاهرة بالقوة.")
    assert r["sub_event_type"] == "Protest with intervention"
    assert names(r) == ("Protesters (Iraq)", "Police Forces of Iraq")


def test_unknown_drone_is_an_armed_group_unknown_air_raid_military_forces():
    r = only("سقوط طائرة مسيرة مجهولة على منزل في قضاء الطارمية شمالي بغداد.")
    assert r["actor1"]["name"] == "Unidentified Armed Group (Iraq)" and r["actor1"]["inter"] == 3
    r = only("قصف جوي مجهول يستهدف موقعا في قضاء سنجار غربي نينوى.")
    assert r["actor1"]["name"] == "Unidentified Military Forces" and r["actor1"]["inter"] == 8


def test_theatre_reading_of_a_generic_phrase():
    r = only("شنت مقاتلات التحالف غارات على مواقع للمتمردين في مديرية صرواح بمحافظة مأرب.")
    assert r["actor2"]["name"] == "Houthi Movement (Ansar Allah)"


def test_state_forces_beside_a_bomb_are_its_target():
    r = only("قتل 10 من رجال الأمن في تفجير انتحاري استهدف مقرا لقوات الطوارئ في مدينة أبها أمس.")
    assert r["actor1"]["inter"] == 3 and r["actor2"]["name"] == "Police Forces of Saudi Arabia"


def test_the_owner_of_the_weapon_struck():
    r = only("استهدفت طائرات مسيرة تابعة للجيش التركي قرية في قضاء سنجار غربي نينوى أمس.")
    assert r["actor1"]["name"] == "Military Forces of Turkey" and r["actor1"]["inter"] == 8


def test_a_headed_post_in_the_first_person_is_the_speakers_and_a_struck_country_its_forces():
    r = only("القيادة المركزية الأمريكية:\nشنت قواتنا سلسلة من الضربات على إيران.")
    assert names(r) == ("Military Forces of the United States", "Military Forces of Iran")
    assert r["actor1"]["inter"] == 8


def test_a_name_written_with_a_no_break_space_is_still_the_actor():
    r = only("لقي قيادي حوثي بارز و12 من مرافقيه مصرعهم يوم السبت على يد المقاومة\u00a0الشعبية "
             "الجنوبية في محافظة الضالع بعد اشتباكات عنيفة.")
    assert names(r) == ("Southern Resistance", "Houthi Movement (Ansar Allah)")


def test_the_subject_of_continued_is_the_author_of_the_act_it_governs():
    r = only("قالت مصادر محلية إن ميليشيات الحوثيين واصلت أمس قصفها المدفعي للأحياء السكنية "
             "في مدينة تعز.")
    assert r["actor1"]["name"] == "Houthi Movement (Ansar Allah)"


def test_shelling_of_residential_areas_targets_civilians():
    r = only("قصفت الميليشيات الحوثية أمس الأحياء السكنية في مدينة تعز.")
    assert r["actor2"]["name"] == "Civilians (Yemen)"


def test_a_raid_takes_the_air_force_named_in_the_sentence_before_it():
    filler = "".join(f"ووصل الوفد الحكومي {i} إلى مدينة دمشق أمس لبحث الأوضاع الإنسانية. "
                     for i in range(8))
    r = only(filler + "قال المرصد إن طائرات حربية تابعة للتحالف الدولي ضد داعش قصفت مواقع لجبهة "
             "النصرة في شمال سوريا. وذكر المرصد أن الغارات الجوية قصفت مواقع للجبهة قرب بلدة "
             "اعزاز أمس السبت.")
    assert r["actor1"]["name"] == "Global Coalition Against Daesh"
