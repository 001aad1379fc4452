"""The sourcing-advisor command line, run as a user would (subprocesses, real index)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.models import Answer, Evaluation

CLI = [sys.executable, "-m", "bot"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("cli-data")
    return {**os.environ, "SOURCING_DATA_DIR": str(data)}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_index_is_idempotent(env: dict[str, str]) -> None:
    """A second `index` finds every chunk unchanged and embeds nothing."""
    first = _run(env, "index")
    assert first.returncode == 0, first.stderr
    second = _run(env, "index")
    assert second.returncode == 0, second.stderr
    assert " 0 added, 0 updated, 0 removed, " in second.stdout
    assert Path(env["SOURCING_DATA_DIR"], "chroma").is_dir()


def test_ask_json_is_the_answer_object(env: dict[str, str]) -> None:
    """`ask --json` prints an Answer that validates and carries citations."""
    out = _run(
        env, "ask", "--json", "Why", "is", "offshoring", "preferred", "for", "long", "projects?"
    )
    assert out.returncode == 0, out.stderr
    answer = Answer.model_validate_json(out.stdout)
    assert answer.route == "knowledge"
    assert answer.citations


def test_evaluate_json_and_assumed_fields(env: dict[str, str]) -> None:
    """`evaluate --json` scores the given fields and lists the others as assumed."""
    out = _run(env, "evaluate", "--json", "--duration-months", "36", "--core", "--company", "tech")
    assert out.returncode == 0, out.stderr
    evaluation = Evaluation.model_validate_json(out.stdout)
    assert evaluation.scenario.duration_months == 36
    assert evaluation.assumed == (
        "budget",
        "control",
        "upfront_investment",
        "change_rate",
        "local_talent",
    )
    assert json.loads(out.stdout)["ranking"][0]["rank"] == 1


def test_evaluate_human_output_is_aligned(env: dict[str, str]) -> None:
    """The human ranking lists the four strategies under a header, one per line."""
    out = _run(env, "evaluate", "--duration-months", "6", "--company", "non-it")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("#  Strategy"))
    assert [line[:2] for line in lines[header + 1 : header + 5]] == ["1 ", "2 ", "3 ", "4 "]


def test_evaluate_flags_read_values_as_the_slash_command_does(env: dict[str, str]) -> None:
    """'1.5y', 'Non-IT', 'med' and --no-core are read by the shared parser, not argparse."""
    out = _run(
        env,
        "evaluate",
        "--json",
        *("--duration-months", "1.5y", "--company", "Non-IT", "--budget", "med", "--no-core"),
    )
    assert out.returncode == 0, out.stderr
    evaluation = Evaluation.model_validate_json(out.stdout)
    scenario = evaluation.scenario
    assert (scenario.duration_months, scenario.core, scenario.company, scenario.budget) == (
        18,
        False,
        "non_it",
        "medium",
    )
    assert evaluation.assumed == ("control", "upfront_investment", "change_rate", "local_talent")


def test_key_value_pairs_in_a_question_are_read_as_the_slash_command_reads_them(
    env: dict[str, str],
) -> None:
    """`ask "duration=18m core=no company=non-it"` scores 18 months, not core, non-IT."""
    out = _run(env, "ask", "--json", "duration=18m core=no company=non-it")
    assert out.returncode == 0, out.stderr
    answer = Answer.model_validate_json(out.stdout)
    assert answer.route == "scenario"
    assert answer.scenario_fields == ("duration_months", "core", "company")
    assert answer.evaluation is not None
    scenario = answer.evaluation.scenario
    assert (scenario.duration_months, scenario.core, scenario.company) == (18, False, "non_it")


def test_evaluate_human_output_shows_labels_not_field_names(env: dict[str, str]) -> None:
    """The terminal output names strategies, factors and values as people say them."""
    out = _run(env, "evaluate", "--duration-months", "18", "--no-core", "--company", "non-it")
    assert out.returncode == 0, out.stderr
    assert "- Project duration: 18 months (more than one year)." in out.stdout
    assert (
        "- Not given, so left out of the scores: budget to invest in a team, need for control,"
        in (out.stdout.replace("\n    ", " "))
    )
    for name in ("duration_months", "non_it", "onshore_outsourcing", "local_talent", "change_rate"):
        assert name not in out.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["evaluate", "--budget", "huge"],
            'sourcing-advisor evaluate: error: budget: "huge" is not one of low, medium, high',
        ),
        (
            ["evaluate", "--duration-months", "500"],
            'sourcing-advisor evaluate: error: duration_months: "500" is 500 months, '
            "outside 1 to 240 months",
        ),
        (
            ["evaluate", "--duration-months", "9" * 310],
            'sourcing-advisor evaluate: error: duration_months: "999999999999999999999999…" '
            "is outside 1 to 240 months",
        ),
        (
            ["evaluate", "--duration-months", "9" * 5000],
            'sourcing-advisor evaluate: error: duration_months: "999999999999999999999999…" '
            "is outside 1 to 240 months",
        ),
        (
            ["ask", "duration=" + "9" * 310],
            'sourcing-advisor ask: error: duration_months: "999999999999999999999999…" '
            "is outside 1 to 240 months",
        ),
        (
            ["ask", "what", "if", "budget=huge?"],
            'sourcing-advisor ask: error: budget: "huge" is not one of low, medium, high',
        ),
        (
            ["evaluate", "--company", "bank"],
            'sourcing-advisor evaluate: error: company: "bank" is not one of non-it, tech',
        ),
        (
            ["ask", "  "],
            "sourcing-advisor ask: error: question: the text is empty; ask a question about "
            "sourcing software development",
        ),
        (
            ["search", "-k", "0", "cost"],
            "sourcing-advisor search: error: k: must be a whole number from 1 to 50, got 0",
        ),
        (
            ["ask", "\u200b\u200b \u200d"],
            "sourcing-advisor ask: error: question: the text is empty; ask a question about "
            "sourcing software development",
        ),
        (
            ["serve", "--port", "99999"],
            "sourcing-advisor serve: error: argument --port: invalid port 99999: expected 0-65535",
        ),
        (
            ["serve", "--port", "http"],
            "sourcing-advisor serve: error: argument --port: invalid port 'http': expected a "
            "number 0-65535",
        ),
        (["frobnicate"], None),
        # A fact given twice is refused as /sourcing evaluate refuses it; argparse alone kept
        # the last one, so "--core --no-core" silently meant not core.
        (
            ["evaluate", "--core", "--no-core"],
            "sourcing-advisor evaluate: error: core: given more than once; give each field once",
        ),
        (
            ["evaluate", "--budget", "low", "--duration-months", "6", "--budget", "high"],
            "sourcing-advisor evaluate: error: budget: given more than once; give each field once",
        ),
        # With no fact every strategy scores the same: a four-way tie says nothing (a trial).
        (
            ["evaluate"],
            "sourcing-advisor evaluate: error: give at least one fact about the project, e.g. "
            "--duration-months 18 --core --company tech (see --help)",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    env: dict[str, str], args: list[str], message: str | None
) -> None:
    """Bad input exits with status 2 and a single line naming the problem, no traceback."""
    out = _run(env, *args)
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr
    if message is not None:
        assert out.stderr.strip() == message


def test_broken_policy_fails_start_up_with_a_clear_message(
    env: dict[str, str], tmp_path: Path
) -> None:
    """A policy quote that is not in its document stops start-up with one line naming it."""
    knowledge = Path(__file__).resolve().parents[2] / "knowledge"
    for name in ("outsourcing-vs-offshoring.md", "onboarding.yaml"):
        (tmp_path / name).write_text((knowledge / name).read_text(encoding="utf-8"), "utf-8")
    policy = (knowledge / "policy.yaml").read_text(encoding="utf-8")
    quote = "NEVER outsource their core IT capabilities"
    assert quote in policy
    (tmp_path / "policy.yaml").write_text(policy.replace(quote, "ALWAYS outsource everything"))
    out = _run({**env, "SOURCING_KNOWLEDGE_DIR": str(tmp_path)}, "index")
    assert out.returncode == 1
    assert "quote not found verbatim" in out.stderr
    assert "ALWAYS outsource everything" in out.stderr
    assert "Traceback" not in out.stderr


def test_chat_answers_and_keeps_thread_context(env: dict[str, str]) -> None:
    """`chat` answers each line; a follow-up changes one fact and keeps the earlier ones."""
    lines = "We're a bank with a 6-month mobile app, not core.\nWhat if it ran for 3 years?\nquit\n"
    out = subprocess.run(
        [*CLI, "chat"],
        env=env,
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    # Both turns are scored: each shows the ranking (the route is in --json, not the text).
    assert out.stdout.count("Cost (onshore team = 100%)") == 2
    assert "(route:" not in out.stdout
    shown = " ".join(out.stdout.split())
    assert (
        "Assumed (not stated, so it moved no score): budget to invest in a team, need for "
        "control, capacity for upfront investment, how often requirements change, local talent."
    ) in shown
    # the second turn's ranking opens with the changed fact, in the article's words
    assert "Project duration: 36 months (more than one year) — “" in shown


def test_invalid_utf8_on_the_command_line_is_answered(env: dict[str, str]) -> None:
    """Bytes that are not UTF-8 in a question are read as replacement characters: the rest of
    the question is answered, no internal error."""
    out = subprocess.run(
        [*CLI, "ask", "--json", b"\xff\xfe what is outsourcing?"],  # type: ignore[list-item]
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert (answer["route"], answer["covered"]) == ("knowledge", True)


@pytest.mark.parametrize("args", [("-v", "ask", "hi"), ("ask", "-v", "hi")])
def test_verbose_works_before_or_after_the_command(
    env: dict[str, str], args: tuple[str, ...]
) -> None:
    """`-v` logs progress to stderr whether it comes before the command or after it."""
    out = _run(env, *args)
    assert out.returncode == 0, out.stderr
    assert "INFO" in out.stderr
    assert "INFO" not in _run(env, "ask", "hi").stderr


def test_a_strategy_ranked_last_by_a_rule_says_so(env: dict[str, str]) -> None:
    """Core work: both outsourcing strategies score above the offshore team yet rank below it,
    and their lines say a policy rule ranked them last."""
    out = _run(env, "evaluate", "--duration-months", "6", "--core", "--company", "non-it")
    assert out.returncode == 0, out.stderr
    ranked = [line for line in out.stdout.splitlines() if re.match(r"[1-4]  \w", line)]
    noted = [line.split()[1] for line in ranked if "(ranked last by a policy rule)" in line]
    assert noted == ["Onshore", "Offshore"]
    assert [line.split()[2] for line in ranked[2:]] == ["outsourcing", "outsourcing"]
