from hadath.article import Article
from hadath.stages.segment import segment


def test_segment_sentences_offsets_and_paragraphs():
    text = "قتل 2.5 مسلح. وأصيب آخرون؟ نعم!\nفقرة ثانية \"بين قوسين.\" وجملة أخيرة"
    a = segment(Article("t", text))
    got = [text[s.start:s.end] for s in a.sentences]
    assert got == ["قتل 2.5 مسلح.", "وأصيب آخرون؟", "نعم!", "فقرة ثانية \"بين قوسين.\"",
                   "وجملة أخيرة"]
    assert [s.paragraph for s in a.sentences] == [0, 0, 0, 1, 1]


def test_segment_empty_text():
    assert segment(Article("t", "")).sentences == []
