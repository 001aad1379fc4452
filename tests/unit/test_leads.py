"""What a lead is read with: the sentence that introduces a table."""

from __future__ import annotations

from bot.advisor.leads import rule_passages, table_intros
from tests.retrieval_fixtures import make_chunk


def _row(cid: str, text: str):  # type: ignore[no-untyped-def]
    return make_chunk(cid, text).model_copy(update={"kind": "table_row"})


def test_a_table_is_introduced_by_the_colon_sentence_before_it() -> None:
    """The last sentence of the paragraph right before a table, when it ends with a colon,
    introduces every row; a table after a paragraph that ends otherwise has no intro."""
    chunks = (
        make_chunk("g:a:0", "Some context. Strategies fall into 4 groups by who and where:"),
        _row("g:b:0", "Onshore | In-house | Vendor"),
        _row("g:b:1", "Offshore | Own team | Vendor"),
        make_chunk("g:c:0", "A paragraph that ends with a full stop."),
        _row("g:d:0", "Cost | 100% | 30%"),
    )
    intros = table_intros(chunks)
    assert sorted(intros) == ["g:b:0", "g:b:1"]
    assert intros["g:b:0"].text == "Strategies fall into 4 groups by who and where:"
    assert intros["g:b:0"].id == "g:a:0"


def test_a_rule_quote_is_found_in_its_paragraph() -> None:
    """Each rule quote maps to the first paragraph holding it (case aside); one no paragraph
    holds is absent."""
    chunks = (
        make_chunk("g:a:0", "Intro. We advise businesses to NEVER outsource core IT."),
        _row("g:b:0", "never outsource core IT | x"),
    )
    found = rule_passages(chunks, ["we advise businesses to NEVER outsource core IT", "absent"])
    assert list(found) == ["we advise businesses to NEVER outsource core IT"]
    assert found["we advise businesses to NEVER outsource core IT"].id == "g:a:0"
