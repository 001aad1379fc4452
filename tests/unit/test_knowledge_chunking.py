"""Chunking documents: paragraphs, lists, labelled table rows, ids and hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.knowledge import chunk_documents, load_document, load_documents
from bot.models import Chunk

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
ARTICLE_ID = "outsourcing-vs-offshoring"
ARTICLE_TITLE = "Outsourcing And Offshoring: What Is The Difference?"
COST_ROW = (
    "Cost (headcount basis): Onshore Team (onshore insourcing): 100% – Default | "
    "Outsourcing: 30% ~ 70% – Lower wage country; Outsourcing margins | "
    "Offshore Team (offshore insourcing): 20% ~ 60% – Lower wage country"
)


@pytest.fixture(scope="module")
def chunks() -> tuple[Chunk, ...]:
    """Chunks of the real knowledge folder, made once for this module."""
    return chunk_documents(load_documents(KNOWLEDGE_DIR))


def _by_id(chunks: tuple[Chunk, ...]) -> dict[str, Chunk]:
    return {chunk.id: chunk for chunk in chunks}


def _chunk_text(tmp_path: Path, body: str) -> list[tuple[str, str]]:
    """(text, kind) of the chunks of a one-section document with ``body`` under its heading."""
    path = tmp_path / "doc.md"
    path.write_text(f"# Doc {{#s}}\n\n{body}", encoding="utf-8")
    return [(c.text, c.kind) for c in chunk_documents([load_document(path)])]


def test_model_comparison_table_rows(chunks: tuple[Chunk, ...]) -> None:
    """The Model Comparison table gives 6 table_row chunks after its intro paragraph; a row whose
    label the source lost is named by its position and a lost cell is left out."""
    section = [c for c in chunks if c.section_id == "model-comparison"]
    assert [(c.id, c.kind) for c in section] == [
        (f"{ARTICLE_ID}:model-comparison:0", "paragraph"),
        *[(f"{ARTICLE_ID}:model-comparison:{n}", "table_row") for n in range(1, 7)],
    ]
    assert section[1].text == COST_ROW
    assert section[2].text == (
        "row 2: Onshore Team (onshore insourcing): 100% Internal | "
        "Outsourcing: Lesser Internal; More External"
    )


def test_cost_row_chunk_fields(chunks: tuple[Chunk, ...]) -> None:
    """A chunk carries its heading path as section and as the prefix of its index text."""
    chunk = _by_id(chunks)[f"{ARTICLE_ID}:model-comparison:1"]
    index_text = f"{ARTICLE_TITLE} > Model Comparison\n{COST_ROW}"
    assert chunk == Chunk(
        id=f"{ARTICLE_ID}:model-comparison:1",
        document_id=ARTICLE_ID,
        document_title=ARTICLE_TITLE,
        section_id="model-comparison",
        section="Model Comparison",
        text=COST_ROW,
        index_text=index_text,
        kind="table_row",
        content_hash=hashlib.sha256(index_text.encode("utf-8")).hexdigest(),
    )


def test_strategy_matrix_rows(chunks: tuple[Chunk, ...]) -> None:
    """The 2x2 strategy matrix gives one labelled row per location."""
    rows = [c.text for c in chunks if c.section_id == "strategy-matrix" and c.kind == "table_row"]
    assert rows == [
        "In-Home Country (Onshore): Done Internally: Onshore Insourcing | "
        "Done Externally: Onshore Outsource",
        "Outside Home Country (Offshore): Done Internally: Offshore Insourcing | "
        "Done Externally: Offshore Outsource",
    ]


def test_paragraph_chunk_is_the_paragraph_verbatim(chunks: tuple[Chunk, ...]) -> None:
    """A paragraph chunk quotes the paragraph exactly, typographic quotes included."""
    chunk = _by_id(chunks)[f"{ARTICLE_ID}:cost-consideration:1"]
    assert chunk.text.startswith("In terms of cost, outsourcing emerges as the ‘cheapest’ option")
    assert chunk.text.endswith("usually lasting less than one year.")
    assert chunk.index_text == (
        f"{ARTICLE_TITLE} > Outsourcing and Offshoring Software Development Key Considerations"
        f" > Cost Consideration\n{chunk.text}"
    )


def test_real_article_chunk_counts(chunks: tuple[Chunk, ...]) -> None:
    """The article gives 47 chunks: 12 table rows and 35 paragraphs, one id each."""
    assert len(chunks) == 47
    assert sum(c.kind == "table_row" for c in chunks) == 12
    assert len({c.id for c in chunks}) == 47


def test_paragraphs_occur_in_their_section(chunks: tuple[Chunk, ...]) -> None:
    """Every paragraph chunk's text is a verbatim slice of its section's text."""
    sections = {s.id: s.text for s in load_documents(KNOWLEDGE_DIR)[0].sections}
    missing = [
        c.id for c in chunks if c.kind == "paragraph" and c.text not in sections[c.section_id]
    ]
    assert missing == []


def test_chunks_are_stable_across_loads() -> None:
    """Loading and chunking twice gives identical chunks, ids and hashes."""
    first = chunk_documents(load_documents(KNOWLEDGE_DIR))
    second = chunk_documents(load_documents(KNOWLEDGE_DIR))
    assert first == second
    assert [c.content_hash for c in first] == [c.content_hash for c in second]


def test_short_paragraph_merges_with_next(tmp_path: Path) -> None:
    """A paragraph under 60 characters is joined to the next paragraph of its section."""
    long = "This paragraph is comfortably longer than sixty characters in total."
    assert _chunk_text(tmp_path, f"Short one.\n\nAnother.\n\n{long}\n\n{long}\n") == [
        (f"Short one.\n\nAnother.\n\n{long}", "paragraph"),
        (long, "paragraph"),
    ]


def test_short_closing_paragraph_merges_with_previous(tmp_path: Path) -> None:
    """A short last paragraph joins the one before it instead of standing alone."""
    long = "This paragraph is comfortably longer than sixty characters in total."
    assert _chunk_text(tmp_path, f"{long}\n\nThe end.\n") == [(f"{long}\n\nThe end.", "paragraph")]


def test_lone_short_paragraph_is_kept(tmp_path: Path) -> None:
    """A section whose only text is short still gives one chunk."""
    assert _chunk_text(tmp_path, "Tiny.\n") == [("Tiny.", "paragraph")]


def test_bullet_list_is_one_chunk(tmp_path: Path) -> None:
    """A bullet list, even a loose one, is one chunk, and a short lead-in line joins it."""
    body = "Benefits:\n\n- Cost saving\n- Speed\n\n- Talent\n  acquisition\n\n1. First\n2. Second\n"
    assert _chunk_text(tmp_path, body) == [
        (
            "Benefits:\n\n- Cost saving\n- Speed\n\n- Talent\n  acquisition\n\n1. First\n2. Second",
            "paragraph",
        )
    ]


def test_fenced_code_keeps_blank_lines(tmp_path: Path) -> None:
    """A fenced code block with blank lines inside stays one chunk."""
    code = "```python\ndef f() -> int:\n\n    return 1  # a long enough line of code here\n```"
    assert _chunk_text(tmp_path, f"{code}\n") == [(code, "paragraph")]


def test_table_cells_empty_escaped_and_unlabelled(tmp_path: Path) -> None:
    """Empty cells are left out, escaped pipes restored, an empty label reads 'row N'."""
    body = (
        "| Aspect | A | B |\n| :--- | ---: | --- |\n| Speed | fast \\| cheap | |\n"
        "| Control | (cell lost in extraction) | high |\n| | only a | |\n"
    )
    assert _chunk_text(tmp_path, body) == [
        ("Speed: A: fast | cheap", "table_row"),
        ("Control: A: (cell lost in extraction) | B: high", "table_row"),
        ("row 3: A: only a", "table_row"),
    ]


def test_header_only_table_is_a_paragraph(tmp_path: Path) -> None:
    """A table without data rows is kept as a plain paragraph chunk."""
    body = "| Aspect | A long header that makes this block over sixty chars |\n| --- | --- |\n"
    assert _chunk_text(tmp_path, body) == [(body.rstrip("\n"), "paragraph")]


def test_short_paragraph_before_table_does_not_merge_into_rows(tmp_path: Path) -> None:
    """A short lead-in before a table stays a paragraph; rows are numbered after it."""
    path = tmp_path / "t.md"
    path.write_text("# T {#t}\n\nSee below:\n\n| K | V |\n| - | - |\n| a | 1 |\n", encoding="utf-8")
    chunks = chunk_documents([load_document(path)])
    assert [(c.id, c.kind, c.text) for c in chunks] == [
        ("t:t:0", "paragraph", "See below:"),
        ("t:t:1", "table_row", "a: V: 1"),
    ]


def test_index_text_prefix_has_title_and_path(tmp_path: Path) -> None:
    """When the top heading differs from the document title, both appear in the prefix."""
    path = tmp_path / "g.md"
    path.write_text(
        "---\nid: g\ntitle: Guide\n---\n# Part {#p}\n## Sub {#s}\n\nBody text.\n", encoding="utf-8"
    )
    (chunk,) = chunk_documents([load_document(path)])
    assert (chunk.id, chunk.section, chunk.index_text) == (
        "g:s:0",
        "Part > Sub",
        "Guide > Part > Sub\nBody text.",
    )
