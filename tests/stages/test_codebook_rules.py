"""Codebook rules on short reports written for the purpose (not taken from gold)."""

from __future__ import annotations

from datetime import date

import pytest

from hadath.article import Article
from hadath.pipeline import extract_records


def extract(text: str, published: date = date(2024, 5, 12), outlet: str = "Test Wire"):
    return extract_records(Article("t", text, outlet=outlet, published=published))


def only(records):
    assert len(records) == 1, [(r["sub_event_type"], r["location"]) for r in records]
    return records[0]


def test_yesterday_and_weekday_resolve_against_publication():
    # published Sunday 12 May 2024; "أمس السبت" is Saturday the 11th
    r = only(extract("قتل جنديان وأصيب ثلاثة آخرون، أمس السبت، بانفجار عبوة ناسفة استهدفت "
                     "دورية للجيش العراقي في قضاء الطارمية شمالي بغداد."))
    assert (r["event_date"], r["time_precision"]) == ("2024-05-11", 1)
    assert r["sub_event_type"] == "Remote explosive/landmine/IED"


def test_undated_report_takes_publication_date_at_week_precision():
    r = only(extract("انفجار عبوة ناسفة على دورية للجيش العراقي في قضاء الطارمية شمالي بغداد."))
    assert (r["event_date"], r["time_precision"]) == ("2024-05-12", 2)


def test_unnamed_bomber_is_unidentified_armed_group_and_soldiers_are_the_target():
    r = only(extract("قال مصدر أمني، اليوم الأحد، إن ثلاثة جنود قتلوا بانفجار عبوة ناسفة "
                     "استهدفت دورية للجيش العراقي في قضاء الطارمية."))
    assert r["actor1"]["name"] == "Unidentified Armed Group (Iraq)" and r["actor1"]["inter"] == 3
    assert r["actor2"]["inter"] == 1
    assert r["fatalities"] == 3


def test_spelled_out_toll_and_injuries():
    r = only(extract("قتل سبعة مدنيين وأصيب اثنا عشر آخرون، اليوم، بقصف مدفعي استهدف "
                     "سوقا شعبيا في مدينة تعز."))
    assert r["sub_event_type"] == "Shelling/artillery/missile attack"
    assert r["fatalities"] == 7 and r["injuries"] == 12
    assert r["iso"] == "YE"


def test_dozens_killed_counts_twelve():
    r = only(extract("مقتل العشرات من مسلحي تنظيم داعش بغارات جوية للتحالف الدولي على مواقعهم "
                     "قرب مدينة القائم غربي الأنبار، أمس السبت."))
    assert r["fatalities"] == 12
    assert r["actor1"]["name"] == "Global Coalition Against Daesh"


def test_denial_cancels_the_event():
    assert extract("نفت قيادة العمليات المشتركة، اليوم، وقوع أي هجوم على قاعدة عين الأسد "
                   "في محافظة الأنبار.") == []


def test_future_plan_is_not_an_event():
    assert extract("تستعد القوات العراقية لشن هجوم واسع على مواقع داعش في جزيرة الحضر "
                   "جنوب الموصل خلال الأيام المقبلة.") == []


def test_history_is_not_an_event():
    assert extract("وكان تنظيم داعش قد سيطر على مدينة الموصل في حزيران عام 2014 قبل أن "
                   "تستعيدها القوات العراقية في تموز 2017.") == []


def test_protest_is_coded_with_generic_protesters_of_the_country():
    r = only(extract("تظاهر مئات من أهالي محافظة البصرة، أمس السبت، أمام مبنى ديوان المحافظة "
                     "احتجاجا على انقطاع الكهرباء."))
    assert r["event_type"] == "Protests" and r["sub_event_type"] == "Peaceful protest"
    assert r["actor1"]["name"] == "Protesters (Iraq)" and r["actor1"]["inter"] == 6
    assert r["geo_precision"] == 3  # "محافظة البصرة": the governorate


def test_near_a_town_is_precision_two():
    r = only(extract("قصفت طائرات التحالف الدولي، أمس السبت، وكرا لتنظيم داعش قرب هيت."))
    assert r["location"] == "Hit" and r["geo_precision"] == 2
    assert r["actor1"]["inter"] == 8  # coalition forces abroad


def test_foreign_state_forces_are_external():
    r = only(extract("قصفت المدفعية التركية، اليوم الأحد، قرى في ناحية سيدكان التابعة لقضاء "
                     "سوران في محافظة أربيل."))
    assert r["actor1"]["name"] == "Military Forces of Turkey"
    assert r["actor1"]["inter"] == 8


def test_title_lead_and_body_are_one_event():
    text = ("قتل ثلاثة جنود بانفجار عبوة ناسفة في الطارمية.\n"
            "وقال مصدر أمني، اليوم، إن عبوة ناسفة انفجرت على دورية للجيش العراقي في قضاء "
            "الطارمية شمالي بغداد ما أسفر عن مقتل ثلاثة جنود.")
    r = only(extract(text))
    assert len(r["evidence"]) == 2


def test_arrest_by_counter_terrorism_service():
    r = only(extract("أعلن جهاز مكافحة الإرهاب، اليوم، اعتقال قيادي في تنظيم داعش في قضاء "
                     "الحويجة جنوب غربي كركوك."))
    assert r["sub_event_type"] == "Arrests"
    assert r["actor1"]["inter"] == 1 and r["actor2"]["name"] == "Islamic State"


@pytest.mark.parametrize("text", [
    "فاز فريق الزوراء على الشرطة بهدفين في الدوري العراقي أمس.",
    "ارتفعت أسعار النفط اليوم بعد قرار أوبك خفض الإنتاج.",
])
def test_non_conflict_news_gives_nothing(text):
    assert extract(text) == []


def test_evidence_offsets_survive_diacritics_and_tatweel():
    text = "قُتِلَ ثلاثةُ جنودٍ بانفجـــار عبوةٍ ناسفةٍ في قضاء الطارمية اليوم."
    r = only(extract(text))
    for span in r["evidence"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_long_article_reference_to_an_earlier_attack_is_not_coded():
    filler = [f"وقال المحلل في تصريح لوكالة رويترز إن الوضع السياسي في البلاد يحتاج إلى حوار رقم {i}."
              for i in range(9)]
    reference = ("وتبدل الموقف التركي بعد الهجوم الانتحاري الذي وقع في مدينة سروج جنوبي تركيا "
                 "وأوقع عشرات القتلى.")
    assert extract(" ".join(filler[:4] + [reference] + filler[4:])) == []


def test_acts_summed_over_recent_days_are_not_one_event():
    # "the coalition carried out dozens of strikes in Iraq and Syria over the past few days"
    assert extract("وشنت طائرات التحالف الدولي عشرات الغارات الجوية على مواقع تنظيم داعش في "
                   "العراق وسوريا خلال الأيام القليلة الماضية.") == []


def test_a_day_of_its_own_keeps_an_event_beside_a_span():
    # the span qualifies the campaign; the strike on Saturday is reported for its own day
    r = only(extract("وشنت طائرات التحالف الدولي، أمس السبت، غارة جوية على مواقع تنظيم داعش "
                     "قرب مدينة القائم، ضمن حملة مستمرة خلال الأيام الماضية."))
    assert r["sub_event_type"] == "Air/drone strike" and r["event_date"] == "2024-05-11"


def test_two_incidents_joined_by_a_comma_are_two_events_each_at_its_place():
    # an ambush near Taiz, then ", and in Mocha coalition aircraft struck ..." (§1: one event
    # per incident); each clause names its own place
    records = extract("وفي مدينة مقبنة غرب تعز، تمكنت المقاومة الشعبية من قتل 4 من مسلحي الحوثي "
                      "في كمين نصب لهم أمس السبت، وفي مدينة المخا قصفت طائرات التحالف "
                      "معسكرا للحوثيين.")
    by_type = {r["sub_event_type"]: r for r in records}
    assert set(by_type) == {"Armed clash", "Air/drone strike"}, by_type
    assert by_type["Air/drone strike"]["location"] == "Mocha"
    assert "المخا" in by_type["Air/drone strike"]["evidence"][0]["text"]
    assert "كمين" not in by_type["Air/drone strike"]["evidence"][0]["text"]


def test_a_clause_without_its_own_place_does_not_split_the_sentence():
    r = only(extract("انفجرت عبوة ناسفة على دورية للجيش العراقي في قضاء الطارمية، وأعقب ذلك "
                     "اشتباك مسلح مع مجهولين."))
    assert r["iso"] == "IQ"


def test_a_fronted_place_set_off_by_a_comma_is_the_scene():
    # "in front of the Kuwaiti consulate in Basra, protesters ... threaten Kuwait"
    r = only(extract("من أمام القنصلية الكويتية في البصرة، المتظاهرون الغاضبون يرفعون "
                     "لافتات تندد بالكويت."))
    assert r["location"] == "Basrah" and r["iso"] == "IQ"


def test_where_a_source_sits_is_not_the_scene():
    r = only(extract("وقالت مصادر محلية في محافظة أبين، إن طيران التحالف شن غارات على "
                     "مواقع للحوثيين في مديرية لودر."))
    assert r["location"] == "Lawdar"


def test_an_old_year_in_a_later_clause_does_not_make_the_report_background():
    # "thousands of protesters hold a sit-in in Basra, and demand the governor resign, who
    # came to office in 2019" - the year dates the relative clause, not the sit-in
    r = only(extract("ويعتصم آلاف المتظاهرين أمام مبنى المحافظة في البصرة، ويطالبون باستقالة "
                     "المحافظ، الذي تولى منصبه عام 2019، ولجأ إلى بغداد."))
    assert r["event_type"] == "Protests" and r["location"] == "Basrah"


def test_a_fronted_old_date_still_makes_the_report_background():
    assert extract("في عام 2014، اقتحم مسلحو تنظيم داعش مدينة الموصل، وقتلوا العشرات من "
                   "المدنيين في حي الزهور.") == []


def test_an_operation_to_liberate_a_town_is_a_plan_not_a_liberation():
    assert extract("وقالت المصادر إن قوات الجيش بدأت الاستعداد لعملية عسكرية واسعة لتحرير "
                   "مدينة الرمادي من تنظيم داعش.") == []


def test_strikes_since_then_are_a_campaign_not_one_event():
    assert extract("وشنت الطائرات التركية منذ ذلك الحين سلسلة من الغارات الجوية على مواقع حزب "
                   "العمال الكردستاني في شمال العراق.") == []


def test_a_cue_word_inside_an_actors_name_cancels_nothing():
    # "لتحرير" in the name of the SPLM-N is no purpose clause
    r = only(extract("وقتل ثلاثة جنود أمس السبت في هجوم شنه مقاتلو الحركة الشعبية لتحرير "
                     "السودان على موقع للجيش قرب مدينة كادقلي."))
    assert r["iso"] == "SD"


def test_fighting_on_the_second_day_running_is_one_event_per_day_with_the_toll_split():
    records = extract("وفي محافظة الضالع، تواصلت أمس السبت لليوم الثاني على التوالي اشتباكات "
                      "عنيفة بين المقاومة الشعبية ومسلحي الحوثي، أسفرت عن مقتل 51 مسلحا.")
    days = sorted((r["event_date"], r["fatalities"]) for r in records)
    assert days == [("2024-05-10", 25), ("2024-05-11", 26)]
    assert {r["sub_event_type"] for r in records} == {"Armed clash"}


def test_a_span_with_no_exact_day_stays_one_event():
    r = only(extract("تواصلت لليوم الثاني على التوالي اشتباكات عنيفة بين المقاومة الشعبية "
                     "ومسلحي الحوثي في محافظة الضالع."))
    assert r["time_precision"] == 2


def test_a_span_carries_over_its_conjunctions_but_not_over_a_statement_of_its_own():
    # "the same period saw 100 vehicles burnt, and 11 terrorists killed in clashes": a tally
    assert extract("وشهدت نفس الفترة في ولاية شرناك، إحراق أكثر من 100 عربة، ومقتل 11 مسلحا "
                   "خلال اشتباكات مع قوات الأمن التركية.") == []
    # "... received support recently, while coalition aircraft carried out raids": a report
    r = only(extract("وقالت المصادر إن اللواء تلقى، في الآونة الأخيرة، دعما عسكريا كبيرا، في حين "
                     "نفذت طائرات التحالف غارات مكثفة على مواقع الحوثيين في مدينة زنجبار."))
    assert r["sub_event_type"] == "Air/drone strike" and r["location"] == "Zinjibar"


def test_a_cue_in_another_clause_does_not_cancel():
    # the plan ("مرتقب") is in the first clause; the raids after "في حين" happened
    r = only(extract("وتستعد قوات الجيش لهجوم مرتقب على مواقع الحوثيين، في حين نفذت طائرات "
                     "التحالف أمس السبت غارات على مدينة زنجبار."))
    assert r["sub_event_type"] == "Air/drone strike"


COMMENTARY = ("إن الإرهاب لا دين له، وإن هذه الأفعال لن تنال من وحدة الوطن. "
              "وإن المجتمع كله يقف صفا واحدا خلف قيادته. "
              "وإن العلماء يحذرون من الفكر المنحرف منذ سنوات. "
              "وإن الشباب أمانة في أعناق الآباء والمعلمين. "
              "وإن على الجميع أن يتحملوا مسؤولياتهم. "
              "وإن الوطن سيبقى عصيا على الأعداء. ")


def test_commentary_that_places_an_incident_and_gives_its_toll_reports_it():
    r = only(extract(COMMENTARY + "واستنكر الكاتب حادثة التفجير الذي استهدف مسجدا في مدينة أبها، "
                     "ونتج عنه استشهاد عشرة من المصلين."))
    assert r["event_type"] == "Explosions/Remote violence" and r["fatalities"] == 10


def test_commentary_that_only_names_a_bombing_does_not_code_it():
    assert extract(COMMENTARY + "واستنكر الكاتب حادثة التفجير الإرهابي في مدينة أبها.") == []


def test_an_arrest_for_corruption_or_a_crime_is_not_coded():
    assert extract("ألقت قوات الأمن القبض على مسؤول في بلدية البصرة بتهم فساد، أمس السبت.") == []
    assert extract("وتمكنت سلطات الأمن من القبض على الجناة في مدينة الموصل، أمس السبت.") == []


def test_a_court_sentence_is_not_an_arrest():
    assert extract("أصدرت المحكمة الجنائية في بغداد، أمس السبت، حكما بالسجن عشر سنوات على "
                   "متهم منذ تاريخ توقيفه.") == []


def test_an_arrest_of_an_armed_groups_members_stays_coded_whatever_the_charge():
    r = only(extract("ألقت قوات الأمن العراقية، أمس السبت، القبض على ثلاثة عناصر من تنظيم داعش "
                     "متورطين في تهريب المخدرات في قضاء الطارمية."))
    assert r["sub_event_type"] == "Arrests"


def test_local_news_with_a_place_and_a_day_but_no_violence_reports_nothing():
    # football: "the round ends today with three encounters (مواجهات) in Riyadh"
    assert extract("وتستكمل المرحلة اليوم بثلاث مواجهات في مدينة الرياض، حيث يلتقي الهلال "
                   "والنصر.") == []
    # trade inspectors seize (ضبط) goods in Jeddah today
    assert extract("ضبط مفتشو وزارة التجارة في مدينة جدة اليوم الأحد كميات من البضائع "
                   "المغشوشة.") == []


def test_a_weak_word_with_a_place_and_a_day_stands_where_the_article_reports_violence():
    records = extract("قتل ثلاثة جنود في انفجار عبوة ناسفة قرب الرمادي أمس السبت. "
                      "وتستمر المواجهات في مدينة الفلوجة اليوم.")
    assert {(r["sub_event_type"], r["location"]) for r in records} == {
        ("Remote explosive/landmine/IED", "Ramadi"), ("Armed clash", "Fallujah")}


def test_the_attack_told_again_keeps_the_kind_of_the_bombing_it_refers_to():
    # a car bomb, then "five people were killed in the attack (الهجوم)": one event, a bombing
    r = only(extract("انفجرت سيارة مفخخة أمس السبت قرب مدخل مطار بغداد الدولي. وقال مصدر في "
                     "الشرطة إن خمسة أشخاص قتلوا في الهجوم قرب مطار بغداد."))
    assert r["event_type"] == "Explosions/Remote violence"
    assert r["sub_event_type"] == "Remote explosive/landmine/IED"


def test_drones_flying_over_a_province_attacked_nothing():
    assert extract("تحليق طائرات مسيرة مجهولة في سماء محافظة ذي قار جنوب العراق، اليوم.") == []


def test_a_first_toll_is_a_report_not_a_tally():
    r = only(extract("شهيدان كحصيلة أولية جراء قصف أمريكي على منفذ الشلامجة الحدودي في البصرة "
                     "اليوم."))
    assert r["event_type"] == "Explosions/Remote violence" and r["fatalities"] == 2


def test_a_search_to_arrest_people_is_not_an_arrest():
    assert extract("قوات الأمن تبدأ البحث عن أفراد العصابة لاعتقالهم في قضاء خبات بمحافظة أربيل.") \
        == []


def test_a_manhunt_and_a_rescue_flight_are_not_attacks():
    assert extract("مروحيات الجيش تبحث عن منفذي الهجوم شمال مدينة الموصل اليوم.") == []
    assert extract("مروحيات إنقاذ تجلي جنودا مصابين من قضاء سنجار اليوم.") == []


def test_illegal_entry_arrests_are_crime():
    assert extract("الاستخبارات العراقية تلقي القبض على 23 أجنبيا حاولوا الدخول بصورة غير "
                   "قانونية إلى محافظة البصرة.") == []


def test_a_trial_a_storm_and_a_sermon_are_not_events():
    assert extract("بدأت دائرة الجنايات في المحكمة الكلية بالكويت أمس جلسة محاكمة المتهمين "
                   "في تفجير المسجد.") == []
    assert extract("قتل 14 شخصا على الأقل جراء إعصار اجتاح الساحل الشرقي للصين أمس.") == []
    assert extract("وقال الخطيب إن الفئة الضالة لا فرق بين من فجر نفسه ومن جهزه في مدينة "
                   "أبها.") == []


def test_daily_raids_are_a_campaign_and_a_near_liberation_a_forecast():
    assert extract("وينفذ الطيران التركي يوميا غارات مكثفة على مواقع المتمردين في جنوب شرق "
                   "تركيا.") == []
    assert extract("وقال إن تحرير مدينة تعز أصبح قاب قوسين أو أدنى.") == []


def test_words_with_a_common_sense_need_their_licence():
    # "نشر" = published, "الأهالي" = residents, "ضبط" = inspectors seized violations
    assert extract("نشر موقع إخباري فيديو مصورا عن مدينة الرمادي اليوم الأحد.") == []
    assert extract("أهالي قضاء الطارمية يشكون اليوم من انقطاع الكهرباء.") == []
    assert extract("ضبط مفتشو العمل في مدينة البصرة اليوم عددا من المخالفات.") == []
    # with the licence the same words report events
    r = only(extract("نشر الجيش العراقي اليوم الأحد قوات إضافية في مدينة الرمادي."))
    assert r["sub_event_type"] == "Change to group/activity"
    r = only(extract("ضبطت القوات الأمنية اليوم الأحد أسلحة وذخائر في قضاء الطارمية."))
    assert r["sub_event_type"] == "Disrupted weapons use"


def test_a_storming_with_air_support_is_one_battle():
    r = only(extract("اقتحمت قوات الجيش العراقي أمس السبت بدعم من طيران التحالف الدولي مدينة "
                     "الرمادي بعد معارك مع تنظيم داعش."))
    assert r["event_type"] == "Battles"


def test_a_fire_or_explosions_at_a_site_are_an_incident_without_a_named_attacker():
    r = only(extract("اشتعال النيران في مقرات الأحزاب المعارضة بمحافظة السليمانية."))
    assert r["event_type"] == "Explosions/Remote violence"
    assert r["actor1"]["name"].startswith("Unidentified Armed Group")
    # the same words in a street are no incident
    assert extract("اشتعال النيران في سيارة بشارع في محافظة السليمانية.") == []


def test_a_gathering_of_soldiers_is_a_target_not_a_protest():
    records = extract("استهداف تجمع لجنود جيش الاحتلال على أطراف بلدة زوطر الشرقية بقذائف "
                      "المدفعية اليوم.")
    assert records and all(r["event_type"] != "Protests" for r in records)


def test_a_vague_attack_word_takes_the_weapon_named_beside_it():
    for text in ("تعرضت قاعدة عسكرية في مدينة الرمادي فجر اليوم لهجوم بثلاث مسيرات.",
                 "تعرضت قاعدة عسكرية في مدينة الرمادي فجر اليوم لهجوم بطائرتين مسيرتين."):
        assert only(extract(text))["sub_event_type"] == "Air/drone strike"
    r = only(extract("انفجارات في سماء مدينة الرمادي فجر اليوم نتيجة هجمات بالصواريخ."))
    assert r["event_type"] == "Explosions/Remote violence"
    # a weapon further on, in another statement of the clause, does not name the attack
    r = only(extract("شن مسلحون هجوما على حاجز للجيش في مدينة الرمادي فجر اليوم وقتلوا "
                     "جنديين قبل أن تصل إلى المنطقة طائرات مسيرة."))
    assert r["event_type"] == "Battles"


def test_a_similar_incident_is_of_the_kind_just_reported():
    records = extract("انفجرت عبوة ناسفة في سوق بمدينة الرمادي اليوم ما أدى إلى مقتل ثلاثة "
                      "أشخاص. وفي حادث مماثل قتل شخص وأصيب ثمانية قرب سوق شعبية في مدينة الفلوجة.")
    assert [(r["sub_event_type"], r["location"]) for r in records] == [
        ("Remote explosive/landmine/IED", "Ramadi"), ("Remote explosive/landmine/IED", "Fallujah")]


def test_a_wars_running_toll_is_not_an_event():
    assert extract("وتقول الأمم المتحدة إن نحو أربعة آلاف شخص قتلوا في اليمن أمس الأول.") == []
    # a toll in the hundreds is still one event's
    r = only(extract("قتل 120 شخصا في تفجير انتحاري استهدف سوقا في مدينة الرمادي أمس السبت."))
    assert r["fatalities"] == 120


def test_armed_men_killed_by_an_armed_side_is_a_clash_not_an_attack_on_civilians():
    r = only(extract("قالت مصادر عسكرية إن قياديا في تنظيم داعش و12 من مرافقيه قتلوا على يد "
                     "مقاتلي الحشد الشعبي في قضاء الطارمية أمس السبت."))
    assert r["sub_event_type"] == "Armed clash"
    r = only(extract("قتل مسلحون مجهولون ثلاثة مدنيين في قضاء الطارمية أمس السبت."))
    assert r["sub_event_type"] == "Attack"


def test_an_air_forces_name_is_not_a_strike():
    assert extract("وكانت طائرات سلاح الجو الأمريكي تقلع حتى الآن من قواعد في الأردن "
                   "والكويت.") == []
    r = only(extract("شن سلاح الجو العراقي غارات جوية على مواقع لداعش في قضاء الطارمية أمس."))
    assert r["sub_event_type"] == "Air/drone strike"


def test_a_toll_summed_over_a_month_is_not_an_event():
    assert extract("قتل 9 مدنيين وأصيب 42 آخرون جراء القصف على الأحياء السكنية في مدينة "
                   "بنغازي خلال شهر أبريل الماضي.") == []
    # the same toll on a day of its own is one event
    r = only(extract("قتل 9 مدنيين وأصيب 42 آخرون جراء القصف على الأحياء السكنية في مدينة "
                     "بنغازي أمس السبت."))
    assert r["fatalities"] == 9


def test_the_day_a_span_was_reported_does_not_make_it_one_event():
    assert extract("ذكرت وكالة الأنباء الرسمية يوم أمس السبت أن نحو 390 مسلحا قتلوا خلال "
                   "أسبوعين من الغارات الجوية على قواعد للمتمردين في قضاء الطارمية.") == []


def test_a_sentence_on_another_matter_takes_no_day_from_the_one_before():
    records = extract("أعلنت وزارة الدفاع الأمريكية أول من أمس الجمعة تسليم أرملة قيادي في داعش "
                      "إلى السلطات الكردية. إلى ذلك، قتل ثلاثة مسلحين أكراد في اشتباكات مع قوات "
                      "الأمن التركية قرب بلدة شيلوبي بمقاطعة شيرناك.")
    clash = [r for r in records if r["sub_event_type"] == "Armed clash"]
    assert [(r["event_date"], r["time_precision"]) for r in clash] == [("2024-05-12", 2)]


def test_an_attack_labelled_by_its_province_is_the_one_reported_there():
    records = extract("قتل 15 شخصا في تفجير انتحاري في بلدة خان آباد بولاية قندز أمس السبت. "
                      "وأعلنت حركة طالبان مسؤوليتها عن هجوم قندز.")
    assert [(r["sub_event_type"], r["location"]) for r in records] == [("Suicide bomb", "Khanabad")]


def test_a_later_sentence_that_names_no_place_is_not_placed_at_the_capital():
    lead = ("انفجرت عبوة ناسفة في سوق بمدينة الرمادي اليوم. وقال مصدر أمني إن التحقيقات جارية. "
            "وأكد المصدر أن القوات الأمنية انتشرت في المدينة. وأضاف أن الوضع مستقر. ")
    records = extract(lead + "وقتل ستة أشخاص أمس في غارات شنتها الطائرات ضد مواقع الحزب.")
    assert [r["location"] for r in records] == ["Ramadi"]
    records = extract(lead + "وقتل ستة أشخاص أمس في غارات شنتها الطائرات ضد مواقع الحزب في سوريا.")
    assert sorted(r["location"] for r in records) == ["Damascus", "Ramadi"]


def test_shelling_that_goes_on_for_a_second_day_is_reported_even_in_a_long_article():
    filler = "".join(f"ووصل الوفد الحكومي {i} إلى مدينة عدن أمس لبحث الأوضاع الإنسانية. "
                     for i in range(9))
    records = extract("شهدت مدينة تعز اشتباكات عنيفة أمس. " + filler + "وقالت المصادر المحلية "
                      "إن ميليشيات الحوثيين واصلت لليوم الثاني على التوالي قصفها للأحياء السكنية "
                      "بالمدينة.")
    shelling = [r for r in records if r["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert len(shelling) == 2  # one event per day of the two (§10)


def test_an_earlier_act_named_as_a_point_in_time_is_not_reported():
    assert extract("وجاءت تصريحات المبعوث الأممي في عدن أمس بعد أيام على تحرير مدينة عدن من "
                   "سيطرة الحوثيين.") == []
    assert extract("أعلنت تركيا أمس أنها ستوسع عملياتها، وذلك بعد أسبوعين على بدء غارات جوية "
                   "على مواقع للأكراد في قضاء سنجار.") == []
    assert extract("وقبل السماح لها بنشر مقاتلات في قاعدة إنجرليك استخدمت الولايات المتحدة "
                   "القاعدة لإرسال طائرات استطلاع.") == []


def test_a_summary_of_most_areas_or_a_call_for_battle_is_not_an_event():
    assert extract("وأوضح أن محافظتي لحج وتعز تم تحرير معظم مناطقهما وباتت في سيطرة المقاومة.") == []
    assert extract("وأعلن رئيس المجلس البلدي عن إيعاز الوزير بضرورة إشراك أبناء العشائر في "
                   "معارك تحرير مدنهم في قضاء حديثة.") == []


def test_fears_of_an_attack_are_not_an_attack():
    assert extract("وقررت الجزائر أمس غلق حدودها البرية مع ليبيا بسبب هواجس تسلل المسلحين "
                   "والسلاح عبر منطقة الدبداب.") == []


def test_fighting_on_two_stated_days_at_one_place_is_two_events():
    records = extract("قتل 25 مسلحا خلال هجوم فاشل على قاعدة عسكرية في مدينة حلب أول من أمس "
                      "الجمعة. وشهدت الأطراف الغربية لمدينة حلب اشتباكات عنيفة صباح أمس السبت.")
    assert sorted(r["event_date"] for r in records) == ["2024-05-10", "2024-05-11"]


def test_the_day_a_monitor_reported_is_not_the_day_of_the_fighting():
    records = extract("قتل 25 مسلحا خلال هجوم فاشل على قاعدة عسكرية في مدينة حلب، حسبما أفاد "
                      "المرصد السوري لحقوق الإنسان أمس. وأفاد المرصد بمقتل تسعة جنود في الاشتباكات "
                      "التي اندلعت في وقت متأخر من أول من أمس.")
    assert [r["event_date"] for r in records] == ["2024-05-10"]


def test_a_condemnation_naming_neither_place_nor_day_is_not_the_incident():
    records = extract("قتل 15 شخصا في تفجير انتحاري استهدف مسجدا في مدينة أبها أمس السبت. وقال "
                      "المتحدث إن التحقيقات جارية. وأكد أن الأجهزة الأمنية تلاحق المتورطين. "
                      "وتلقى ولي العهد اتصالا هاتفيا من ملك المغرب أعرب خلاله عن إدانته للتفجير "
                      "الإرهابي.")
    assert [(r["sub_event_type"], r["location"]) for r in records] == [("Suicide bomb", "Abha")]
    # protesters condemning are the protest
    r = only(extract("تظاهر المئات في مدينة البصرة أمس السبت ورددوا هتافات تندد بالفساد."))
    assert r["event_type"] == "Protests"


def test_forces_that_killed_gunmen_fought_them():
    r = only(extract("أعلنت الشرطة العراقية أمس أن القوات الأميركية قتلت 11 مسلحا من تنظيم "
                     "القاعدة في منطقة عين الفرس غرب مدينة تكريت."))
    assert (r["event_type"], r["fatalities"]) == ("Battles", 11)


def test_an_explosion_at_a_named_place_is_an_incident_in_a_brief():
    r = only(extract("انفجار في منطقة عبادان المجاورة للحدود العراقية."))
    assert r["event_type"] == "Explosions/Remote violence"
    assert r["actor1"]["name"].startswith("Unidentified Armed Group")
    # a denial or an accident is none
    assert extract("مصدر امني : لا يوجد اي انفجارات في أربيل شمالي العراق .") == []
    assert extract("انفجار قنينة غاز في مطعم بمدينة أربيل.") == []


@pytest.mark.parametrize("text", [
    # a prediction with a copula in the future
    "وقال الجنرال: سيكون لهذه الضربات أثر عميق على قدرة داعش في مدينة الرمادي.",
    # a police case of killing, with no political side (§10)
    "تشتبه الشرطة بتورط اثنين في قتل شخصين أمس في متجر بمدينة أربيل.",
    # an air accident
    "عثر رجال الإنقاذ أمس على ثماني جثث قرب مدينة الموصل بعد اصطدام مروحية بطائرة.",
    # the end of the fighting as a point in time
    "وتداول ناشطون في مدينة الحوطة عقب انتهاء المعارك صورا لأطفال.",
])
def test_audited_false_alarm_frames_report_no_event(text):
    assert extract(text) == []


def test_a_drone_that_crashes_into_a_vehicle_struck_it():
    r = only(extract("تعرضت آلية عسكرية للجيش الإسرائيلي للضرر الليلة نتيجة اصطدام طائرة مسيرة "
                     "متفجرة بها في مستوطنة المطلة."))
    assert r["event_type"] == "Explosions/Remote violence"


def test_control_held_is_not_control_taken():
    records = extract("وتسيطر وحدات حماية الشعب الكردية على نحو 400 كيلومتر من المنطقة الحدودية "
                      "شمال شرق مدينة حلب.")
    assert all(r["event_type"] != "Battles" or r["sub_event_type"] == "Armed clash"
               for r in records)
    assert not any(r["sub_event_type"] == "Non-state actor overtakes territory" for r in records)


def test_a_restatement_placed_only_by_its_country_is_not_a_second_event():
    records = extract("شن الطيران الحربي غارات على مواقع لداعش في مدينة درنة أمس الجمعة. وقال "
                      "المتحدث العسكري إن سلاح الطيران التابع للحكومة الليبية شن غارات على مواقع "
                      "للمتشددين في ليبيا.")
    assert [r["location"] for r in records] == ["Darnah"]


def test_a_plural_kind_of_attack_is_not_one_attack():
    assert extract("وحذر المفتي في الرياض المسلمين من فئة تستبيح الدماء من خلال عمليات "
                   "انتحارية مجرمة.") == []
    r = only(extract("قتل 20 شخصا في تفجيرات انتحارية نفذها مسلحون في مدينة بعقوبة أمس السبت."))
    assert r["sub_event_type"] == "Suicide bomb"


def test_a_date_written_in_full_outranks_a_weekday_in_a_prayers_name():
    assert extract("وتعرض مسجد في مدينة الكويت لتفجير إرهابي خلال صلاة الجمعة في 26 مارس "
                   "الماضي، ما أدى إلى مقتل 26 شخصا.") == []


def test_projectiles_falling_on_a_town_are_shelling():
    r = only(extract("أصيب أربعة مواطنين بمحافظة الحرث عصر اليوم الأحد نتيجة سقوط مقذوفات من "
                     "داخل الأراضي اليمنية على حي سكني."))
    assert r["sub_event_type"] == "Shelling/artillery/missile attack"


def test_a_tournament_match_is_no_clash():
    assert extract("ويلتقي المنتخب اليوم السبت مع عمان، فيما تلعب الإمارات وقطر في واحدة من أقوى "
                   "المواجهات في البطولة في مدينة الرياض.") == []
