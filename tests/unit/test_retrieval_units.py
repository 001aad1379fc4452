"""The vector store's entries: sentence and table-cell units, section entries, ids and metadata."""

from __future__ import annotations

import pytest

from bot.errors import RetrievalError
from bot.models import Chunk
from bot.retrieval.sync import UNIT_LAYOUT
from bot.retrieval.units import (
    chunk_units,
    index_entries,
    parent_chunk,
    section_entry,
    section_title,
    split_sentences,
    table_cells,
    unit_entries,
)
from tests.retrieval_fixtures import sha256


def _chunk(
    cid: str, text: str, *, kind: str = "paragraph", section: str = "Guide > Costs"
) -> Chunk:
    return Chunk(
        id=cid,
        document_id="guide",
        document_title="Sourcing Guide",
        section_id=cid.split(":")[1],
        section=section,
        text=text,
        index_text=f"{section}\n{text}",
        kind=kind,
        content_hash=sha256(text),
    )


ROW = _chunk(
    "guide:table:0",
    "Cost (headcount basis): Onshore Team: 100% – Default | Outsourcing: 30% ~ 70% – Lower wage",
    kind="table_row",
    section="Model Comparison",
)
PARAGRAPH = _chunk(
    "guide:costs:0",
    "Outsourcing is the ‘cheapest’ option. It suits projects under\n1 year!  Is it (really) cheap?",
)


def test_sentences_split_at_end_punctuation_before_a_capital_digit_quote_or_parenthesis() -> None:
    """Whitespace collapses; "e.g. the" and ".) 2" (no stop right before the space) do not split."""
    assert split_sentences(PARAGRAPH.text) == [
        "Outsourcing is the ‘cheapest’ option.",
        "It suits projects under 1 year!",
        "Is it (really) cheap?",
    ]
    assert split_sentences("Vendors, e.g. the big ones, charge more. (See below.) 2 more.") == [
        "Vendors, e.g. the big ones, charge more.",
        "(See below.) 2 more.",
    ]
    assert split_sentences(" \n ") == []


def test_a_table_row_gives_one_unit_per_cell_prefixed_by_its_row_label() -> None:
    """Each cell becomes "{row label} — {header}: {value}"."""
    assert chunk_units(ROW) == [
        "Cost (headcount basis) — Onshore Team: 100% – Default",
        "Cost (headcount basis) — Outsourcing: 30% ~ 70% – Lower wage",
    ]


def test_a_row_without_a_label_and_a_paragraph_without_a_stop_stay_whole() -> None:
    """Text that does not split gives one unit: the chunk's own text."""
    assert table_cells("Lonely label") == ["Lonely label"]
    assert chunk_units(_chunk("guide:a:0", "no full stop here")) == ["no full stop here"]


def test_unit_entries_have_numbered_ids_parent_metadata_and_the_unit_hash() -> None:
    """Ids are "{chunk_id}#u{n}"; small metadata: the parent chunk, its section and hashes."""
    entries = unit_entries(ROW)
    assert [e.id for e in entries] == ["guide:table:0#u0", "guide:table:0#u1"]
    assert entries[1].document == "Cost (headcount basis) — Outsourcing: 30% ~ 70% – Lower wage"
    assert entries[1].metadata == {
        "chunk_id": "guide:table:0",
        "document_id": "guide",
        "section_id": "table",
        "chunk_hash": ROW.content_hash,
        "content_hash": sha256(entries[1].document),
    }


def test_the_section_entry_embeds_the_last_heading_of_the_path() -> None:
    """One entry per section, id "{document}:{section}#section", text = the section's title."""
    chunk = _chunk("guide:scale:1", "Text.", section="Key Considerations > Scalability")
    entry = section_entry(chunk)
    assert section_title(chunk) == "Scalability"
    assert entry.id == "guide:scale#section"
    assert entry.document == "Scalability"
    assert entry.metadata == {
        "document_id": "guide",
        "document_title": "Sourcing Guide",
        "section_id": "scale",
        "section": "Key Considerations > Scalability",
        "kind": "section",
        "content_hash": sha256("Scalability"),
    }


def test_index_entries_holds_every_unit_and_each_section_once() -> None:
    """Two chunks of one section and a table row give their units plus two section entries."""
    second = _chunk("guide:costs:1", "Offshoring takes longer.")
    entries = index_entries([PARAGRAPH, second, ROW])
    assert list(entries) == [
        "guide:costs:0#u0",
        "guide:costs:0#u1",
        "guide:costs:0#u2",
        "guide:costs#section",
        "guide:costs:1#u0",
        "guide:table:0#u0",
        "guide:table:0#u1",
        "guide:table#section",
    ]


def test_duplicate_chunk_ids_are_rejected() -> None:
    """Two chunks with one id raise RetrievalError naming it."""
    with pytest.raises(RetrievalError, match="duplicate chunk id 'guide:costs:0'"):
        index_entries([PARAGRAPH, PARAGRAPH])


def test_parent_chunk_reads_units_sections_and_the_old_layout() -> None:
    """A unit's parent is its chunk_id, a section has none, an old-layout entry is its own id."""
    unit = unit_entries(ROW)[0]
    assert parent_chunk(unit.id, unit.metadata) == "guide:table:0"
    section = section_entry(ROW)
    assert parent_chunk(section.id, section.metadata) is None
    assert parent_chunk("guide:table:0", {"kind": "table_row"}) == "guide:table:0"


def test_the_unit_layout_version_names_this_splitter() -> None:
    """The index skips re-embedding when UNIT_LAYOUT and the chunks are unchanged: any change to
    how chunks become units must change this pinned output and bump UNIT_LAYOUT with it."""
    paragraph = _chunk(
        "guide:a:0", "Costs fall 30%. Teams grow (slowly). “Quality” matters!  Next?\nYes."
    )
    assert (UNIT_LAYOUT, chunk_units(paragraph), chunk_units(ROW)) == (
        "sentences-cells-sections/1",
        ["Costs fall 30%.", "Teams grow (slowly).", "“Quality” matters!", "Next?", "Yes."],
        [
            "Cost (headcount basis) — Onshore Team: 100% – Default",
            "Cost (headcount basis) — Outsourcing: 30% ~ 70% – Lower wage",
        ],
    )
