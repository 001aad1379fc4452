"""render_answer: Block Kit for an Answer, built from hand-made value objects."""

from __future__ import annotations

import json

from bot.models import Answer, Citation, Scenario, SourceRef, Statement
from bot.render import render_answer_text
from bot.slack import ids
from bot.slack.blocks.answer import render_answer, render_source_line
from bot.slack.blocks.limits import MAX_BLOCKS_MESSAGE, MAX_FALLBACK_TEXT, assert_within_limits
from bot.slack.ports import AdvisorPort


def _citation(
    n: int, quote: str = "Outsourcing is the preferred option for short-term projects."
) -> Citation:
    return Citation(
        n=n,
        source=SourceRef(
            document="outsourcing-vs-offshoring",
            document_title="Outsourcing And Offshoring",
            section="cost-consideration",
            section_path="Cost Consideration",
            quote=quote,
        ),
    )


def _answer(citations: tuple[Citation, ...], direct: str = "Outsource short projects.") -> Answer:
    return Answer(
        route="knowledge",
        direct=Statement(text=direct, citations=(1,)),
        considerations=(Statement(text="Cost: offshore teams cost less", citations=(1, 2)),),
        citations=citations,
    )


def test_answer_has_direct_text_considerations_sources_and_feedback() -> None:
    """Direct answer first, considerations with [n], one source line per citation, 👍/👎 last."""
    answer = _answer((_citation(1), _citation(2, "Offshore teams take time to build.")))
    text, blocks = render_answer(answer, feedback_key="k1")
    assert text == render_answer_text(answer, width=None)
    assert blocks[0] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "Outsource short projects. [1]"},
    }
    assert blocks[1]["text"]["text"] == "*Considerations*\n• Cost: offshore teams cost less [1][2]"
    assert blocks[2] == {"type": "divider"}
    assert blocks[3]["text"]["text"] == (
        "*Sources*\n"
        "[1] *Outsourcing And Offshoring* › Cost Consideration — "
        "“Outsourcing is the preferred option for short-term projects.”\n"
        "[2] *Outsourcing And Offshoring* › Cost Consideration — "
        "“Offshore teams take time to build.”"
    )
    assert blocks[4]["type"] == "actions"
    assert [(e["action_id"], e["value"]) for e in blocks[4]["elements"]] == [
        (ids.ACTION_FEEDBACK_UP, "k1"),
        (ids.ACTION_FEEDBACK_DOWN, "k1"),
    ]
    assert len(blocks) == 5


def test_no_feedback_key_means_no_buttons() -> None:
    """Without a feedback key the message has no actions block."""
    _, blocks = render_answer(_answer((_citation(1),)))
    assert [b["type"] for b in blocks] == ["section", "section", "divider", "section"]


def test_mrkdwn_control_characters_are_escaped() -> None:
    """&, < and > in quotes are escaped so Slack shows them literally (no fake mentions)."""
    line = render_source_line(_citation(3, "R&D <@U123> costs > 50%"))
    assert line.endswith("“R&amp;D &lt;@U123&gt; costs &gt; 50%”")


def test_long_source_list_is_split_into_sections_under_3000_chars() -> None:
    """Sources longer than one section's 3,000 characters go into several sections."""
    quote = "A long passage about offshore development centres. " * 10
    citations = tuple(_citation(n, quote.strip()) for n in range(1, 21))
    _, blocks = render_answer(_answer(citations), feedback_key="k")
    source_sections = [
        b
        for b in blocks
        if b["type"] == "section" and "› Cost" in json.dumps(b, ensure_ascii=False)
    ]
    assert len(source_sections) == 4
    assert all(len(b["text"]["text"]) <= 3000 for b in source_sections)
    rendered = json.dumps(blocks)
    assert all(f"[{n}] *Outsourcing" in rendered for n in range(1, 21))
    assert_within_limits({"blocks": blocks, "text": "x"})


def test_too_many_sources_are_cut_with_a_note_and_buttons_kept() -> None:
    """When sources would pass 50 blocks, the rest are counted in a note; feedback stays last."""
    quote = "x" * 2900
    citations = tuple(_citation(n, quote) for n in range(1, 81))
    _, blocks = render_answer(_answer(citations), feedback_key="k")
    assert len(blocks) == MAX_BLOCKS_MESSAGE
    assert blocks[-1]["type"] == "actions"
    note = blocks[-2]
    shown = sum(
        1
        for b in blocks
        if b["type"] == "section" and "› Cost" in json.dumps(b, ensure_ascii=False)
    )
    assert note["type"] == "context"
    assert note["elements"][0]["text"] == f"{80 - shown} more sources not shown."
    assert shown == 50 - 5  # direct, considerations, divider, note, actions
    assert_within_limits({"blocks": blocks})


def test_fallback_text_is_cut_to_slacks_limit() -> None:
    """A huge answer's fallback text stays under 40,000 characters; the blocks stay valid."""
    direct = "Offshoring needs time to build. " * 2000
    text, blocks = render_answer(_answer((_citation(1),), direct=direct), feedback_key="k")
    assert len(text) < MAX_FALLBACK_TEXT
    assert text.endswith("…")
    assert_within_limits({"blocks": blocks, "text": text})
    assert blocks[-1]["type"] == "actions"


def test_answer_with_evaluation_shows_a_compact_ranking(advisor: AdvisorPort) -> None:
    """An answer carrying an evaluation shows one field per strategy in ranking order."""
    evaluation = advisor.evaluate(Scenario(duration_months=6))
    answer = Answer(
        route="scenario", direct=Statement(text=evaluation.summary), evaluation=evaluation
    )
    _, blocks = render_answer(answer, feedback_key="k")
    [ranking] = [b for b in blocks if "fields" in b]
    assert len(ranking["fields"]) == 4
    for field, entry in zip(ranking["fields"], evaluation.ranking, strict=True):
        assert f"*{entry.label}*" in field["text"]
        assert f"Score *{entry.score}*/100" in field["text"]
    assert_within_limits({"blocks": blocks})


def test_tied_strategies_share_their_medal_and_assumptions_are_noted_once(
    advisor: AdvisorPort,
) -> None:
    """A bank's 6-month project ties both outsourcing strategies at the top: both get the first
    medal, the next score the second; what was assumed appears once in the blocks."""
    evaluation = advisor.evaluate(Scenario(duration_months=6, company="non_it"))
    assert evaluation.tied == ("onshore_outsourcing", "offshore_outsourcing")
    answer = advisor.ask("we are a bank with a 6 month project, should we outsource it?")
    _, blocks = render_answer(answer, feedback_key="k")
    [ranking] = [b for b in blocks if "fields" in b]
    medals = [f["text"].split(" ", 1)[0] for f in ranking["fields"]]
    assert medals == [
        ":first_place_medal:",
        ":first_place_medal:",
        ":second_place_medal:",
        ":third_place_medal:",
    ]
    shown = json.dumps(blocks)
    assert shown.count("Assumed (not stated") == 1
