"""The shipped knowledge/policy.yaml: loads, quotes verbatim, and says what the brief requires."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from pydantic import BaseModel

from bot.knowledge import load_documents, load_policy
from bot.models import STRATEGIES, Policy, SourceRef

ROOT = Path(__file__).resolve().parents[2]
POLICY_PATH = ROOT / "knowledge" / "policy.yaml"
ARTICLE = ROOT / "knowledge" / "outsourcing-vs-offshoring.md"


@functools.cache
def shipped() -> Policy:
    return load_policy(POLICY_PATH, load_documents(ROOT / "knowledge"))


def _quote_refs(value: object) -> list[SourceRef]:
    if isinstance(value, SourceRef):
        return [value]
    if isinstance(value, BaseModel):
        return [r for name in type(value).model_fields for r in _quote_refs(getattr(value, name))]
    if isinstance(value, dict):
        return [r for item in value.values() for r in _quote_refs(item)]
    if isinstance(value, tuple | list):
        return [r for item in value for r in _quote_refs(item)]
    return []


def _sections_by_hand() -> dict[str, str]:
    """Section id -> own text (sub-sections excluded), whitespace collapsed; split independently."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in ARTICLE.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{1,6} .*\{#([a-z0-9-]+)\}\s*$", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
        elif current is not None:
            current.append(line)
    return {k: re.sub(r"\s+", " ", "\n".join(v)).strip() for k, v in sections.items()}


def test_policy_loads_with_the_knowledge_loader_and_fills_section_paths() -> None:
    """load_policy accepts the shipped policy and gives every quote its section's heading path."""
    refs = _quote_refs(shipped())
    assert len(refs) == 27
    assert all(
        ref.section_path and "What Is The Difference" not in ref.section_path for ref in refs
    )


def test_every_quote_occurs_verbatim_in_its_own_section() -> None:
    """Each quote, whitespace collapsed, is a substring of the named section's own text."""
    sections = _sections_by_hand()
    missing = [
        (ref.section, ref.quote)
        for ref in _quote_refs(shipped())
        if re.sub(r"\s+", " ", ref.quote).strip() not in sections[ref.section]
    ]
    assert missing == []


def test_raw_yaml_validates_as_a_policy_without_the_loader() -> None:
    """The YAML is a valid Policy by itself (booleans as quoted level keys, no section titles)."""
    policy = Policy.model_validate(yaml.safe_load(POLICY_PATH.read_text(encoding="utf-8")))
    assert [f.id for f in policy.factors] == [f.id for f in shipped().factors]
    assert policy.factors[1].levels["true"].effects["onshore_outsourcing"] == -20
    assert policy.factors[1].citation.section_path == ""


def test_strategies_have_the_required_labels_in_order() -> None:
    """The four strategies are defined with the labels users see."""
    labels = {s: d.label for s, d in shipped().strategies.items()}
    assert labels == {
        "onshore_insourcing": "Onshore insourcing (in-house team)",
        "onshore_outsourcing": "Onshore outsourcing",
        "offshore_insourcing": "Offshore insourcing (dedicated offshore team)",
        "offshore_outsourcing": "Offshore outsourcing",
    }
    assert tuple(shipped().strategies) == STRATEGIES


def test_duration_buckets_split_at_one_year() -> None:
    """Below 12 months is short, above 12 is long, exactly 12 is neither."""
    duration = shipped().duration
    assert (duration.short_below_months, duration.long_above_months) == (12, 12)
    levels = shipped().factors[0].levels
    assert list(levels) == ["short", "one_year", "long"]
    assert levels["one_year"].effects == {}


def test_factors_are_the_eight_scenario_fields_with_all_their_levels() -> None:
    """Every factor lists a level for each value its field can take."""
    keys = {f.id: sorted(f.levels) for f in shipped().factors}
    assert keys == {
        "duration_months": ["long", "one_year", "short"],
        "core": ["false", "true"],
        "company": ["non_it", "tech"],
        "budget": ["high", "low", "medium"],
        "control": ["high", "low", "medium"],
        "upfront_investment": ["high", "low", "medium"],
        "change_rate": ["high", "low", "medium"],
        "local_talent": ["available", "scarce"],
    }


def test_rules_are_the_five_required_ones() -> None:
    """Rules, their conditions, targets and severities are exactly as the policy brief states."""
    rules = [
        (
            r.id,
            [(c.field, c.op, c.value) for c in r.when],
            r.strategies,
            r.severity,
        )
        for r in shipped().rules
    ]
    outsourcing = ("onshore_outsourcing", "offshore_outsourcing")
    assert rules == [
        ("never_outsource_core", [("core", "eq", True)], outsourcing, "never_first"),
        ("outsourcing_short_term_only", [("duration_months", "gt", 12)], outsourcing, "warning"),
        (
            "offshoring_for_long_key_projects",
            [("duration_months", "lt", 12)],
            ("offshore_insourcing",),
            "warning",
        ),
        (
            "offshoring_needs_upfront_investment",
            [("upfront_investment", "eq", "low")],
            ("offshore_insourcing",),
            "warning",
        ),
        ("in_house_needs_budget", [("budget", "eq", "low")], ("onshore_insourcing",), "warning"),
    ]


def test_cost_ranges_state_the_model_comparison_numbers_exactly() -> None:
    """Cost ranges are the table's figures; onshore outsourcing has none."""
    costs = {
        s: (c.range, c.low_pct, c.high_pct, c.basis, c.citation.section if c.citation else None)
        for s, c in shipped().cost_ranges.items()
    }
    assert costs == {
        "onshore_insourcing": ("100%", 100, 100, "headcount basis", "model-comparison"),
        "onshore_outsourcing": ("not stated", None, None, "headcount basis", "cost-consideration"),
        "offshore_insourcing": ("20% ~ 60%", 20, 60, "headcount basis", "model-comparison"),
        "offshore_outsourcing": ("30% ~ 70%", 30, 70, "headcount basis", "model-comparison"),
    }
    assert shipped().cost_ranges["onshore_insourcing"].note == "Default"
    assert "no figure for onshore outsourcing" in shipped().cost_ranges["onshore_outsourcing"].note


def test_typographic_quotes_are_kept_in_citations() -> None:
    """Quotes keep the article's curly quotes rather than straight ASCII ones."""
    quote = shipped().strategies["onshore_insourcing"].citation.quote
    assert quote == (
        "The onshore insourcing strategy, commonly known as the ‘in-house’ approach, "
        "is how most companies begin."
    )
