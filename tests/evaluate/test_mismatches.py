"""``hadath evaluate --mismatches``: matched pairs that disagree on an attribute, listed."""

from __future__ import annotations

import json

from click.testing import CliRunner

from hadath.cli.evaluate import command
from hadath.evaluate.report import render
from hadath.evaluate.scorer import MISMATCH_FIELDS, score_articles


def ev(**kw):
    r = {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2019-03-02",
         "latitude": 34.45, "longitude": 40.94, "geo_precision": 1, "location": "Hit",
         "country": "Iraq", "fatalities": 0, "evidence_text": "اشتباكات في هيت",
         "actor1": {"name": "Islamic State", "name_ar": "داعش", "inter": 2},
         "actor2": {"name": "Military Forces of Iraq", "name_ar": "الجيش", "inter": 1}}
    r.update(kw)
    return r


def test_mismatches_list_gold_and_predicted_for_each_field():
    pred = ev(actor1={"name": "Unidentified Armed Group (Iraq)", "inter": 3}, fatalities=2,
              event_date="2019-03-03", latitude=34.75)
    d = score_articles([("a", [pred], [ev()])]).as_dict()
    by = {m["field"]: m for m in d["mismatches"]}
    assert set(by) == {"actor1", "fatalities", "date", "location"}
    assert by["actor1"]["gold"]["inter"] == 2 and by["actor1"]["predicted"]["inter"] == 3
    assert (by["fatalities"]["gold"], by["fatalities"]["predicted"]) == (0, 2)
    assert (by["date"]["gold"], by["date"]["predicted"]) == ("2019-03-02", "2019-03-03")
    assert by["location"]["km"] > 25
    assert by["actor1"]["gold_evidence"] == "اشتباكات في هيت"
    # a mismatch is exactly what the accuracy counts against
    assert d["attributes"]["actor1_inter"] == 0.0 and d["attributes"]["actor2_inter"] == 1.0


def test_actor_mismatch_includes_a_missing_actor():
    d = score_articles([("a", [ev(actor2=None)], [ev()])]).as_dict()
    assert [(m["field"], m["predicted"]) for m in d["mismatches"]] == [("actor2", None)]


def test_render_lists_only_the_fields_asked_for():
    pred = ev(actor1={"name": "X", "inter": 3}, fatalities=2)
    report = score_articles([("a", [pred], [ev()])]).as_dict()
    report.update(kind="articles", gold="g.jsonl", items=1)
    text = render(report, 0, ["actor1"])
    assert "actor1 1/1" in text and "gold: Islamic State (2) «داعش»" in text
    assert "pred: X (3)" in text and "[fatalities]" not in text
    assert "mismatches" not in render(report, 0)  # unchanged without the option


def _files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "نص", "date": "2019-03-02",
                                "events": [ev()]}, ensure_ascii=False) + "\n", "utf-8")
    p = ev(actor2={"name": "Civilians (Iraq)", "inter": 7}, fatalities=3, article_id="a")
    pred.write_text(json.dumps(p, ensure_ascii=False) + "\n", "utf-8")
    return str(gold), str(pred)


def test_cli_option_takes_comma_lists_repeats_and_all(tmp_path):
    gold, pred = _files(tmp_path)
    runner = CliRunner()
    out = runner.invoke(command, [gold, "--pred", pred, "--mismatches", "actor1,actor2"])
    assert out.exit_code == 0, out.output
    assert "[actor2]" in out.output and "[fatalities]" not in out.output
    out = runner.invoke(command, [gold, "--pred", pred, "--mismatches", "actor2",
                                  "--mismatches", "fatalities"])
    assert "[actor2]" in out.output and "[fatalities]" in out.output
    out = runner.invoke(command, [gold, "--pred", pred, "--mismatches", "all"])
    assert out.exit_code == 0 and "fatalities 1/1" in out.output
    assert all(f"{f} " in out.output.split("mismatches on matched events")[1]
               for f in MISMATCH_FIELDS)
    bad = runner.invoke(command, [gold, "--pred", pred, "--mismatches", "colour"])
    assert bad.exit_code != 0 and "colour" in bad.output


def test_cli_json_keeps_its_keys_and_filters_mismatches(tmp_path):
    gold, pred = _files(tmp_path)
    runner = CliRunner()
    full = json.loads(runner.invoke(command, [gold, "--pred", pred, "--json"]).output)
    assert {"events", "attributes", "misses", "false_alarms"} <= full.keys()
    assert {m["field"] for m in full["mismatches"]} == {"actor2", "fatalities"}
    only = json.loads(runner.invoke(command, [gold, "--pred", pred, "--json",
                                              "--mismatches", "actor2"]).output)
    assert [m["field"] for m in only["mismatches"]] == ["actor2"]
