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


def test_a_stop_glued_to_the_next_arabic_word_ends_the_sentence_but_an_initial_does_not():
    a = segment(Article("x", "وقعت اشتباكات في كييف.كما أعلن د.محمد أن 2.5 مليون نزحوا. انتهى"))
    assert [a.text[s.start:s.end] for s in a.sentences] == [
        "وقعت اشتباكات في كييف.", "كما أعلن د.محمد أن 2.5 مليون نزحوا.", "انتهى"]
