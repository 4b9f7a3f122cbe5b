"""Files in every encoding Arabic archives come in."""

from __future__ import annotations

import codecs
import json
import os
import random

import pytest

from hadath.readers.encoding import DecodeFailure, decode, sniff_prefix

from .conftest import ARABIC_BODY, read_all

TEXT = "هجوم على كركوك\n\n" + ARABIC_BODY + "\nوقال مصدر أمني إن التحقيق جار.\n"


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("cp1256", b""),
    ],
)
def test_encoding_text_file_round_trip(tmp_path, encoding: str, bom: bytes) -> None:
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    (a,), errors = read_all([path])
    assert errors == []
    assert a.title == "هجوم على كركوك"
    assert a.text == TEXT[TEXT.index("أعلنت"):].rstrip()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_encoding_jsonl_file(tmp_path, encoding: str) -> None:
    line = json.dumps({"id": "a1", "outlet": "المدى", "date": "2019-03-03", "text": ARABIC_BODY},
                      ensure_ascii=False) + "\n"
    path = tmp_path / "a.jsonl"
    path.write_bytes((line + line.replace("a1", "a2")).encode(encoding))
    arts, errors = read_all([path])
    assert errors == []
    assert [a.id for a in arts] == ["a1", "a2"]
    assert arts[0].text == ARABIC_BODY


def test_encoding_cp1256_detected_by_name() -> None:
    assert decode(TEXT.encode("cp1256")).encoding == "cp1256"
    assert decode(TEXT.encode("utf-16-le")).encoding == "utf-16-le"
    assert decode(TEXT.encode("utf-8")).encoding == "utf-8"
    assert decode(b"plain ascii").text == "plain ascii"


def test_encoding_garbage_is_one_error(tmp_path) -> None:
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    arts, errors = read_all([path])
    assert arts == []
    assert len(errors) == 1 and errors[0].origin == str(path)
    with pytest.raises(DecodeFailure):
        decode(os.urandom(0) + bytes(range(256)) * 8)


def test_encoding_sniff_prefix_streamable_only() -> None:
    assert sniff_prefix(TEXT.encode("utf-8")) == "utf-8"
    assert sniff_prefix(codecs.BOM_UTF8 + TEXT.encode()) == "utf-8-sig"
    assert sniff_prefix(TEXT.encode("cp1256")) == "cp1256"
    assert sniff_prefix(TEXT.encode("utf-16")) is None
    # A prefix cut inside a multibyte character is still UTF-8.
    assert sniff_prefix(TEXT.encode("utf-8")[:5]) == "utf-8"
