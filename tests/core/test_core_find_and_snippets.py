"""Find-in-document over the canonical text, snippet block breaks, plain-text titles."""

from __future__ import annotations

from conftest import SEEDS

from briefreader.core.loaders import parse_text
from briefreader.core.loaders.plaintext import reads_as_title
from briefreader.core.search.search import BLOCK_SEPARATOR, make_snippet
from briefreader.core.text.document import BlockKind, Metadata, Span
from briefreader.core.text.find import find_in_text

TEXT = "The Treaty of Lisbon. treaty-making; Treaties and the treaty 😀 treaty."


def test_find_is_case_insensitive_by_default_and_exact_on_request() -> None:
    spans = find_in_text(TEXT, "treaty").spans
    assert [TEXT[s.start : s.end] for s in spans] == ["Treaty", "treaty", "treaty", "treaty"]
    cased = find_in_text(TEXT, "Treat", match_case=True).spans
    assert [s.start for s in cased] == [TEXT.index("Treaty"), TEXT.index("Treaties")]


def test_find_whole_words_skips_longer_words_and_keeps_offsets_after_emoji() -> None:
    assert find_in_text(TEXT, "treat", whole_word=True).spans == []  # not inside words
    spans = find_in_text(TEXT, "treaty", whole_word=True).spans
    assert len(spans) == 4  # "treaty-making" counts: the hyphen ends the word
    last = spans[-1]
    assert TEXT[last.start : last.end] == "treaty" and last.start > TEXT.index("😀")


def test_find_caps_the_number_of_matches_and_escapes_regex() -> None:
    result = find_in_text("a." * 100, "a.", limit=10)
    assert len(result.spans) == 10 and result.truncated
    assert find_in_text("axb", "a.").spans == []
    assert find_in_text("U.S. and US", "U.S.", whole_word=True).spans == [Span(0, 4, "find")]
    assert find_in_text("anything", "").spans == []


def test_snippets_mark_block_breaks_and_keep_hit_offsets() -> None:
    text = "Heading about the treaty\nThe treaty was signed.\nAnother treaty line."
    spans = [Span(i, i + 6) for i in range(len(text)) if text.startswith("treaty", i)]
    snippet, inside = make_snippet(text, spans, width=200)
    assert BLOCK_SEPARATOR in snippet
    assert snippet.startswith("Heading about the treaty" + BLOCK_SEPARATOR + "The treaty")
    assert [snippet[a:b] for a, b in inside] == ["treaty"] * 3


def test_a_plain_text_headline_becomes_the_title_and_a_sentence_does_not() -> None:
    raw = "Ministers Agree on Border Protocol\nThe two sides agreed on Monday.\nMore text.\n"
    document = parse_text(raw, "text", Metadata(path="x.txt", title=""), "x")
    assert document.metadata.title == "Ministers Agree on Border Protocol"
    assert document.blocks[0].kind is BlockKind.HEADING
    assert document.text.startswith("Ministers Agree on Border Protocol\nThe two sides")
    assert not reads_as_title("The two sides agreed on Monday, in Vienna, to meet again.")
    assert not reads_as_title("Reuters")  # one word is a source, not a headline
    wrapped = "A cable whose first line\nwraps into the second line of the paragraph.\n\nNext.\n"
    document = parse_text(wrapped, "text", Metadata(path="w.txt", title=""), "w")
    assert document.blocks[0].kind is BlockKind.PARAGRAPH



def test_the_quick_first_hits_agree_with_full_tokenising() -> None:
    """The result list's shortcut (candidate words by their first letters) finds the same
    hits as analysing every word, from the first hit on."""
    from briefreader.core.index.schema import ANALYZER
    from briefreader.core.loaders import load_document
    from briefreader.core.search.hits import HitPattern, first_term_spans, pattern_spans

    words = ["treaty", "signed", "nuclear", "sanctions", "agreements", "ratified", "defense",
             "cooperation", "partnership", "economies", "missiles", "leaders", "years"]  # fmt: skip
    for path in sorted(SEEDS.iterdir()):
        text = load_document(path).text
        for number in range(len(words) - 1):
            terms = frozenset(t.text for w in words[number : number + 2] for t in ANALYZER(w))
            pattern = HitPattern(terms)
            quick = first_term_spans(text, pattern, reach=2000)
            full = pattern_spans(text, pattern)
            if quick is None:
                assert not full or any(not text[s.start : s.end].isascii() for s in full)
                continue
            first = full[0].start
            assert quick == [s for s in full if s.start <= first + 2000], (path.name, terms)
