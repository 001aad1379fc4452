"""A yes/no question answered by a table row whose columns are options: the Yes or No is read
from the cell of the option the question names (decision table of exact cases)."""

from __future__ import annotations

import pytest

from bot.advisor.lexicon import Lexicon
from bot.advisor.question import read_question
from bot.advisor.tables import baseline_note, figure_range, figures_statement
from bot.advisor.yes_no import PolarReader
from bot.models import TableRow, Vocabulary
from tests.retrieval_fixtures import make_chunk

VOCABULARY = Vocabulary(
    synonyms=(
        ("offshore", "abroad", "outside home country"),
        ("onshore", "home country", "local"),
        ("outsourcing service provider", "vendor", "dev shop"),
    ),
)
TEXT = (
    "Outsourcing costs less and offshoring brings quality control. Employees of a vendor are "
    "not ours; an offshore team are in-house employees abroad."
)
LEXICON = Lexicon.build(VOCABULARY, (make_chunk("g:c:0", TEXT),))
READER = PolarReader(LEXICON)
HEADERS = ("Outsourcing Software Development", "Offshoring Software Development")


def _row(label: str, outsourcing: str, offshoring: str) -> TableRow:
    cells = tuple(zip(HEADERS, (outsourcing, offshoring), strict=True))
    return TableRow(
        chunk_id=f"g:t:{label}",
        document_id="g",
        section_id="t",
        section="Definitions",
        text=" | ".join(f"{h}: {c}" for h, c in cells),
        table="Definitions",
        number=1,
        label=label,
        cells=cells,
    )


BENEFITS = _row("Benefits", "Cost Saving; Speed Up", "Cost Saving; Quality Control")
MEMBERS = _row(
    "Team members",
    "Non-employees, who work for the outsourcing service provider instead.",
    "In-house employees but located in a different country.",
)
LOCATION = _row(
    "Location",
    "Can within and outside home country (onshore or offshore)",
    "Outside home country (offshore)",
)


@pytest.mark.parametrize(
    ("question", "row", "answer"),
    [
        ("Does offshoring give us quality control?", BENEFITS, "Yes"),
        # Listed for the other option only.
        ("Does outsourcing give us quality control?", BENEFITS, "No"),
        ("Does outsourcing save cost?", BENEFITS, "Yes"),
        # The cell negates what is asked ("Non-employees").
        ("if we hire a vendor, are those devs our employees?", MEMBERS, "No"),
        ("are people in an offshore team our employees?", MEMBERS, "Yes"),
        # "Outside home country" says no; "Can within and outside" allows it.
        ("can offshoring be done in our home country?", LOCATION, "No"),
        ("can outsourcing be done in our home country?", LOCATION, "Yes"),
        # Asked the other way round.
        ("Is it a bad idea to offshore for quality control?", BENEFITS, "No"),
        # The option asked about has no column: only a comparison is answered, by the other's.
        ("Does an in-house team save more cost than outsourcing?", BENEFITS, "No"),
        ("Does an in-house team save cost, as outsourcing does?", BENEFITS, ""),
        # Names no single column's option, or asks nothing of a cell.
        ("are they our employees?", MEMBERS, ""),
        # "The same?" is No when the two options' cells differ (their team members do).
        ("is outsourcing the same as offshoring?", MEMBERS, "No"),
        ("is offshoring abroad?", LOCATION, ""),
        # Where an option's people are: the cell names that location (a phrase of several
        # words counts as one: "outside home country" is abroad, not the home country) ...
        ("can outsourcing be local?", LOCATION, "Yes"),
        ("what about offshoring, can that be local too?", LOCATION, "No"),
        # ... and, for "always"/"have to", names it alone.
        ("does outsourcing always mean going abroad?", LOCATION, "No"),
        ("does outsourcing by definition mean going abroad?", LOCATION, "No"),
        ("Can a vendor be local, or does it have to be abroad?", LOCATION, "Yes"),
        # A cell that names no location, or a row whose label was lost, says nothing of where.
        ("can outsourcing be local?", MEMBERS, ""),
        ("can outsourcing be local?", _row("", *(c for _, c in LOCATION.cells)), ""),
        # A synonym of several words names its option ("dev shop" is a vendor).
        ("if we go with a dev shop, are those developers our employees?", MEMBERS, "No"),
    ],
)
def test_row_answer_decision_table(question: str, row: TableRow, answer: str) -> None:
    """The cell of the option the question names decides; '' when none can."""
    assert READER.row_answer(read_question(question, LEXICON), row) == answer


COST = TableRow(
    chunk_id="g:m:1",
    document_id="g",
    section_id="m",
    section="Model Comparison",
    text="Cost: Onshore Team (onshore insourcing): 100% – Default | Outsourcing: 30% ~ 70% | ...",
    table="Model Comparison",
    number=1,
    label="Cost (headcount basis)",
    cells=(
        ("Onshore Team (onshore insourcing)", "100% – Default"),
        ("Outsourcing", "30% ~ 70% – Lower wage country; Outsourcing margins"),
        ("Offshore Team (offshore insourcing)", "20% ~ 60% – Lower wage country"),
    ),
)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("is offshoring cheaper than outsourcing?", "Yes"),
        ("is outsourcing cheaper than an offshore team?", "No"),
        ("is outsourcing more expensive than offshoring?", "Yes"),
        # "in-house" is the onshore team: the offshore team's column is taken.
        ("is an offshore team cheaper than in-house?", "Yes"),
        ("is outsourcing cheaper than in-house?", "Yes"),
        # Not a comparison of cost, or one option only.
        ("is outsourcing faster than offshoring?", ""),
        ("is outsourcing cheap?", ""),
    ],
)
def test_figures_answer_compares_the_two_ranges(question: str, answer: str) -> None:
    """A cost comparison is answered by the two options' ranges when one is below the other
    at both ends; '' otherwise."""
    assert READER.figures_answer(read_question(question, LEXICON), COST) == answer


def test_figures_are_read_with_their_baseline() -> None:
    """A cell's opening percentage is a range; a row whose first cell is 100% is the baseline
    its figures are shares of."""
    assert figure_range("20% ~ 60% – Lower wage country") == (20.0, 60.0)
    assert figure_range("100% – Default") == (100.0, 100.0)
    assert figure_range("Lesser Internal; More External") is None
    assert baseline_note(COST) == (
        "Each figure is a share of the cost of Onshore Team (onshore insourcing), the baseline "
        "at 100%."
    )
    assert baseline_note(MEMBERS) == ""


def test_a_row_of_figures_reads_as_a_sentence_baseline_first() -> None:
    """A labelled row against a 100% baseline is one sentence: the baseline, then the cells
    asked about first, every header and cell verbatim; a row without a baseline is not."""
    assert figures_statement(COST) == (
        "Cost (headcount basis) in the Model Comparison, with Onshore Team (onshore insourcing) "
        "as the baseline at 100% – Default: Outsourcing 30% ~ 70% – Lower wage country; "
        "Outsourcing margins; Offshore Team (offshore insourcing) 20% ~ 60% – Lower wage "
        "country."
    )
    assert figures_statement(COST, first=[2]).endswith(
        "100% – Default: Offshore Team (offshore insourcing) 20% ~ 60% – Lower wage country; "
        "Outsourcing 30% ~ 70% – Lower wage country; Outsourcing margins."
    )
    assert figures_statement(COST, first=[0, 9]) == figures_statement(COST)
    assert figures_statement(MEMBERS) == ""


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # An in-house team that an offshore word qualifies is the offshore team ...
        ("when should we build an in-house team abroad?", ["offshore"]),
        ("in-house devs located offshore", ["offshore"]),
        # ... but not one set beside it, or one named further away.
        ("in-house or abroad?", ["inhouse", "offshore"]),
        ("an in-house team versus a team abroad", ["inhouse", "offshore"]),
        ("in-house people with lots of legacy knowledge, but abroad?", ["inhouse", "offshore"]),
        # A synonym of several words counts where it starts.
        ("a dev shop abroad", ["outsource", "offshore"]),
    ],
)
def test_sides_read_a_team_abroad_as_one_side(text: str, sides: list[str]) -> None:
    """The grid sides a text names, in order."""
    assert READER.sides(text) == sides


def test_where_is_asked_only_in_the_sentence_that_asks() -> None:
    """ "Can outsourcing be local?" asks where; "we can't hire locally. would offshoring
    help?" does not (the location is a remark)."""
    local = read_question("can outsourcing be local?", LEXICON, ())
    remark = read_question("we can't hire locally. would offshoring help with that?", LEXICON, ())
    assert READER.asked_where(local) == ["onshore"]
    assert READER.asked_where(remark) == []
    assert READER.where_answer(local, LOCATION) == "Yes"
    assert READER.where_answer(local, MEMBERS) == ""
