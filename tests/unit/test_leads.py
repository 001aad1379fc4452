"""A paragraph that opens leaning on the one before it is read with that paragraph's last
sentence (``preceding_sentences``)."""

from __future__ import annotations

from bot.advisor.leads import preceding_sentences
from tests.retrieval_fixtures import make_chunk


def test_preceding_sentences_maps_only_leaning_paragraphs_of_one_section() -> None:
    """'It can be ...' after a paragraph of its section gets that paragraph's last sentence;
    a paragraph that stands alone, or opens a section, gets nothing."""
    chunks = [
        make_chunk("g:a:0", "Teams cost money. Building one takes a year.", section_id="a"),
        make_chunk("g:a:1", "It can be a deal breaker. Plan ahead.", section_id="a"),
        make_chunk("g:a:2", "Vendors bill per project.", section_id="a"),
        make_chunk("g:b:0", "Therefore, pick carefully.", section_id="b"),
    ]
    assert preceding_sentences(chunks) == {"g:a:1": "Building one takes a year."}
