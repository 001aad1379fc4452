"""parse_scenario_text(): deterministic reading of scenario fields from free text."""

from __future__ import annotations

import pytest

from bot.errors import InputError
from bot.models import SCENARIO_FIELDS
from bot.scoring import parse_scenario_args, parse_scenario_text


def _read(text: str) -> dict[str, object]:
    scenario, fields = parse_scenario_text(text)
    assert scenario is not None
    assert fields == tuple(f for f in SCENARIO_FIELDS if f in scenario.model_fields_set)
    return {field: getattr(scenario, field) for field in fields}


def test_the_brief_example() -> None:
    """A bank's 6-month app that is not core reads as non_it, 6 months, core False."""
    scenario, fields = parse_scenario_text("we're a bank with a 6-month mobile app, not core")
    assert fields == ("duration_months", "core", "company")
    assert scenario is not None
    assert (scenario.duration_months, scenario.core, scenario.company) == (6, False, "non_it")
    assert scenario.model_fields_set == {"duration_months", "core", "company"}


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("a 6-month project", 6),
        ("it runs 18 months", 18),
        ("about two years of work", 24),
        ("1.5 years", 18),
        ("it will take a year", 12),
        ("half a year", 6),
        ("a year and a half", 18),
        # Chat shorthand (the trial): "1 yr and half" was read as 12 months.
        ("project: 1 yr and half", 18),
        ("2 and half years", 30),
        ("one and a half years", 18),
        ("two and a half years", 30),
        ("1 year and 6 months", 18),
        ("2 years 3 months", 27),
        ("a 3-year roadmap", 36),
        ("twenty-four months", 24),
        ("six months", 6),
        ("12 weeks", 3),
        ("a two-week project", 1),
        ("project is 1y6m", 18),
        ("a 6 mnth project", 6),
        ("a <1 year project", 11),
        ("project > 1 year", 13),
        ("a project of >= 2 years", 24),
        ("one week of work", 1),
        ("a couple of years", 2 * 12),
        ("more than a year", 13),
        ("longer than 1 year", 13),
        ("less than a year", 11),
        ("under 6 months", 5),
        ("6-12 months", 12),
        ("1 to 2 years", 24),
        ("18 mos", 18),
        ("3 yrs", 36),
        ("it'll run 3+ yrs", 36),
        ("built over 3 years", 36),
        # A single-letter unit before "project" (or an MVP, a build ...) is a length.
        ("for a 2y project", 24),
        ("a 6m MVP", 6),
    ],
)
def test_durations(text: str, months: int) -> None:
    """Durations in digits or words, with halves, ranges (upper end) and more/less than."""
    assert _read(text) == {"duration_months": months}


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("we were founded 10 years ago; the project is 4 months", 4),
        ("a 5 year old company with a 9 month project", 9),
        ("sprints every 2 weeks, 8 months in total", 8),
        ("a $2m budget for a 10 month build", 10),
        ("30 years, then a 7 month project", 7),
        ("we've been hiring 6 months with no luck; the app is a 14 month build", 14),
        ("recruiting for 4 months now, and the project runs 2 years", 24),
        # how long someone has been something (set L2, dev)
        ("she has been our head of IT for 25 years; the app is a 5 month build", 5),
    ],
)
def test_durations_that_describe_something_else_are_skipped(text: str, months: int) -> None:
    """Ages, "ago", per-sprint cadence, time spent hiring, money and impossible lengths do not
    count."""
    assert _read(text)["duration_months"] == months


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("this is our core platform", True),
        ("it is core to the business", True),
        ("it's our main product", True),
        ("the app is mission-critical", True),
        ("it's pretty central to how we operate", True),
        ("the heart of our business", True),
        ("not core", False),
        ("it's non-core", False),
        ("a noncore system", False),
        ("it isn’t core for us", False),
        ("it is not part of our core", False),
        ("just a side project", False),
        ("a partner portal nothing core just needs to ship", False),
    ],
)
def test_core(text: str, core: bool) -> None:
    """Core and not-core phrasings, negations first."""
    assert _read(text) == {"core": core}


@pytest.mark.parametrize(
    "text", ["we want to focus on our core business", "our core team is small", "hello there"]
)
def test_core_about_something_else_or_nothing_reads_nothing(text: str) -> None:
    """'Core business' focus and 'core team' are not about this project; chit-chat reads nothing."""
    assert parse_scenario_text(text) == (None, ())


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("we're a bank", "non_it"),
        ("a large insurer", "non_it"),
        ("a retailer with 200 stores", "non_it"),
        ("we run a hospital", "non_it"),
        ("a car manufacturer", "non_it"),
        ("a logistics firm", "non_it"),
        ("we're a non-IT company", "non_it"),
        ("we are not a tech company", "non_it"),
        ("we're a tech company", "tech"),
        ("an early-stage startup", "tech"),
        ("a SaaS business", "tech"),
        ("a software company", "tech"),
        ("an IT company in Berlin", "tech"),
        ("a fintech", "tech"),
        ("a healthcare startup", "tech"),
        ("a bank working with a startup", "non_it"),
        ("a startup selling to banks", "tech"),
        ("we are a tech co", "tech"),  # the trial
    ],
)
def test_company(text: str, company: str) -> None:
    """Industries read as non_it, tech phrasings as tech; the first mention is the speaker."""
    assert _read(text) == {"company": company}


def test_lowercase_it_is_not_an_it_company() -> None:
    """'it company' in lower case is the pronoun, so no company type is read."""
    assert parse_scenario_text("we need to make it company-wide") == (None, ())


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("we have a tight budget", "low"),
        ("limited budget", "low"),
        ("the budget is small", "low"),
        ("we don't have the budget", "low"),
        ("we are on a budget", "low"),
        ("a moderate budget", "medium"),
        ("budget is medium", "medium"),
        ("our budget is ok", "medium"),
        ("a big budget", "high"),
        ("we are well funded", "high"),
        ("we're well-funded", "high"),
        ("money is not an issue", "high"),
        ("we have lots of budget", "high"),  # the trial
        ("a lot of money for this", "high"),
    ],
)
def test_budget(text: str, budget: str) -> None:
    """Budget phrasings map to low, medium or high."""
    assert _read(text) == {"budget": budget}


@pytest.mark.parametrize(
    ("text", "control"),
    [
        ("we need tight control", "high"),
        ("control matters a lot", "high"),
        ("control is really important to us", "high"),
        ("we want full control over quality", "high"),
        ("we must keep control", "high"),
        ("we want a lot of control", "high"),
        ("we can't afford to lose control", "high"),
        ("we'd like to be hands-on", "high"),
        ("hands-off please", "low"),
        ("we don't want to be involved in the technical side", "low"),
        ("we do not need full control", "low"),
        ("happy to give up control", "low"),
        ("some control", "medium"),
    ],
)
def test_control(text: str, control: str) -> None:
    """Control phrasings, negations before positives."""
    assert _read(text) == {"control": control}


@pytest.mark.parametrize(
    ("text", "upfront"),
    [
        ("we can't invest upfront", "low"),
        ("we cannot invest much", "low"),
        ("not willing to invest", "low"),
        ("we can't spend much up front", "low"),
        ("no upfront investment possible", "low"),
        ("without a big upfront cost", "low"),
        ("we're willing to invest", "high"),
        ("ready to invest in a team", "high"),
        ("we can afford a large upfront investment", "high"),
    ],
)
def test_upfront_investment(text: str, upfront: str) -> None:
    """Upfront-investment phrasings, refusals before willingness."""
    assert _read(text) == {"upfront_investment": upfront}


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("requirements change often", "high"),
        ("the requirements will change", "high"),
        ("an evolving product", "high"),
        ("we iterate weekly", "high"),
        ("changing requirements", "high"),
        ("fixed scope", "low"),
        ("stable requirements", "low"),
        ("the requirements won't change", "low"),
        ("the scope is well-defined", "low"),
        ("occasional changes", "medium"),
    ],
)
def test_change_rate(text: str, rate: str) -> None:
    """Change-rate phrasings; 'won't change' is low, not high."""
    assert _read(text) == {"change_rate": rate}


@pytest.mark.parametrize(
    ("text", "talent"),
    [
        ("we can't hire locally", "scarce"),
        ("there is a talent shortage", "scarce"),
        ("these skills are scarce here", "scarce"),
        ("it is hard to find developers", "scarce"),
        ("we struggle to recruit", "scarce"),
        ("local talent is available", "available"),
        ("we can hire locally", "available"),
        ("talent is not scarce", "available"),
        ("plenty of developers in town", "available"),
    ],
)
def test_local_talent(text: str, talent: str) -> None:
    """Local-talent phrasings; 'not scarce' is available."""
    assert _read(text) == {"local_talent": talent}


def test_a_vendor_that_is_hard_to_find_is_not_a_talent_shortage() -> None:
    """'Hard to find' needs a people word to mean scarce talent."""
    assert parse_scenario_text("a good vendor is hard to find") == (None, ())


def test_a_long_message_reads_every_field() -> None:
    """A full description sets all eight fields, in field order."""
    text = (
        "We’re a SaaS company. The billing platform is core, a 2-year effort; "
        "we have a big budget, need full control, are willing to invest, "
        "requirements change often and we can’t hire locally."
    )
    assert _read(text) == {
        "duration_months": 24,
        "core": True,
        "company": "tech",
        "budget": "high",
        "control": "high",
        "upfront_investment": "high",
        "change_rate": "high",
        "local_talent": "scarce",
    }


@pytest.mark.parametrize(
    "text",
    [
        "",
        "what is offshoring?",
        "How do costs compare?",
        # a tenure far beyond a project's length is no out-of-range length (set L2, dev)
        "write a toast for a colleague who has been our ward clerk for 40 years",
    ],
)
def test_questions_without_scenario_facts_read_nothing(text: str) -> None:
    """Knowledge questions give (None, ())."""
    assert parse_scenario_text(text) == (None, ())


def test_same_text_same_result() -> None:
    """Parsing is deterministic."""
    text = "an insurer, 18 months, tight budget, fixed scope"
    assert parse_scenario_text(text) == parse_scenario_text(text)
    assert _read(text) == {
        "duration_months": 18,
        "company": "non_it",
        "budget": "low",
        "change_rate": "low",
    }


# -- key=value pairs typed in a question: the slash command's grammar ----------------------


def test_key_value_pairs_in_a_question_read_as_in_the_slash_command() -> None:
    """'duration=18m core=no company=non-it' is 18 months, not core, non-IT (not core = true)."""
    text = "duration=18m core=no company=non-it"
    assert _read(text) == {"duration_months": 18, "core": False, "company": "non_it"}
    assert parse_scenario_text(text)[0] == parse_scenario_args(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We're a bank; duration=2 years and core=yes. What should we do?",
            {"duration_months": 24, "core": True, "company": "non_it"},
        ),
        ("a 6-month project, duration=18m", {"duration_months": 18}),
        ("budget=high.", {"budget": "high"}),
        ("duration = 1 year 6 months, core = yes", {"duration_months": 18, "core": True}),
        (
            'duration="1 year 6 months" talent=scarce',
            {"duration_months": 18, "local_talent": "scarce"},
        ),
        ("Upfront=LOW, change=med", {"upfront_investment": "low", "change_rate": "medium"}),
        ("size=big but core=no", {"core": False}),
    ],
)
def test_key_value_pairs_mix_with_prose(text: str, expected: dict[str, object]) -> None:
    """Pairs win over phrases about the same field; unknown keys are left alone."""
    assert _read(text) == expected


def test_a_pair_inside_a_url_is_not_a_scenario_value() -> None:
    """'?budget=low' in a link is part of the link."""
    assert parse_scenario_text("see https://wiki.example.com/page?budget=low") == (None, ())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("what if budget=huge?", 'budget: "huge" is not one of low, medium, high'),
        ("core=maybe", 'core: "maybe" is not one of yes, no (or true/false, y/n, 1/0)'),
        ("duration=6 and months=7", "duration_months: given more than once; give each field once"),
        (
            "duration=" + "9" * 310,
            'duration_months: "999999999999999999999999…" is outside 1 to 240 months',
        ),
        ("duration=0", 'duration_months: "0" is 0 months, outside 1 to 240 months'),
    ],
)
def test_a_bad_pair_gets_the_slash_commands_message(text: str, message: str) -> None:
    """An invalid value in a pair raises the same InputError as /sourcing evaluate."""
    with pytest.raises(InputError) as caught:
        parse_scenario_text(text)
    assert str(caught.value) == message
    with pytest.raises(InputError) as slash:
        parse_scenario_args(text.removeprefix("what if ").rstrip("?").replace(" and ", " "))
    assert str(slash.value) == message


def test_a_310_digit_duration_in_prose_gets_the_range_message() -> None:
    """An impossible length in words gets the slash command's range message, not a crash; a
    valid length elsewhere in the text wins."""
    with pytest.raises(InputError) as info:
        parse_scenario_text("the project is " + "9" * 310 + " months long")
    assert (
        str(info.value) == 'duration_months: "999999999999999999999999…" is outside 1 to 240 months'
    )
    assert _read("9" * 5000 + " years, then a 7 month project") == {"duration_months": 7}


@pytest.mark.parametrize(
    "text",
    [
        # how long someone has been here, and a loan's length drawn as an analogy (sets W2, Y2)
        "can you write a leaving card for Jan? she's been here 22 years",
        "a rule of thumb for project length? like a short lease vs a 30-year mortgage",
    ],
)
def test_a_length_of_something_else_is_no_out_of_range_project(text: str) -> None:
    """A length that is not the project's, however long, is neither read nor an error."""
    _, fields = parse_scenario_text(text)
    assert "duration_months" not in fields


# -- phrasings people use (each a kind: amounts, negations, hedges) ------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we can put significant money upfront", {"upfront_investment": "high"}),
        ("happy to spend a lot upfront", {"upfront_investment": "high"}),
        ("upfront cost is not an issue", {"upfront_investment": "high"}),
        ("requirements pretty much fixed", {"change_rate": "low"}),
        ("the spec is set in stone", {"change_rate": "low"}),
        ("requirements are not fixed", {"change_rate": "high"}),
        ("the requirements aren't settled yet", {"change_rate": "high"}),
        ("requirements keep changing", {"change_rate": "high"}),
        ("we don't care much about control", {"control": "low"}),
        ("control doesn't matter much to us", {"control": "low"}),
        ("not too worried about control", {"control": "low"}),
        ("control over quality is not a priority", {"control": "low"}),
        ("we don't need to control every detail", {"control": "low"}),
        ("budget is high", {"budget": "high"}),
        ("the budget isn't very big", {"budget": "low"}),
        ("money is tight", {"budget": "low"}),
        ("it is not really core", {"core": False}),
        ("this isn't actually core", {"core": False}),
        ("not core", {"core": False}),
        ("our core platform", {"core": True}),
        ("18 months", {"duration_months": 18}),
        ("a year and a half", {"duration_months": 18}),
        ("2 yrs", {"duration_months": 24}),
    ],
)
def test_phrasings(text: str, expected: dict[str, object]) -> None:
    """Each phrase reads as a person means it, negations included."""
    assert _read(text) == expected


def test_the_core_platform_cost_cutting_question() -> None:
    """'Is it OK to outsource our core platform to cut costs?' is core work on a low budget."""
    assert _read("Is it OK to outsource our core platform to cut costs?") == {
        "core": True,
        "budget": "low",
    }
