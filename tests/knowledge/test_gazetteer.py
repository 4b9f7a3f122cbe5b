"""Gazetteer: curated data integrity, resolution in context, cache speed, GeoNames import."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hadath.arabic.normalise import fold
from hadath.gazetteer_import import import_geonames
from hadath.knowledge.gazetteer import build as gbuild
from hadath.knowledge.gazetteer import build_gazetteer, haversine_km, load_gazetteer
from hadath.knowledge.gazetteer import data as gd

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "geonames"

ACLED_ADMIN1 = {
    "IQ": {"Al Anbar", "Baghdad", "Basrah", "Diyala", "Duhok", "Erbil", "Kerbala", "Kirkuk",
           "Missan", "Muthanna", "Najaf", "Ninewa", "Qadissiya", "Salah al-Din", "Sulaymaniyah",
           "Thi-Qar", "Wassit", "Babylon", "Halabja"},
    "SY": {"Aleppo", "Al-Hasakeh", "Ar-Raqqa", "As-Sweida", "Damascus", "Dara", "Deir ez-Zor",
           "Hama", "Homs", "Idleb", "Lattakia", "Quneitra", "Rural Damascus", "Tartous"},
    "YE": {"Aden", "Abyan", "Al Bayda", "Al Dhale'e", "Al Hudaydah", "Al Jawf", "Al Mahrah",
           "Al Mahwit", "Amanat al Asimah", "Amran", "Dhamar", "Hadramawt", "Hajjah", "Ibb",
           "Lahj", "Marib", "Raymah", "Sadah", "Sanaa", "Shabwah", "Socotra", "Taizz"},
}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def countries():
    return {c.iso: c for c in gd.read_countries()}


@pytest.fixture(scope="module")
def admin1_rows():
    return gd.read_admin1()


# --- curated files ---------------------------------------------------------------------------

def test_gazetteer_admin1_table_uses_acled_spellings(admin1_rows):
    for iso, expected in ACLED_ADMIN1.items():
        assert {r.acled for r in admin1_rows if r.iso == iso} == expected
    codes = [r.geonames_code for r in admin1_rows]
    assert len(codes) == len(set(codes))


def test_gazetteer_admin1_capitals_lie_in_their_country(admin1_rows, countries):
    for r in admin1_rows:
        assert countries[r.iso].contains(r.capital_lat, r.capital_lon), r


def test_gazetteer_countries_table(countries):
    assert len(countries) > 200
    for c in countries.values():
        assert c.contains(c.capital_lat, c.capital_lon), c.iso
        s, w, n, e = c.bbox
        assert s < n and w < e, c.iso
    assert countries["PS"].name_en == "Palestine"
    assert countries["IQ"].name_ar == "العراق" and "عراقي" in countries["IQ"].nisba_ar


def test_gazetteer_supplement_rows_are_valid(countries, admin1_rows):
    rows = gd.read_supplement()
    assert len(rows) >= 150
    assert len({r.iso for r in rows}) >= 10
    acled = {(r.iso, r.acled) for r in admin1_rows}
    curated_isos = {r.iso for r in admin1_rows}
    for r in rows:
        assert r.iso in countries, r.name_ar
        assert countries[r.iso].contains(r.lat, r.lon), (r.name_ar, r.lat, r.lon)
        assert r.coord_source, r.name_ar
        assert gd.arabic_name(r.name_ar) == r.name_ar, r.name_ar
        if r.iso in curated_isos:
            assert (r.iso, r.admin1) in acled, (r.name_ar, r.admin1)
        if r.geonameid and r.coord_source.startswith("GeoNames"):
            assert r.coord_source == f"GeoNames {r.geonameid}"


def test_gazetteer_supplement_matches_brief_coordinates():
    rows = {r.name_ar: r for r in gd.read_supplement()}
    hit, baghuz = rows["هيت"], rows["الباغوز"]
    assert (hit.lat, hit.lon) == pytest.approx((33.6366, 42.8277), abs=1e-3)
    assert haversine_km(baghuz.lat, baghuz.lon, 34.45, 40.94) < 3
    assert baghuz.admin1 == "Deir ez-Zor" and baghuz.iso == "SY"


def test_gazetteer_word_lists():
    stop = gd.read_word_list("stop_places.txt")
    article = gd.read_word_list("article_required.txt")
    person = gd.read_word_list("person_names.txt")
    assert len(stop) > 300 and len(person) > 50
    assert all(w.startswith("ال") for w in article)
    assert not article & stop  # a name is either dropped or article-bound, not both
    assert {fold(w) for w in ("الأمن", "السلام", "النصر", "الوحدة", "الحرية")} <= stop


def test_gazetteer_arabic_name_filter():
    assert gd.arabic_name("الرمادي") == "الرمادي"
    assert gd.arabic_name("ڕەمادی") is None  # Kurdish letters
    assert gd.arabic_name("Baghdad") is None
    assert gd.arabic_name("طرابلس، لیبیا") is None
    assert gd.arabic_name("مركة\u200e") == "مركة"
    assert "ديرالزور" in gd.name_variants("دير الزور")
    assert "الحويجة" in gd.name_variants("قضاء الحويجة")
    assert "العراقيين" in gd.nisba_forms("عراقي")
    assert "الكورية الشمالية" in gd.nisba_forms("كوري شمالي")


# --- names for the matcher -------------------------------------------------------------------

def test_gazetteer_names_leave_out_stop_places(gaz):
    names = {fold(n) for n, _ in gaz.names()}
    expected = {fold(n) for n in ("الباغوز", "ديرالزور", "دير الزور", "تلعفر", "تل عفر", "هيت",
                                  "القائم", "أبوغريب", "البوكمال")}
    assert expected <= names
    assert "المدينه" not in names and "العند" not in names
    assert "المدينه" in {fold(n) for n, _ in gaz.names(include_stop=True)}
    assert "العراق" not in names  # countries come through country_aliases()
    assert "العراق" in {fold(n) for n, _ in gaz.names(include_countries=True)}
    assert gaz.is_stop_place("المدينه") and not gaz.is_stop_place("الرمادي")
    # adjectives and given names that are also towns (تظاهرات سلمية، في طور الإعداد)
    for word in ("سلمية", "طور", "إليزابيث", "جاس"):
        assert fold(word) not in names, word
    assert gaz.person_name_risk(fold("علي")) and not gaz.person_name_risk(fold("هيت"))
    assert gaz.needs_article(fold("القائم")) and gaz.needs_article(fold("رقة"))
    assert not gaz.needs_article(fold("الرمادي"))


def test_gazetteer_size(gaz):
    assert len(gaz) > 8000
    assert gaz.name_count > 9000


# --- resolution ------------------------------------------------------------------------------

CASES = [
    # name, countries, expected location, iso, admin1, level
    ("هيت", ["IQ"], "Hit", "IQ", "Al Anbar", "place"),
    ("الباغوز", ["IQ", "SY"], "Al Baghuz Fawqani", "SY", "Deir ez-Zor", "place"),
    ("الباغوز فوقاني", [], "Al Baghuz Fawqani", "SY", "Deir ez-Zor", "place"),
    ("الرمادي", [], "Ramadi", "IQ", "Al Anbar", "place"),
    ("الموصل", ["IQ"], "Mosul", "IQ", "Ninewa", "place"),
    ("دير الزور", ["SY"], "Deir ez-Zor", "SY", "Deir ez-Zor", "place"),
    ("ديرالزور", [], "Deir ez-Zor", "SY", "Deir ez-Zor", "place"),
    ("محافظة دير الزور", ["SY"], "Deir ez-Zor", "SY", "Deir ez-Zor", "admin1"),
    ("حلب", [], "Aleppo", "SY", "Aleppo", "place"),
    ("عدن", ["YE"], "Aden", "YE", "Aden", "place"),
    ("صنعاء", [], "Sanaa", "YE", "Amanat al Asimah", "place"),
    ("طرابلس", ["LB"], "Tripoli", "LB", "North", "place"),
    ("طرابلس", ["LY"], "Tripoli", "LY", "Tarabulus", "place"),
    ("الخرطوم", [], "Khartoum", "SD", "Khartoum", "place"),
    ("مقديشو", [], "Mogadishu", "SO", "Banadir", "place"),
    ("غزة", ["PS"], "Gaza City", "PS", "Gaza Strip", "place"),
    ("رفح", ["EG"], "Rafah (Egypt)", "EG", "North Sinai", "place"),
    ("رفح", ["PS"], "Rafah", "PS", "Gaza Strip", "place"),
    ("الفلوجة", [], "Fallujah", "IQ", "Al Anbar", "place"),
    ("كركوك", ["IQ"], "Kirkuk", "IQ", "Kirkuk", "place"),
    ("تلعفر", [], "Tal Afar", "IQ", "Ninewa", "place"),
    ("القائم", ["IQ"], "Al-Qa'im", "IQ", "Al Anbar", "place"),
    ("صلاح الدين", ["IQ"], "Salah al-Din", "IQ", "Salah al-Din", "admin1"),
    ("الأنبار", ["IQ"], "Al Anbar", "IQ", "Al Anbar", "admin1"),
    ("جرف الصخر", ["IQ"], "Jurf al-Sakhar", "IQ", "Babylon", "place"),
    ("عين الأسد", ["IQ"], "Ain al-Asad Air Base", "IQ", "Al Anbar", "place"),
    ("طوزخورماتو", [], "Tuz Khurmatu", "IQ", "Salah al-Din", "place"),
    ("العريش", [], "Al Arish", "EG", "North Sinai", "place"),
    ("صعدة", ["YE"], "Sadah", "YE", "Sadah", "place"),
    ("مأرب", ["YE"], "Marib", "YE", "Marib", "place"),
    ("أبها", ["SA"], "Abha", "SA", "Asir", "place"),
    ("كابل", [], "Kabul", "AF", "Kabul", "place"),
    ("الخيام", ["LB"], "Khiam", "LB", "Nabatieh", "place"),
    ("مخيم جنين", ["PS"], "Jenin camp", "PS", "West Bank", "place"),
    ("إقليم كردستان", ["IQ"], "Kurdistan Region", "IQ", "Erbil", "region"),
    ("العراق", [], "Iraq", "IQ", "Baghdad", "country"),
    ("الكويت", [], "Kuwait", "KW", "Al Asimah", "country"),
    ("جيبوتي", [], "Djibouti", "DJ", "Djibouti", "country"),
    ("شيلوبي", ["TR"], "Silopi", "TR", "Sirnak", "place"),
    ("شيرناك", ["TR"], "Sirnak", "TR", "Sirnak", "place"),
    ("مانيسا", [], "Manisa", "TR", "Manisa", "place"),
    ("الجفير", [], "Manama", "BH", "Al Asimah", "place"),  # a district: coded to its city
]


@pytest.mark.parametrize(("name", "ctx", "location", "iso", "admin1", "level"), CASES)
def test_gazetteer_resolves(gaz, name, ctx, location, iso, admin1, level):
    place = gaz.resolve(fold(name), ctx)
    assert place is not None, name
    assert (place.location, place.iso, place.admin1, place.level) == (location, iso, admin1,
                                                                       level)
    assert place.country == gaz.country_name(iso)


def test_gazetteer_resolution_coordinates(gaz):
    hit = gaz.resolve(fold("هيت"), ["IQ"])
    assert (hit.latitude, hit.longitude) == pytest.approx((33.6366, 42.8277), abs=1e-3)
    assert hit.geonameid == 95788 and hit.feature == "P" and hit.location_ar == "هيت"
    baghuz = gaz.resolve(fold("الباغوز"), ["IQ"])
    assert haversine_km(baghuz.latitude, baghuz.longitude, 34.45, 40.94) < 3


def test_gazetteer_article_form_is_optional(gaz):
    assert gaz.resolve("رمادي", ["IQ"]).location == "Ramadi"
    assert gaz.resolve("حويجه", ["IQ"]).location == "Al Hawijah"


def test_gazetteer_admin_hint_picks_the_governorate(gaz):
    assert gaz.resolve("سنجار", [], admin_hint="نينوى").iso == "IQ"
    assert gaz.resolve("سنجار", [], admin_hint="إدلب").iso == "SY"
    assert gaz.resolve("سنجار", ["IQ"], admin_hint="الأنبار").admin1 == "Ninewa"


def test_gazetteer_nearby_places_disambiguate(gaz):
    fallujah = gaz.resolve(fold("الفلوجة"), ["IQ"])
    hama = gaz.resolve(fold("حماة"), ["SY"])
    assert gaz.resolve(fold("الكرمة"), [], nearby=[fallujah]).iso == "IQ"
    assert gaz.resolve(fold("الكرمة"), [], nearby=[hama]).iso == "SY"


def test_gazetteer_refuses_small_foreign_places(gaz):
    assert gaz.resolve(fold("زوارة"), ["LY"]).location == "Zuwarah"
    assert gaz.resolve(fold("زوارة"), []).location == "Zuwarah"
    assert gaz.resolve(fold("زوارة"), ["YE"]) is None
    assert gaz.resolve(fold("مكان لا وجود له"), ["IQ"]) is None


def test_gazetteer_candidates_lists_every_reading(gaz):
    tripolis = gaz.candidates(fold("طرابلس"))
    assert {p.iso for p in tripolis} >= {"LY", "LB"}
    assert tripolis[0].iso == "LY"  # the bigger one, without context
    deir = gaz.candidates(fold("دير الزور"))
    assert {p.level for p in deir} >= {"place", "admin1"}


def test_gazetteer_countries(gaz):
    iq = gaz.country("IQ")
    assert iq.level == "country" and iq.location == "Baghdad" and iq.country == "Iraq"
    assert (iq.latitude, iq.longitude) == pytest.approx((33.3406, 44.4009), abs=1e-3)
    assert gaz.country_name("PS") == "Palestine"
    assert gaz.country_from_name(fold("العراق")) == "IQ"
    assert gaz.country_from_name(fold("عراق")) == "IQ"
    assert gaz.country_from_name(fold("العراقية")) == "IQ"
    assert gaz.country_from_name(fold("السوريين")) == "SY"
    assert gaz.country_from_name(fold("الولايات المتحدة")) == "US"
    assert gaz.country_from_name(fold("كلمة")) is None
    nisbas = gaz.country_aliases("nisba")
    assert nisbas["العراقيين"] == "IQ" and nisbas["الأتراك"] == "TR"
    names = gaz.country_aliases("name")
    assert names["سوريا"] == "SY" and "العراقي" not in names


def test_gazetteer_admin1_capitals(gaz):
    assert gaz.admin1_capital("IQ", "Al Anbar").location == "Ramadi"
    assert gaz.admin1_capital("IQ", "Ninewa").location == "Mosul"
    assert gaz.admin1_capital("SY", "دير الزور").location == "Deir ez-Zor"
    assert gaz.admin1_capital("SA", "Asir").location == "Abha"
    assert gaz.admin1_capital("IQ", "Nowhere") is None
    assert set(ACLED_ADMIN1["IQ"]) <= set(gaz.admin1_names("IQ"))


def test_gazetteer_entries_lie_in_their_country(gaz, countries):
    outside = []
    for i in range(len(gaz)):
        p = gaz.place(i)
        c = countries.get(p.iso)
        if c and not c.contains(p.latitude, p.longitude):
            outside.append((p.location, p.iso, p.latitude, p.longitude))
    assert len(outside) < 0.01 * len(gaz), outside[:20]


# --- cache -----------------------------------------------------------------------------------

def test_gazetteer_loads_fast_from_cache(gaz):
    # Peak RSS of the child's own address space (VmHWM): ru_maxrss would inherit the peak
    # of this pytest process, which may just have built the index.
    code = (
        "import time, json, re\n"
        "t0 = time.perf_counter()\n"
        "from hadath.knowledge.gazetteer import load_gazetteer\n"
        "t1 = time.perf_counter()\n"
        "g = load_gazetteer()\n"
        "t2 = time.perf_counter()\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())\n"
        "print(json.dumps({'load': t2 - t1, 'import': t1 - t0, 'n': len(g),\n"
        "  'rss_mb': int(hwm.group(1)) / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO)
    stats = json.loads(out.stdout.strip().splitlines()[-1])
    assert stats["n"] == len(gaz)
    assert stats["load"] < 0.3, stats
    assert stats["rss_mb"] < 150, stats


def test_gazetteer_package_never_reads_shared_material():
    sources = list((REPO / "hadath" / "knowledge" / "gazetteer").glob("*.py"))
    sources.append(REPO / "hadath" / "gazetteer_import.py")
    for src in sources:
        assert "/work/shared" not in src.read_text(encoding="utf-8"), src


# --- GeoNames import --------------------------------------------------------------------------

def _zip(src: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(src, src.name)
    return dest


def test_gazetteer_import_geonames_fixture(gaz, tmp_path):
    # Reuse the base index already built in the default cache, so only the merge runs here.
    base = gbuild.cache_dir() / f"index-{gbuild.base_key()}.pkl"
    assert base.exists()
    store = tmp_path / "cache"
    store.mkdir()
    shutil.copy(base, store / base.name)
    all_zip = _zip(FIXTURE / "allCountries.txt", tmp_path / "allCountries.zip")
    alt_zip = _zip(FIXTURE / "alternateNamesV2.txt", tmp_path / "alternateNamesV2.zip")

    summary = import_geonames(all_zip, alt_zip, countries=["IQ", "SY"], directory=store)
    assert summary.rows_read == 8
    assert summary.rows_in_scope == 6  # TR filtered by country, nothing else yet
    assert summary.places_kept == 5  # the road (class R) and the unnamed village are dropped
    assert summary.countries == {"IQ": 4, "SY": 1}

    g = build_gazetteer(store)
    assert len(g) == len(gaz) + 4  # Hit already existed: extended, not duplicated
    mar = g.resolve(fold("المراشدة"), ["SY"])
    assert (mar.location, mar.iso, mar.admin1, mar.geonameid) == ("Al Marashidah", "SY",
                                                                  "Deir ez-Zor", 99000002)
    assert g.resolve(fold("البوعلوان"), ["IQ"]).geonameid == 99000004
    assert g.resolve(fold("البو علوان"), ["IQ"]).geonameid == 99000004  # allCountries column
    wadi = g.resolve(fold("وادي حوران"), ["IQ"])
    assert wadi.feature == "H" and wadi.admin1 == "Al Anbar"
    assert g.candidates(fold("المراشدة القديمة")) == []  # historic name skipped
    assert [p.geonameid for p in g.candidates(fold("هيت"))] == [95788]
    assert not [p for p in g.candidates(fold("أقجة قلعة")) if p.geonameid == 99000005]

    # plain-text dumps work too, and re-importing is idempotent
    again = import_geonames(FIXTURE / "allCountries.txt", FIXTURE / "alternateNamesV2.txt",
                            countries=["IQ", "SY"], directory=store)
    assert again.places_kept == 5
    assert len(build_gazetteer(store)) == len(g)
