"""parse_scenario_args(): forgiving key=value parsing with one-line errors naming the field."""

from __future__ import annotations

import pytest

from bot.errors import InputError
from bot.models import Scenario
from bot.scoring import parse_scenario_args, parse_scenario_values


def _set(scenario: Scenario) -> dict[str, object]:
    return scenario.model_dump(exclude_unset=True)


@pytest.mark.parametrize(
    ("value", "months"),
    [
        ("18", 18),
        ("18m", 18),
        ("18mo", 18),
        ("18 months", 18),
        ("1 month", 1),
        ("1.5y", 18),
        ("2 years", 24),
        ("2yrs", 24),
        ("1y6m", 18),
        ("1 year 6 months", 18),
        ("1 year and 6 months", 18),
        ("0.5y", 6),
        ("1.3y", 16),
        ("20y", 240),
        ("1", 1),
        ('"18 months"', 18),
        ("18 MONTHS", 18),
    ],
)
def test_duration_forms(value: str, months: int) -> None:
    """Durations are read in months or years, alone or combined; a bare number is months."""
    assert _set(parse_scenario_args(f"duration={value}")) == {"duration_months": months}


@pytest.mark.parametrize("key", ["duration", "months", "duration_months", "Duration-Months"])
def test_duration_aliases(key: str) -> None:
    """duration, months and the field name all set duration_months, in any case."""
    assert _set(parse_scenario_args(f"{key}=6")) == {"duration_months": 6}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[("yes", True), ("Y", True), ("true", True), ("1", True)],
        *[("no", False), ("n", False), ("FALSE", False), ("0", False)],
    ],
)
def test_core_yes_no_forms(value: str, expected: bool) -> None:
    """core accepts yes/no, y/n, true/false and 1/0 in any case."""
    assert _set(parse_scenario_args(f"core={value}")) == {"core": expected}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[("non-it", "non_it"), ("non_it", "non_it"), ("nonit", "non_it"), ("Non-IT", "non_it")],
        *[("tech", "tech"), ("it", "tech"), ("IT", "tech")],
    ],
)
def test_company_forms(value: str, expected: str) -> None:
    """company accepts non-it / non_it / nonit and tech / it."""
    assert _set(parse_scenario_args(f"company={value}")) == {"company": expected}
    assert _set(parse_scenario_args(f"company_type={value}")) == {"company": expected}


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("budget", "budget"),
        ("control", "control"),
        ("upfront", "upfront_investment"),
        ("upfront_investment", "upfront_investment"),
        ("change", "change_rate"),
        ("change-rate", "change_rate"),
    ],
)
@pytest.mark.parametrize(
    ("value", "level"), [("low", "low"), ("med", "medium"), ("Medium", "medium"), ("HIGH", "high")]
)
def test_level_fields_and_their_aliases(key: str, field: str, value: str, level: str) -> None:
    """Level fields take low/med/medium/high in any case, under their names or aliases."""
    assert _set(parse_scenario_args(f"{key}={value}")) == {field: level}


@pytest.mark.parametrize(
    ("text", "expected"), [("talent=scarce", "scarce"), ("local_talent=Available", "available")]
)
def test_local_talent(text: str, expected: str) -> None:
    """local_talent (alias talent) takes scarce or available."""
    assert _set(parse_scenario_args(text)) == {"local_talent": expected}


def test_a_full_command_sets_every_field_given_and_only_those() -> None:
    """Several pairs with spaces, commas or semicolons set exactly the given fields."""
    scenario = parse_scenario_args(
        "duration=2 years, core=no; company=tech budget = high control=low talent=scarce"
    )
    assert _set(scenario) == {
        "duration_months": 24,
        "core": False,
        "company": "tech",
        "budget": "high",
        "control": "low",
        "local_talent": "scarce",
    }
    assert scenario.upfront_investment == "medium"
    assert scenario.model_fields_set == {
        "duration_months",
        "core",
        "company",
        "budget",
        "control",
        "local_talent",
    }


def test_empty_text_is_all_defaults_with_nothing_set() -> None:
    """No arguments give the default scenario with no field marked as given."""
    scenario = parse_scenario_args("   ")
    assert scenario == Scenario()
    assert scenario.model_fields_set == set()


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("budget=huge", "budget", 'budget: "huge" is not one of low, medium, high'),
        ("control=", "control", 'control: "" is not one of low, medium, high'),
        ("change=often", "change_rate", 'change_rate: "often" is not one of low, medium, high'),
        (
            "core=maybe",
            "core",
            'core: "maybe" is not one of yes, no (or true/false, y/n, 1/0)',
        ),
        ("company=bank", "company", 'company: "bank" is not one of non-it, tech'),
        ("talent=none", "local_talent", 'local_talent: "none" is not one of scarce, available'),
        (
            "duration=soon",
            "duration_months",
            'duration_months: "soon" is not a duration; use months or years, '
            "e.g. 18, 18m, 18 months, 1.5y, 2 years, 1y6m (1 to 240 months)",
        ),
        (
            "duration=6 months 1 year",
            "duration_months",
            'duration_months: "6 months 1 year" is not a duration; use months or years, '
            "e.g. 18, 18m, 18 months, 1.5y, 2 years, 1y6m (1 to 240 months)",
        ),
        (
            "duration=0",
            "duration_months",
            'duration_months: "0" is 0 months, outside 1 to 240 months',
        ),
        (
            "duration=21y",
            "duration_months",
            'duration_months: "21y" is 252 months, outside 1 to 240 months',
        ),
        (
            "duration=" + "9" * 310,
            "duration_months",
            'duration_months: "999999999999999999999999…" is outside 1 to 240 months',
        ),
        (
            "duration=" + "9" * 5000 + "y",
            "duration_months",
            'duration_months: "999999999999999999999999…" is outside 1 to 240 months',
        ),
        (
            "duration=240.5",
            "duration_months",
            'duration_months: "240.5" is 241 months, outside 1 to 240 months',
        ),
        # Under a month is refused, not rounded up to the shortest length (the trial).
        (
            "duration=0.5",
            "duration_months",
            'duration_months: "0.5" is less than 1 month; give 1 to 240 months',
        ),
        (
            "duration=6 months=7",
            "duration_months",
            "duration_months: given more than once; give each field once",
        ),
        ("core=yes Core=no", "core", "core: given more than once; give each field once"),
        (
            "size=big",
            "size",
            '"size" is not a scenario field; use one of duration_months (duration, months), '
            "core, company (company_type), budget, control, upfront_investment (upfront), "
            "change_rate (change), local_talent (talent)",
        ),
        (
            "evaluate budget=low",
            None,
            '"evaluate" is not a key=value pair; use e.g. duration=18 core=no company=tech',
        ),
    ],
)
def test_bad_input_raises_a_one_line_input_error(
    text: str, field: str | None, message: str
) -> None:
    """Unknown keys, bad values, repeats and out-of-range durations name the field and choices."""
    with pytest.raises(InputError) as caught:
        parse_scenario_args(text)
    assert str(caught.value) == message
    assert caught.value.field == field
    assert "\n" not in str(caught.value)


def test_a_long_fraction_is_read_exactly() -> None:
    """'1.' followed by 5000 zeros and a 1 is one month, not a crash on Python's int limit."""
    assert _set(parse_scenario_args("duration=1." + "0" * 5000 + "1")) == {"duration_months": 1}


def test_parse_scenario_values_is_the_shared_field_parser() -> None:
    """Raw values by field name or alias give the same Scenario as the key=value text."""
    values = {"duration": "1.5y", "core": "No", "company_type": "Non-IT", "talent": "scarce"}
    assert parse_scenario_values(values) == parse_scenario_args(
        "duration=1.5y core=No company_type=Non-IT talent=scarce"
    )
    assert _set(parse_scenario_values(values)) == {
        "duration_months": 18,
        "core": False,
        "company": "non_it",
        "local_talent": "scarce",
    }


def test_parse_scenario_values_rejects_a_field_given_under_two_names() -> None:
    """'duration' and 'months' both name duration_months: that is one field given twice."""
    with pytest.raises(InputError) as caught:
        parse_scenario_values({"duration": "6", "months": "7"})
    assert str(caught.value) == "duration_months: given more than once; give each field once"
