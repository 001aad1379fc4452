"""A yes/no question answered by a table row whose columns are options: the Yes or No is read
from the cell of the option the question names (decision table of exact cases)."""

from __future__ import annotations

import pytest

from bot.advisor.lexicon import Lexicon
from bot.advisor.question import read_question
from bot.advisor.yes_no import PolarReader
from bot.models import TableRow, Vocabulary
from tests.retrieval_fixtures import make_chunk

VOCABULARY = Vocabulary(
    synonyms=(("offshore", "abroad"), ("outsourcing service provider", "vendor")),
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
        # Names no single column's option, or asks nothing of a cell.
        ("are they our employees?", MEMBERS, ""),
        ("is outsourcing the same as offshoring?", MEMBERS, ""),
        ("is offshoring abroad?", LOCATION, ""),
    ],
)
def test_row_answer_decision_table(question: str, row: TableRow, answer: str) -> None:
    """The cell of the option the question names decides; '' when none can."""
    assert READER.row_answer(read_question(question, LEXICON), row) == answer
