"""Table rows as clean statements: a grid of names, or a row of values against a baseline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import TableRow

_DIGIT = re.compile(r"\d")
_MAX_NAME_WORDS = 4


def is_grid(rows: Sequence[TableRow]) -> bool:
    """Whether a table's cells are short names (a matrix such as the four strategies), not
    values: every cell has at most four words, no digit and no ';'."""
    cells = [cell for row in rows for _, cell in row.cells]
    return bool(cells) and all(
        len(cell.split()) <= _MAX_NAME_WORDS and not _DIGIT.search(cell) and ";" not in cell
        for cell in cells
    )


def grid_statement(title: str, rows: Sequence[TableRow], *, intro: str = "") -> str:
    """A grid table as one sentence naming each cell by its row and column.

    ``Software Development Strategies: Onshore Insourcing (In-Home Country (Onshore), done
    internally); ...`` — every name and label verbatim, nothing added but the joins. With the
    sentence introducing the table (``intro``, ending in a colon), that sentence replaces the
    title: "... grouped into 4 different groups based on ... the location: Onshore ...".
    """
    parts = [
        f"{cell} ({row.label}, {header.lower()})" if row.label else f"{cell} ({header})"
        for row in rows
        for header, cell in row.cells
    ]
    opening = f"{intro} " if intro else f"{title}: "
    return opening + "; ".join(parts) + "."


def row_label(row: TableRow) -> str:
    """How a row is named: its label, or its position when the source lost the label."""
    return row.label or f"row {row.number}"


def _join(pairs: Sequence[tuple[str, str]]) -> str:
    out = ""
    for i, (header, cell) in enumerate(pairs):
        if i:
            out += " " if out.endswith((".", "!", "?")) else "; "
        out += f"{header}: {cell}"
    return out


def row_statement(row: TableRow, *, position: bool = True) -> str:
    """A value row as one statement, every cell with its column header, verbatim.

    ``Model Comparison, Cost (headcount basis) — Onshore Team (onshore insourcing): 100% –
    Default; Outsourcing: 30% ~ 70% – ...`` The first column comes first: in a comparison table
    it is the baseline the others are measured against. ``position=False`` leaves out the
    position that names a row whose label the source lost ("row 4"): no word of the source.
    """
    name = row_label(row) if position else row.label
    head = f"{row.table}, {name}" if name else row.table
    return f"{head} — {_join(row.cells)}"


_FIGURE = re.compile(r"^(\d+(?:\.\d+)?)%(?:\s*~\s*(\d+(?:\.\d+)?)%)?")


def figure_range(cell: str) -> tuple[float, float] | None:
    """The percentage a cell opens with, as (low, high): "20% ~ 60% – Lower wage country" ->
    (20.0, 60.0), "100% – Default" -> (100.0, 100.0); None when it opens with none."""
    found = _FIGURE.match(cell.strip())
    if not found:
        return None
    low = float(found.group(1))
    return low, float(found.group(2) or low)


def baseline_note(row: TableRow) -> str:
    """What a row's figures are relative to, when its first cell is the 100% baseline: "Each
    figure is a share of the cost of Onshore Team (onshore insourcing), the baseline at 100%."
    (the word "cost" only when the row's label names cost); "" otherwise."""
    if not row.cells or figure_range(row.cells[0][1]) != (100.0, 100.0):
        return ""
    what = "the cost of " if "cost" in row_label(row).lower() else ""
    return f"Each figure is a share of {what}{row.cells[0][0]}, the baseline at 100%."


def figures_statement(row: TableRow, *, first: Sequence[int] = ()) -> str:
    """A labelled row of figures against a 100% baseline as one sentence, the baseline first.

    ``Cost (headcount basis) in the Model Comparison, with Onshore Team (onshore insourcing) as
    the baseline at 100% – Default: Offshore Team (offshore insourcing) 20% ~ 60% – Lower wage
    country; Outsourcing 30% ~ 70% – Lower wage country; Outsourcing margins.``
    Every header and cell verbatim; nothing added but the joins.

    Args:
        row: A table row.
        first: Indexes of the non-baseline cells (1-based positions in ``row.cells``) to name
            first, in this order (the options a question asks about); the rest keep the
            table's order.

    Returns:
        The sentence; "" when the row's label was lost (what its cells measure is unknown) or
        its first cell is not the 100% baseline.
    """
    if not row.label or len(row.cells) < 2 or figure_range(row.cells[0][1]) != (100.0, 100.0):
        return ""
    (base_header, base_cell), others = row.cells[0], list(range(1, len(row.cells)))
    ordered = [i for i in dict.fromkeys(first) if i in others]
    ordered += [i for i in others if i not in ordered]
    cells = "; ".join(f"{row.cells[i][0]} {row.cells[i][1]}" for i in ordered)
    return (
        f"{row.label} in the {row.table}, with {base_header} as the baseline at {base_cell}: "
        f"{cells}."
    )
