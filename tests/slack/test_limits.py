"""Block Kit limit helpers: truncate, split_section_text, fit_blocks, assert_within_limits."""

from __future__ import annotations

from typing import Any

import pytest

from bot.slack.blocks.limits import (
    MAX_BLOCKS_MESSAGE,
    MAX_BLOCKS_VIEW,
    assert_within_limits,
    fit_blocks,
    split_section_text,
    truncate,
)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _button(text: str) -> dict[str, Any]:
    return {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": text}}


def test_truncate_keeps_short_text_and_cuts_long_text_with_the_note() -> None:
    """Text within the limit is unchanged; longer text is cut to exactly the limit."""
    assert truncate("short", 10) == "short"
    assert truncate("abcdefghijkl", 10) == "abcdefghi…"
    assert truncate("abcdefghijkl", 10, note=" (more)") == "abc (more)"
    assert len(truncate("x" * 5000, 3000)) == 3000


def test_split_prefers_paragraphs_then_lines_then_hard_cuts() -> None:
    """Pieces break at blank lines first, then at newlines, and only then inside a line."""
    paragraphs = "aaaa\n\nbbbb\n\ncccc"
    assert split_section_text(paragraphs, 10) == ["aaaa\n\nbbbb", "cccc"]
    lines = "aaaa\nbbbb\ncccc"
    assert split_section_text(lines, 10) == ["aaaa\nbbbb", "cccc"]
    assert split_section_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_section_text("  \n\n ", 10) == []


def test_split_pieces_rejoin_to_the_original_words() -> None:
    """Splitting never loses or reorders text, and every piece respects the limit."""
    text = "\n\n".join(f"Paragraph {i}: " + "word " * (i * 40) for i in range(1, 30))
    pieces = split_section_text(text, 3000)
    assert all(len(p) <= 3000 for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_fit_blocks_adds_a_note_and_keeps_the_tail() -> None:
    """Over the limit, blocks are cut, a note counting the dropped ones is added, tail kept."""
    blocks = [_section(str(i)) for i in range(60)]
    fitted = fit_blocks(blocks, MAX_BLOCKS_MESSAGE, lambda n: _section(f"{n} more"), keep_last=1)
    assert len(fitted) == 50
    assert fitted[-1] == _section("59")
    assert fitted[-2] == _section("11 more")
    assert fitted[:48] == blocks[:48]
    assert fit_blocks(blocks[:5], 50, _section("note")) == blocks[:5]


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({"blocks": [_section("x")] * 51}, "message has 51 blocks"),
        ({"blocks": [_section("x" * 3001)]}, "section text has 3001 chars"),
        (
            {"blocks": [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]},
            "header text has 151 chars",
        ),
        ({"blocks": [{"type": "actions", "elements": [_button("b" * 76)]}]}, "button text"),
        ({"view": {"type": "modal", "blocks": [_section("x")] * 101}}, "view has 101 blocks"),
        ({"view": {"type": "modal", "title": {"type": "plain_text", "text": "t" * 25}}}, "title"),
        ({"text": "t" * 40_001}, "text has 40001 chars"),
        ({"blocks": '[{"type": "context", "elements": []}]'}, "context has 0 elements"),
    ],
    ids=["blocks", "section", "header", "button", "view", "title", "text", "json_string"],
)
def test_assert_within_limits_names_the_broken_limit(payload: dict[str, Any], problem: str) -> None:
    """Each limit violation raises an AssertionError naming it."""
    with pytest.raises(AssertionError, match=problem):
        assert_within_limits(payload)


def test_assert_within_limits_accepts_payloads_at_the_limits() -> None:
    """Payloads exactly at the limits pass."""
    assert_within_limits({"blocks": [_section("x" * 3000)] * MAX_BLOCKS_MESSAGE, "text": "t"})
    assert_within_limits({"view": {"type": "home", "blocks": [_section("x")] * MAX_BLOCKS_VIEW}})
    assert_within_limits({"blocks": [{"type": "actions", "elements": [_button("b" * 75)]}]})
