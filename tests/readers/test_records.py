"""JSONL, JSON and CSV/TSV records."""

from __future__ import annotations

import json
from datetime import date

from .conftest import ARABIC_BODY, read_all


def _rec(i: int, **kw) -> dict:
    r = {"id": f"r{i}", "outlet": "aawsat", "title": f"عنوان {i}", "date": "2019-03-03",
         "text": ARABIC_BODY}
    r.update(kw)
    return r


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path) -> None:
    lines = [
        json.dumps(_rec(1), ensure_ascii=False),
        "{not json",
        json.dumps(_rec(3), ensure_ascii=False),
        json.dumps(["a list"]),
        json.dumps({"id": "r5", "title": "no text"}),
        "",
        json.dumps(_rec(7, date="2019-03-04T23:30:00+03:00", url="http://x/7"), ensure_ascii=False),
        json.dumps(_rec(8, date="Mon, 04 Mar 2019 10:00:00 +0000", text=5)),
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    arts, errors = read_all([path])
    assert [a.id for a in arts] == ["r1", "r3", "r7"]
    assert [e.origin for e in errors] == [f"{path}:2", f"{path}:4", f"{path}:5", f"{path}:8"]
    assert "invalid JSON" in errors[0].message
    assert "object" in errors[1].message
    assert "text" in errors[2].message
    a = arts[0]
    assert (a.outlet, a.title, a.published, a.text, a.origin) == (
        "aawsat", "عنوان 1", date(2019, 3, 3), ARABIC_BODY, f"{path}:1")
    assert arts[2].published == date(2019, 3, 4) and arts[2].url == "http://x/7"


def test_jsonl_rfc2822_date_and_generated_id(tmp_path) -> None:
    rec = {"outlet": "المدى", "title": "t", "date": "Sun, 03 Mar 2019 22:00:00 +0000", "text": ARABIC_BODY}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(rec) + "\n" + json.dumps(rec) + "\n", "utf-8")
    (a, b), errors = read_all([path])
    assert errors == []
    assert a.published == date(2019, 3, 3)
    assert a.id == b.id and a.id.startswith("sha1:")
    rec["title"] = "other"
    path.write_text(json.dumps(rec), "utf-8")
    (c,), _ = read_all([path])
    assert c.id != a.id


def test_json_array_file(tmp_path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([_rec(1), {"id": "x"}, _rec(3)], ensure_ascii=False), "utf-8")
    arts, errors = read_all([path])
    assert [a.id for a in arts] == ["r1", "r3"]
    assert [e.origin for e in errors] == [f"{path}:2"]


def test_json_single_object_file(tmp_path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(_rec(1)), "utf-8")
    arts, errors = read_all([path])
    assert [a.id for a in arts] == ["r1"] and errors == []


def test_csv_with_multiline_fields_and_bad_row(tmp_path) -> None:
    body = ARABIC_BODY + "\nسطر ثان، مع فاصلة"
    content = (
        "id,outlet,title,date,text,url\n"
        f'c1,المدى,عنوان,2019-03-03,"{body}",http://x/1\n'
        "c2,المدى,بلا نص,2019-03-03,,\n"
        f'c3,الرياض,عنوان,03/03/2019,"{ARABIC_BODY}",\n'
    )
    path = tmp_path / "a.csv"
    path.write_text(content, "utf-8")
    arts, errors = read_all([path])
    assert [a.id for a in arts] == ["c1", "c3"]
    assert arts[0].text == body and arts[0].url == "http://x/1"
    assert arts[1].published == date(2019, 3, 3)
    assert [e.origin for e in errors] == [f"{path}:4"]


def test_tsv_and_missing_text_column(tmp_path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text(f"id\toutlet\ttitle\tdate\ttext\nt1\tx\ty\t2019-03-03\t{ARABIC_BODY}\n", "utf-8")
    bad = tmp_path / "b.csv"
    bad.write_text("id,body_html\n1,x\n", "utf-8")
    arts, errors = read_all([tsv, bad])
    assert [a.id for a in arts] == ["t1"]
    assert len(errors) == 1 and errors[0].origin == f"{bad}:1"


def test_record_oversized_article_is_skipped(tmp_path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"id": "big", "text": "ا" * 1_000_001}) + "\n" + json.dumps(_rec(2)) + "\n", "utf-8")
    arts, errors = read_all([path])
    assert [a.id for a in arts] == ["r2"]
    assert errors[0].origin == f"{path}:1" and "limit" in errors[0].message
