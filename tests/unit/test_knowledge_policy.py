"""Loading the policy file: schema errors, semantic checks and verbatim quotes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.errors import KnowledgeError
from bot.knowledge import load_documents, load_policy
from bot.models import STRATEGIES, Document, Policy, SourceRef

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
ARTICLE = "outsourcing-vs-offshoring"
TITLE = "Outsourcing And Offshoring: What Is The Difference?"


@pytest.fixture(scope="module")
def documents() -> tuple[Document, ...]:
    """The real knowledge documents, loaded once for this module."""
    return load_documents(KNOWLEDGE_DIR)


def _ref(section: str, quote: str) -> dict[str, str]:
    return {"document": ARTICLE, "section": section, "quote": quote}


def _words(label: str, if_clause: str) -> dict[str, str]:
    return {"label": label, "if_clause": if_clause}


def _strategy(label: str, citation: dict[str, str]) -> dict[str, Any]:
    return {"label": label, "definition": f"{label}.", "citation": citation}


def _policy() -> dict[str, Any]:
    """A small valid policy quoting real sentences of the article."""
    return {
        "strategies": {
            "onshore_insourcing": _strategy(
                "In-house",
                _ref("why-in-house", "The company maintains full control over deliverables."),
            ),
            "onshore_outsourcing": _strategy(
                "Onshore outsourcing",
                _ref(
                    "strategy-matrix",
                    "outsourcing is the process of hiring a company or individuals outside "
                    "the organization to complete the same tasks",
                ),
            ),
            "offshore_insourcing": _strategy(
                "Offshore team",
                _ref(
                    "definitions-table",
                    "Building a dedicated team in a different country to support the "
                    "software development process.",
                ),
            ),
            "offshore_outsourcing": _strategy(
                "Offshore outsourcing",
                _ref("cost-consideration", "especially when working with overseas outsourcing"),
            ),
        },
        "factors": [
            {
                "id": "duration_months",
                "label": "Project duration",
                "weight": 1,
                "citation": _ref("cost-consideration", "usually lasting less than one year"),
                "levels": {
                    "short": {
                        **_words("less than one year", "the project ran less than a year"),
                        "effects": {"onshore_outsourcing": 10},
                        "reason": "Short.",
                    },
                    "long": {
                        **_words("more than one year", "the project ran longer than a year"),
                        "effects": {"offshore_insourcing": 10},
                        "reason": "Long.",
                        "citation": _ref("why-offshoring", "typically exceeding one year"),
                    },
                },
            },
            {
                "id": "core",
                "label": "Core IT capability",
                "weight": 2,
                "citation": _ref("why-outsourcing", "NEVER outsource their core IT capabilities"),
                "levels": {
                    "true": {
                        **_words("core IT capability", "it were a core IT capability"),
                        "effects": {"onshore_outsourcing": -20},
                        "reason": "Core.",
                    }
                },
            },
        ],
        "rules": [
            {
                "id": "never_outsource_core",
                "when": [{"field": "core", "op": "eq", "value": True}],
                "strategies": ["onshore_outsourcing", "offshore_outsourcing"],
                "severity": "never_first",
                "message": "Never outsource a core IT capability.",
                "citation": _ref(
                    "why-outsourcing",
                    "we advise businesses to NEVER outsource their core IT capabilities – it only "
                    "makes sense for non-IT companies",
                ),
            }
        ],
        "cost_ranges": {
            "onshore_insourcing": {"range": "100%", "low_pct": 100, "high_pct": 100},
            "onshore_outsourcing": {"range": "not stated"},
            "offshore_outsourcing": {
                "range": "30% ~ 70%",
                "low_pct": 30,
                "high_pct": 70,
                "citation": _ref("model-comparison", "30% ~ 70% – Lower wage country"),
            },
            "offshore_insourcing": {
                "range": "20% ~ 60%",
                "low_pct": 20,
                "high_pct": 60,
                "citation": _ref("model-comparison", "20% ~ 60% – Lower wage country"),
            },
        },
    }


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _error(path: Path, documents: tuple[Document, ...]) -> str:
    with pytest.raises(KnowledgeError) as info:
        load_policy(path, documents)
    return str(info.value)


def _quote_refs(policy: Policy) -> list[SourceRef]:
    refs = [s.citation for s in policy.strategies.values()]
    for factor in policy.factors:
        refs.append(factor.citation)
        refs.extend(level.citation for level in factor.levels.values() if level.citation)
    refs.extend(rule.citation for rule in policy.rules)
    refs.extend(c.citation for c in policy.cost_ranges.values() if c.citation)
    return refs


def test_valid_policy_loads_with_section_paths(
    tmp_path: Path, documents: tuple[Document, ...]
) -> None:
    """A valid policy loads and every quote gets its section's heading path as section_path."""
    policy = load_policy(_write(tmp_path, _policy()), documents)
    assert tuple(policy.strategies) == STRATEGIES
    assert [f.id for f in policy.factors] == ["duration_months", "core"]
    assert policy.factors[0].levels["long"].citation == SourceRef(
        document=ARTICLE,
        section="why-offshoring",
        quote="typically exceeding one year",
        document_title="Outsourcing And Offshoring: What Is The Difference?",
        section_path="Outsourcing And Offshoring – Which Model Is Ideal"
        " > Why You Should Choose Offshoring Software Development",
    )
    assert policy.cost_ranges["offshore_insourcing"].citation is not None
    assert policy.cost_ranges["offshore_insourcing"].citation.section_path == "Model Comparison"
    refs = _quote_refs(policy)
    assert len(refs) == 10
    assert [r for r in refs if not r.section_path] == []


def test_quote_whitespace_is_collapsed(tmp_path: Path, documents: tuple[Document, ...]) -> None:
    """A quote matches across line breaks and doubled spaces, but nothing else is normalised."""
    data = _policy()
    data["factors"][0]["citation"]["quote"] = "usually\n   lasting  less than\tone year"
    policy = load_policy(_write(tmp_path, data), documents)
    assert policy.factors[0].citation.quote == "usually\n   lasting  less than\tone year"


def test_unquoted_boolean_level_keys(tmp_path: Path, documents: tuple[Document, ...]) -> None:
    """Level keys written as bare YAML true/false are read as the strings "true"/"false"."""
    path = _write(tmp_path, _policy())
    path.write_text(path.read_text(encoding="utf-8").replace("'true':", "true:"), encoding="utf-8")
    assert "\n    true:\n" in path.read_text(encoding="utf-8")
    assert list(load_policy(path, documents).factors[1].levels) == ["true"]


def test_quote_with_straight_apostrophes_is_rejected(
    tmp_path: Path, documents: tuple[Document, ...]
) -> None:
    """Typographic quotes must match: a straight-quoted copy of a sentence is not verbatim."""
    data = _policy()
    data["factors"][0]["citation"]["quote"] = "outsourcing emerges as the 'cheapest' option"
    path = _write(tmp_path, data)
    assert _error(path, documents) == (
        f"{path}: factors.0.citation: quote not found verbatim in "
        f"{ARTICLE}#cost-consideration: \"outsourcing emerges as the 'cheapest' option\""
    )


def test_quote_from_another_section_is_rejected_with_a_hint(
    tmp_path: Path, documents: tuple[Document, ...]
) -> None:
    """A quote that exists only in a different section fails and names where it does occur."""
    data = _policy()
    data["rules"][0]["citation"]["section"] = "why-offshoring"
    path = _write(tmp_path, data)
    assert _error(path, documents) == (
        f"{path}: rules.0.citation: quote not found verbatim in {ARTICLE}#why-offshoring: "
        '"we advise businesses to NEVER outsource their core IT capabilities – it only makes '
        f'sense for non-IT companies" (it occurs in {ARTICLE}#why-outsourcing)'
    )


def test_quote_of_a_subsection_is_not_in_its_parent(
    tmp_path: Path, documents: tuple[Document, ...]
) -> None:
    """A quote must come from the section's own text, not from one of its sub-sections."""
    data = _policy()
    data["factors"][0]["citation"]["section"] = "considerations"
    path = _write(tmp_path, data)
    assert _error(path, documents).startswith(
        f"{path}: factors.0.citation: quote not found verbatim in {ARTICLE}#considerations:"
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["strategies"]["onshore_insourcing"]["citation"].update(document="nope"),
            f'strategies.onshore_insourcing.citation: unknown document "nope" (known: {ARTICLE})',
        ),
        (
            lambda d: d["cost_ranges"]["offshore_insourcing"]["citation"].update(section="costs"),
            f'cost_ranges.offshore_insourcing.citation: unknown section "{ARTICLE}#costs"',
        ),
        (
            lambda d: d["strategies"].pop("onshore_outsourcing"),
            "strategies: missing onshore_outsourcing",
        ),
        (
            lambda d: d["cost_ranges"].pop("offshore_outsourcing"),
            "cost_ranges: missing offshore_outsourcing",
        ),
        (
            lambda d: d["cost_ranges"]["offshore_insourcing"].update(low_pct=70),
            "cost_ranges.offshore_insourcing: low_pct 70 is above high_pct 60",
        ),
        (
            lambda d: d["factors"][0].update(id="team_size"),
            'factors.0: unknown factor "team_size" (Scenario fields: duration_months, core, '
            "company, budget, control, upfront_investment, change_rate, local_talent)",
        ),
        (
            lambda d: d["factors"][1].update(id="duration_months"),
            'factors.1: duplicate factor "duration_months"',
        ),
        (
            lambda d: d["factors"][0]["levels"].update(medium=d["factors"][0]["levels"]["short"]),
            'factors.0.levels.medium: "medium" is not a level of duration_months '
            "(use short, one_year, long)",
        ),
        (
            lambda d: d["factors"][1]["levels"].update(
                yes={**_words("yes", "it were yes"), "reason": "Yes."}
            ),
            'factors.1.levels.yes: "yes" is not a level of core (use true, false)',
        ),
        (
            lambda d: d["factors"][1]["levels"]["true"].update(label="  "),
            "factors.1.levels.true.label: must not be blank; people see it in answers",
        ),
        (
            lambda d: d["factors"][0]["levels"]["long"].update(if_clause="duration_months > 12"),
            'factors.0.levels.long.if_clause: "duration_months > 12" reads like a field name; '
            "write it as people say it",
        ),
        (
            lambda d: d["factors"][0]["levels"]["long"].update(label="Less than one year"),
            'factors.0.levels.long.label: "Less than one year" is also the label of level '
            "short; people could not tell them apart",
        ),
        (
            lambda d: d["rules"][0]["when"][0].update(field="team"),
            'rules.0.when.0: unknown field "team" (not a Scenario field) '
            "(rule never_outsource_core)",
        ),
        (
            lambda d: d["rules"][0]["when"][0].update(value="yes"),
            "rules.0.when.0: core is true or false, not 'yes' (rule never_outsource_core)",
        ),
        (
            lambda d: d["rules"][0]["when"][0].update(field="budget", op="in", value=["hgh"]),
            "rules.0.when.0: 'hgh' is not a value of budget (use low, medium, high) "
            "(rule never_outsource_core)",
        ),
        (
            lambda d: d["rules"][0]["when"][0].update(field="duration_months", op="lt", value="a"),
            "rules.0.when.0: duration_months is a number, not 'a' (rule never_outsource_core)",
        ),
        (
            lambda d: d["rules"][0]["when"][0].update(op="in"),
            'rules.0.when.0: op "in" needs a list (rule never_outsource_core)',
        ),
        (
            lambda d: d["rules"].append(d["rules"][0]),
            'rules.1: duplicate rule id "never_outsource_core"',
        ),
    ],
)
def test_semantic_errors(
    tmp_path: Path, documents: tuple[Document, ...], change: Any, problem: str
) -> None:
    """Each inconsistency with the documents or the Scenario model fails naming the item."""
    data = _policy()
    change(data)
    path = _write(tmp_path, data)
    assert _error(path, documents) == f"{path}: {problem}"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["factors"][1].update(weight=7),
            "factors.1.weight: Input should be less than or equal to 5 (got 7)",
        ),
        (
            lambda d: d["factors"][0].pop("label"),
            "factors.0.label: Field required",
        ),
        (
            lambda d: d["factors"][1]["levels"]["true"].pop("label"),
            "factors.1.levels.true.label: Field required",
        ),
        (
            lambda d: d["factors"][0]["levels"]["short"].pop("if_clause"),
            "factors.0.levels.short.if_clause: Field required",
        ),
        (
            lambda d: d["rules"][0].update(severity="fatal"),
            "rules.0.severity: Input should be 'warning' or 'never_first' (got 'fatal')",
        ),
        (
            lambda d: d["factors"][0].update(colour="red"),
            "factors.0.colour: Extra inputs are not permitted (got 'red')",
        ),
        (
            lambda d: d["strategies"]["onshore_insourcing"]["citation"].update(quote="ab"),
            "strategies.onshore_insourcing.citation.quote: String should have at least 3 "
            "characters (got 'ab')",
        ),
        (
            lambda d: d.update(base_score=101, version="x"),
            "version: Input should be a valid integer, unable to parse string as an integer "
            "(got 'x') (and 1 more errors)",
        ),
    ],
)
def test_schema_errors(
    tmp_path: Path, documents: tuple[Document, ...], change: Any, problem: str
) -> None:
    """A schema violation gives one line: file, dotted field path, pydantic's message."""
    data = _policy()
    change(data)
    path = _write(tmp_path, data)
    assert _error(path, documents) == f"{path}: {problem}"


def test_file_level_errors(tmp_path: Path, documents: tuple[Document, ...]) -> None:
    """A missing file, invalid YAML, a non-mapping and non-UTF-8 bytes each fail naming the file."""
    path = tmp_path / "policy.yaml"
    assert _error(path, documents) == f"{path}: policy file not found"
    path.write_text("factors: [\n  - id: core\n", encoding="utf-8")
    assert _error(path, documents) == (
        f"{path}: invalid YAML: expected the node content, but found '-' (line 2, column 3)"
    )
    path.write_text("- just\n- a list\n", encoding="utf-8")
    assert _error(path, documents) == f"{path}: the policy must be a YAML mapping, not list"
    path.write_text("", encoding="utf-8")
    assert _error(path, documents) == f"{path}: the policy must be a YAML mapping, not NoneType"
    path.write_bytes(b"name: caf\xe9\n")
    assert _error(path, documents) == f"{path}: not UTF-8 text (invalid byte at offset 9)"


def test_shipped_policy_loads(documents: tuple[Document, ...]) -> None:
    """knowledge/policy.yaml validates against the real article, every quote resolved."""
    path = KNOWLEDGE_DIR / "policy.yaml"
    if not path.exists():
        pytest.skip("knowledge/policy.yaml is not written yet")
    policy = load_policy(path, documents)
    assert tuple(sorted(policy.strategies)) == tuple(sorted(STRATEGIES))
    assert [r for r in _quote_refs(policy) if not r.section_path or TITLE in r.section_path] == []


def test_shipped_policy_labels_every_level(documents: tuple[Document, ...]) -> None:
    """Every level of the shipped policy says its value as people read it."""
    policy = load_policy(KNOWLEDGE_DIR / "policy.yaml", documents)
    labels = {f.id: {k: level.label for k, level in f.levels.items()} for f in policy.factors}
    assert labels == {
        "duration_months": {
            "short": "less than one year",
            "one_year": "one year",
            "long": "more than one year",
        },
        "core": {"true": "core IT capability", "false": "not a core IT capability"},
        "company": {"non_it": "non-IT company", "tech": "tech company"},
        "budget": {"low": "low budget", "medium": "medium budget", "high": "high budget"},
        "control": {
            "low": "little need for control",
            "medium": "some need for control",
            "high": "high need for control",
        },
        "upfront_investment": {
            "low": "little capacity to invest upfront",
            "medium": "some capacity to invest upfront",
            "high": "able to invest significantly upfront",
        },
        "change_rate": {
            "low": "stable requirements",
            "medium": "requirements that change sometimes",
            "high": "frequently changing requirements",
        },
        "local_talent": {
            "scarce": "skills scarce locally",
            "available": "skills available locally",
        },
    }
    clauses = [level.if_clause for f in policy.factors for level in f.levels.values()]
    assert clauses[:3] == [
        "the project ran less than a year",
        "the project ran exactly one year",
        "the project ran longer than a year",
    ]
