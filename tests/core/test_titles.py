"""A title for every document: declared, else a first line that reads like a headline, else
its source and date, else its file name; the same everywhere it is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.core.loaders import load_document
from briefreader.core.text.document import reads_like_headline, untitled_title


@pytest.mark.parametrize(
    "line",
    [
        "Fifteen Asia-Pacific Economies Sign the World's Largest Trade Pact",
        "Russia and Iran sign a strategic partnership treaty",
        "Will the ceasefire hold?",
        "U.S. and Philippines Sign Defense Pact",
    ],
)
def test_headlines(line: str) -> None:
    assert reads_like_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "In a significant move to strengthen their alliance, Russian President Vladimir Putin "
        "and Iranian President Masoud Pezeshkian have formalized a long-anticipated partnership.",
        "The talks resumed on Monday.",
        "Talks resumed. Both sides met again.",
        "Summary:",
        "",
    ],
)
def test_not_headlines(line: str) -> None:
    assert not reads_like_headline(line)


def test_without_a_headline_the_source_and_date_then_the_file_name() -> None:
    sentence = "The talks resumed on Monday."
    assert untitled_title(sentence, "Reuters", "2024-03-05", "cable 7") == "Reuters — 2024-03-05"
    assert untitled_title(sentence, "Reuters", None, "cable 7") == "Reuters"
    assert untitled_title(sentence, None, None, "cable 7") == "cable 7"
    assert untitled_title("Talks  Resume\tin Doha", None, None, "x") == "Talks Resume in Doha"


def test_a_text_file_is_titled_by_its_headline_or_its_source(tmp_path: Path) -> None:
    headed = tmp_path / "a.txt"
    headed.write_text("Source: Desk\nDate: 2024-03-05\nTalks Resume in Doha\n\nBody text here.\n")
    assert load_document(headed).metadata.title == "Talks Resume in Doha"
    story = tmp_path / "b.txt"
    story.write_text("Source: Desk\nDate: 2024-03-05\nThe talks resumed on Monday in Doha.\n")
    assert load_document(story).metadata.title == "Desk — 2024-03-05"
    bare = tmp_path / "field_report-3.txt"
    bare.write_text("the talks resumed on monday in doha, officials said.\n")
    assert load_document(bare).metadata.title == "field report 3"
