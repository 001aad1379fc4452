"""What the first paragraph says, by kind of question: real knowledge, Chroma and model, no LLM.

Each test is one kind of failure issue 6 reported (opening filler, right passage but wrong
sentence, figures without numbers, false refusals, Slack markup, extraction notes, noise), with
its small input and expected text written here by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import build_advisor
from bot.advisor.service import Advisor
from bot.advisor.yes_no import asked_length
from bot.config import Settings
from bot.models import Answer
from bot.render import render_answer_text
from bot.retrieval import HybridRetriever

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    settings = Settings(
        knowledge_dir=REPO / "knowledge", data_dir=tmp_path_factory.mktemp("answers-data")
    )
    return build_advisor(settings)


@pytest.fixture(scope="module")
def documents_only(advisor: Advisor) -> Advisor:
    """The same advisor without the labelled questions: what the documents alone give (for
    tests of how sentences are read and joined, whichever passage retrieval ranks first)."""
    retriever = advisor.retriever
    assert isinstance(retriever, HybridRetriever)
    return advisor.with_retriever(retriever.with_labelled(None))


def _shown(answer: Answer) -> str:
    return render_answer_text(answer, width=None)


def test_definition_opens_with_both_definitions_not_the_intro(advisor: Advisor) -> None:
    """'What is the difference ...' opens with the two definitions, never the article's intro."""
    answer = advisor.ask("What is the difference between outsourcing and offshoring?")
    assert answer.kind == "definition"
    assert answer.direct.text == (
        "Outsourcing Versus Offshoring Definitions, What they mean — Outsourcing Software "
        "Development: Contracting an external party to help with the software development "
        "process. Offshoring Software Development: Building a dedicated team in a different "
        "country to support the software development process."
    )
    assert "shed light" not in _shown(answer)
    # Other words for "the difference" get the same definitions.
    for other in (
        "ok so whats the actual diff between outsourcing and offshoring? tl;dr pls",
        "could someone clarify what precisely distinguishes outsourcing from offshoring?",
    ):
        assert advisor.ask(other).direct.text == answer.direct.text


@pytest.mark.parametrize(
    "question",
    [
        "offshore insourcing?? sounds like a contradiction lol. what is that supposed to be",
        'In the matrix there is "onshore outsource" – what is meant with this?',
    ],
)
def test_a_strategy_of_the_grid_is_defined_by_its_two_parts(
    advisor: Advisor, question: str
) -> None:
    """ "Offshore insourcing" or "onshore outsource" opens with where (onshore/offshore) and who
    does the work (insourcing/outsourcing), the knowledge base's two defining sentences."""
    answer = advisor.ask(question)
    assert answer.kind == "definition"
    assert answer.direct.text.startswith("Onshore refers to a company operating within")
    assert "Insourcing involves completing specific tasks within" in answer.direct.text


def test_framing_sentence_answers_only_a_question_about_it(advisor: Advisor) -> None:
    """A framing sentence never opens an answer, unless it alone holds what is asked: "why do
    companies struggle to choose" is answered by "The struggle often stems from ...", which
    "What is the difference ..." never shows (above)."""
    answer = advisor.ask(
        "how come companies struggle so much to decide between outsourcing and offshoring?"
    )
    assert answer.direct.text.startswith("The struggle often stems from a lack of understanding")


def test_whether_outsourcing_must_be_abroad_opens_with_the_location_row(advisor: Advisor) -> None:
    """A yes/no question on where an option's people are opens with the row whose cell
    answers it when the row scores at least 0.7 of the best sentence (it was 0.8; sets D2, H,
    Y, dev), and "by definition" asks whether it is limited to one place."""
    answer = advisor.ask(
        "does outsourcing by definition mean sending work overseas? there's a shop two blocks away"
    )
    assert answer.direct.text.startswith(
        "No: Outsourcing Versus Offshoring Definitions, Location — Outsourcing Software "
        "Development: Can within and outside home country (onshore or offshore)"
    )


def test_a_follow_up_on_the_example_a_thread_was_given_asks_for_the_example(
    advisor: Advisor,
) -> None:
    """ "Which country is their team in?" after a request for an example asks about that
    example: V-key's sentence answers it (sets X, A2, C2, dev), not one on control."""
    answer = advisor.ask(
        "which country is their team in?",
        history=["can you point me to a real example of this working?"],
    )
    assert answer.direct.text.startswith("V-key, a global leader in software-based digital")
    assert "established its remote tech team in Vietnam" in answer.direct.text


def test_a_when_sentence_that_concludes_opens_the_answer_by_itself(advisor: Advisor) -> None:
    """ "Therefore, offshoring ... is typically preferred for ... exceeding one year" says when
    by itself: it opens the answer without its connective and without the upfront-cost
    reasoning it concludes, which opened this answer before; the quote stays exact."""
    answer = advisor.ask("when is offshoring the better pick?")
    assert answer.direct.text == (
        "Offshoring software development is typically preferred for important tech projects "
        "with longer development and maintenance timelines, typically exceeding one year."
    )
    cited = answer.citations[answer.direct.citations[0] - 1].source.quote
    assert cited.startswith("Therefore, offshoring software development is typically preferred")


def test_what_each_option_brings_opens_with_the_row_named_for_it(advisor: Advisor) -> None:
    """ "Advantages of each of the two?" asks option by option: the definitions table's
    Benefits row answers it (sets B2, C2, F, S, dev), not "Each model offers distinct
    advantages ...", which only says that they differ."""
    answer = advisor.ask("quick list pls: advantages of each of the two?")
    assert answer.direct.text.startswith(
        "Outsourcing Versus Offshoring Definitions, Benefits — Outsourcing Software "
        "Development: Cost Saving; Speed Up Software Development Process"
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "An outside company" is a vendor (sets G2, dev) ...
        (
            "what would we lose if we gave the whole app to an outside company?",
            "If your service provider stops their support, you are also at risk of facing "
            "business disruption.",
        ),
        # ... "per job or a monthly fee?" asks how a vendor is paid (sets G2, H2, dev) ...
        (
            "how would we pay an agency for the app, a monthly fee or per job?",
            "Businesses typically pay on a project basis",
        ),
        # ... how to decide, or weighing up the options, is the conclusion's "carefully
        # weighed" (quoted vocabulary entries; sets B2, G2, dev) ...
        (
            "ok but how do we decide which of the two suits us?",
            "Each model offers distinct advantages and considerations that must be carefully "
            "weighed against the specific needs and goals of the organization.",
        ),
        (
            "how do we go about weighing the options here?",
            "Each model offers distinct advantages and considerations that must be carefully "
            "weighed against the specific needs and goals of the organization.",
        ),
    ],
)
def test_everyday_words_for_the_articles_terms(
    advisor: Advisor, question: str, opening: str
) -> None:
    """Words people without the article's vocabulary use reach its sentences."""
    answer = advisor.ask(question)
    assert answer.covered
    assert answer.direct.text.startswith(opening)


def test_an_offshore_team_as_overkill_is_the_articles_deal_breaker(advisor: Advisor) -> None:
    """ "Overkill" is the article's "deal breaker" (a synonym group, which also keeps it from
    being corrected to "overall", a word the vocabulary uses; set H2, dev): Yes, with the
    upfront investment that makes it one."""
    answer = advisor.ask("would an offshore team be overkill for a 3 month job?")
    assert answer.direct.text.startswith(
        "Yes: it’s important to acknowledge that building a dedicated offshore tech team "
        "requires a considerable upfront investment"
    )


def test_which_is_better_overall_is_answered_by_it_depends(advisor: Advisor) -> None:
    """ "Better overall" asks for one best model: the conclusion says every company is
    unique (set H2, dev)."""
    answer = advisor.ask("ok which of the two is better overall, just tell me")
    assert answer.direct.text.startswith(
        "Since every company is unique, what works for others may not be suitable for you."
    )


def test_a_length_in_a_remark_brings_no_rule_to_whether_two_terms_are_the_same(
    advisor: Advisor,
) -> None:
    """ "Aren't they the same? I've used both words for three years" asks what the terms
    mean: the three years are no project's length, so the rule limiting outsourcing to
    short projects does not open the answer (set G2, dev); the definitions do."""
    answer = advisor.ask(
        "aren't outsourcing and offshoring the same? I've used both words in our plans for "
        "three years"
    )
    assert answer.direct.text.startswith(
        "No: while these terms are often used interchangeably due to some similarities"
    )


def test_a_short_project_is_answered_by_the_short_term_rule(advisor: Advisor) -> None:
    """A project's length is what the article's short-term rule is about: Yes, with "short-term
    tech projects ... less than one year". Which of its two sentences says it ("limit
    outsourcing to ..." or "it is the preferred option for ...") has moved with the labelled
    questions (A2, B2, G2, H2), so both are accepted."""
    direct = advisor.ask("is outsourcing the better option for a 6 month project?").direct.text
    assert direct.startswith("Yes: ")
    assert "short-term tech projects" in direct
    assert "less than one year" in direct


def test_asking_whether_it_is_a_deal_breaker_asks_the_negative(advisor: Advisor) -> None:
    """ "Is an offshore team a deal breaker if we only need 2 extra devs?" is answered Yes by
    "It can be a deal breaker for those who only need simple manpower", not No because the
    sentence says "deal breaker"."""
    direct = advisor.ask(
        "is an offshore team a deal breaker for us if we only need 2 extra devs?"
    ).direct.text
    assert direct.startswith("Yes: ")


def test_inhouse_written_as_one_word_is_in_house(advisor: Advisor) -> None:
    """ "inhouse" is "in-house" (set H2, dev): answered, not "not covered"."""
    assert advisor.ask("whats so good abt an inhouse team anyway").covered


def test_mixing_up_the_terms_is_the_articles_confusion(advisor: Advisor) -> None:
    """ "Mixing up" two terms is the article's "confusion" (a synonym group in
    knowledge/vocabulary.yaml): the sentence saying where it comes from, with the one it leans
    on, then that the terms are "used interchangeably". The intro opened this answer once;
    then it opened with "used interchangeably" alone, which most writers did not label."""
    direct = advisor.ask("why do people keep mixing up outsourcing and offshoring?").direct.text
    assert direct.startswith("Interestingly, when businesses refer to outsourcing and offshoring")
    assert "This can lead to confusion, as many businesses think offshoring" in direct
    assert "While these terms are often used interchangeably" in direct


@pytest.mark.parametrize(
    "question",
    [
        "local devs are so pricey, so why would a company still pick an onshore in-house team?",
        # what the question concedes ("given all the cost stuff") is not what it asks; it
        # opened with the in-house cost sentence before (sets B and Z, dev)
        "so basically given all the cost stuff why would anyone still keep there dev team in "
        "house onshore whats the upside",
        "Given how expensive local hiring is, why would anyone still go with an onshore in-house "
        "team?",
    ],
)
def test_why_choose_one_option_is_answered_about_that_option(
    advisor: Advisor, question: str
) -> None:
    """ "Why would a company still pick an in-house team?" asks what the in-house team brings:
    it opens with one of its benefits, not with where an offshore team's savings come from (it
    did before) nor with what the team costs."""
    answer = advisor.ask(question)
    assert answer.kind == "benefits"
    assert answer.direct.text.startswith(
        "Since members are recruited locally, face-to-face interviews and meetings"
    )


@pytest.mark.parametrize(
    ("question", "kind", "opening"),
    [
        (
            "what are the upsides of going with an agency?",
            "benefits",
            "By outsourcing to external service providers, companies gain access",
        ),
        # either the cost sentence or the "Why You Should Choose Offshoring" section's own
        (
            "so what's good about building our own team overseas?",
            "benefits",
            (
                "The cost-effectiveness of offshoring stems from",
                "Tech startups and IT companies are turning to building their own dedicated "
                "offshore tech teams to leverage the benefits",
            ),
        ),
        # "It is a cost-effective method ... compared to using their in-house team" names the
        # in-house team first but is about outsourcing (its section: "Why You Should Choose
        # Outsourcing ..."); it opened this answer before.
        # Either of the section's two sentences on the in-house team's upsides.
        (
            "benefits of keeping it all in-house?",
            "benefits",
            (
                "For tech companies, being able to connect and communicate easily is crucial",
                "Since members are recruited locally, face-to-face interviews and meetings",
            ),
        ),
    ],
)
def test_benefits_of_one_option_are_that_options(
    advisor: Advisor, question: str, kind: str, opening: str | tuple[str, ...]
) -> None:
    """The upsides of one option open with a sentence about that option, not another's."""
    answer = advisor.ask(question)
    assert answer.kind == kind
    assert answer.direct.text.startswith(opening)


@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        (
            "what hidden costs should i watch out for if we outsource?",
            "sky-high fees (hidden costs)",
        ),
        ("What's the longest project we should outsource?", "lasting less than one year"),
        ("Will I lose control over the code if we outsource?", "giving up full control"),
        ("are there any hiden costs with outsorcing i shoud know abt?", "hidden costs"),
        ("Is outsourcing faster?", "Speed Up Software Development Process"),
        ("6 month project, outsource or offshore? need answer before standup", "less than one"),
    ],
)
def test_the_sentence_that_answers_is_quoted(
    advisor: Advisor, question: str, must_say: str
) -> None:
    """Among the sentences of the best passages, the one that answers is in the answer."""
    answer = advisor.ask(question)
    assert answer.covered is True
    assert must_say in " ".join([answer.direct.text, *(c.text for c in answer.considerations)])


_OFFSHORE_FIRST = (
    "Offshore Team (offshore insourcing) 20% ~ 60% – Lower wage country; Outsourcing 30% ~ 70% "
    "– Lower wage country; Outsourcing margins"
)
_OUTSOURCING_FIRST = (
    "Outsourcing 30% ~ 70% – Lower wage country; Outsourcing margins; Offshore Team (offshore "
    "insourcing) 20% ~ 60% – Lower wage country"
)


@pytest.mark.parametrize(
    ("question", "opening", "cells"),
    [
        ("Is offshoring cheaper than outsourcing?", "Yes: ", _OFFSHORE_FIRST),
        # 30% ~ 70% is above 20% ~ 60% at both ends.
        ("is outsourcing cheaper than offshoring?", "No: ", _OUTSOURCING_FIRST),
        ("is outsourcing more expensive than an in-house team?", "No: ", _OUTSOURCING_FIRST),
        ("how much cheaper is an offshore team?", "", _OFFSHORE_FIRST),
        # The baseline is the in-house team: naming it first changes nothing.
        ("in-house vs outsourcing, how do the costs compare?", "", _OUTSOURCING_FIRST),
    ],
)
def test_figures_question_states_the_figures_with_their_baseline(
    advisor: Advisor, question: str, opening: str, cells: str
) -> None:
    """A cost question gives the Model Comparison's cost row in a sentence: the baseline
    (onshore team = 100%) first, then the options in the order the question names them, every
    cell verbatim, cited [1] to the table; a yes/no comparison opens with the answer the two
    ranges give."""
    answer = advisor.ask(question)
    assert answer.kind == "figures"
    assert answer.direct.text == (
        f"{opening}Cost (headcount basis) in the Model Comparison, with Onshore Team (onshore "
        f"insourcing) as the baseline at 100% – Default: {cells}."
    )
    assert answer.direct.citations == (1,)
    assert answer.citations[0].source.section == "model-comparison"


@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        (
            "If we hire a vendor, who employs the engineers doing the work?",
            "Non-employees, who work for the outsourcing service provider instead.",
        ),
        ("Will I lose control over the code if we outsource?", "giving up full control"),
        (
            "We don't want to manage engineers or do QA ourselves. Which model fits?",
            "liberates businesses from the time-consuming tasks of project management",
        ),
        # "per hour" asks how a vendor bills, not what an hour costs (a gap of the knowledge base).
        (
            "how do u normally pay an outsourcing vendor — per hour, per head, per project?",
            "businesses typically pay on a project basis",
        ),
        # A gap named as context is not what is asked: a preface before a colon (set Y, dev),
        # a dictated message's lead-up to its question (set Z), "rate" as a verb (set Y).
        (
            "Two quick ones for the RFP glossary: 1) what does the article mean by 'onshore'? "
            "2) and 'offshore'?",
            "Onshore refers to a company operating within their home country",
        ),
        (
            "so basically im walking to standup and thinking like why are companies even doing "
            "this outsourcing and off shoring thing in the first place whats the big pitch for it",
            "boost their tech capabilities without breaking the bank",
        ),
        (
            "Which option does the article rate as the cheapest, and in what circumstances is "
            "that especially true?",
            "outsourcing emerges as the ‘cheapest’ option",
        ),
        # "they'd be ours?" after a question about outsourcing switches to an offshore team
        # ("instead"); "set up" a team is not the upfront investment.
        (
            "if we sign w/ an outsourcing shop r the devs on our payroll? || ok and if we set up "
            "our own team abroad instead, they'd be ours?",
            "In-house employees but located in a different country.",
        ),
    ],
)
def test_answerable_questions_in_other_words_are_answered(
    advisor: Advisor, question: str, must_say: str
) -> None:
    """Questions that use other words than the article (vendor, QA, code) are not refused; a
    thread reply (after ' || ') is read after the turn before it."""
    *history, message = question.split(" || ")
    answer = advisor.ask(message, history=history)
    assert (answer.route, answer.covered) == ("knowledge", True)
    assert must_say in _shown(answer)


@pytest.mark.parametrize(
    "wrapped",
    [
        "Who should stick with an onshore in-house dev team? :pray:",
        "Who should stick with an onshore in-house dev team? cc <@U0COLLEAG1>",
        "<@U0SOURCEBOT> Who should stick with an onshore in-house dev team?",
        "Who should stick with an onshore in-house dev team? "
        "(see <https://wiki.example.com/rfp|our RFP>)",
        "*Who should stick with an onshore in-house dev team?*",
    ],
)
def test_slack_markup_does_not_change_the_answer(advisor: Advisor, wrapped: str) -> None:
    """Mentions, emoji codes, links and bold marks around a question give the same answer."""
    plain = advisor.ask("Who should stick with an onshore in-house dev team?")
    assert plain.covered is True
    assert advisor.ask(wrapped) == plain


def test_entities_are_read_as_the_characters_they_stand_for(advisor: Advisor) -> None:
    """Slack's &lt; is read as '<': the question gets the answer the typed text gets."""
    typed = advisor.ask("is offshore team cost < outsourcing cost?")
    assert advisor.ask("is offshore team cost &lt; outsourcing cost?") == typed
    assert "20% ~ 60%" in typed.direct.text


def test_the_matrix_answers_as_four_named_strategies(advisor: Advisor) -> None:
    """'explain the 2x2 thing' names the four strategies by row and column, no extraction notes,
    after the sentence that introduces the table in the article (it names the two axes), which
    is cited first."""
    answer = advisor.ask("explain the 2x2 thing")
    assert answer.direct.text == (
        "According to our CTO, software development strategies on a high level can be grouped "
        "into 4 different groups based on how you execute them and the location: "
        "Onshore Insourcing (In-Home Country (Onshore), "
        "done internally); Onshore Outsource (In-Home Country (Onshore), done externally); "
        "Offshore Insourcing (Outside Home Country (Offshore), done internally); Offshore "
        "Outsource (Outside Home Country (Offshore), done externally)."
    )
    first = answer.citations[answer.direct.citations[0] - 1].source
    assert first.quote.startswith("According to our CTO")


def test_no_answer_shows_extraction_notes(advisor: Advisor) -> None:
    """Questions about the Model Comparison never show 'row label lost' or 'cell lost'."""
    for question in (
        "What does the model comparison table say about control?",
        "outsourced team productivity short term vs long term?",
        "How much management does each model need?",
    ):
        shown = _shown(advisor.ask(question))
        assert re.search(r"label lost|cell lost|lost in extraction|\(likely", shown) is None


def test_sources_are_those_referenced_numbered_by_first_use(advisor: Advisor) -> None:
    """Every listed source is cited in the text, numbers run 1..n in order of first use."""
    for question in (
        "what hidden costs should i watch out for if we outsource?",
        "When does a dedicated offshore team make sense?",
        "We're a bank with a 6-month app, not core. What are the risks of outsourcing it?",
    ):
        answer = advisor.ask(question)
        used = [n for s in (answer.direct, *answer.considerations) for n in s.citations]
        assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
        assert list(dict.fromkeys(used)) == [c.n for c in answer.citations]


def test_hidden_costs_answer_stays_on_topic(advisor: Advisor) -> None:
    """An answer about hidden costs does not append Vietnam's wages."""
    assert "Vietnam" not in _shown(advisor.ask("What hidden costs come with outsourcing?"))


@pytest.mark.parametrize(
    ("message", "direct"),
    [
        ("thanks, that was super helpful!", "You're welcome!"),
        ("thank you", "You're welcome!"),
        ("ok got it", "Glad it helps. Ask me anything else."),
        ("good bot", "Glad it helps. Ask me anything else."),
        # "saved" is a synonym of a topic word (cost), not one: small talk is topical only by
        # the topic's own words (set V, dev).
        ("Thanks, that was really helpful — saved me a lot of reading :pray:", "You're welcome!"),
    ],
)
def test_thanks_gets_a_short_reply(advisor: Advisor, message: str, direct: str) -> None:
    """Thanks is small talk: a short friendly reply, not a refusal."""
    answer = advisor.ask(message)
    assert (answer.route, answer.direct.text, answer.citations) == ("small_talk", direct, ())


@pytest.mark.parametrize(
    "message",
    [
        "hi",
        "hey there 👋",
        "help",
        "what can you do?",
        "<@U0BOT>",
        # dictated, without punctuation (set Z, dev); asking what the bot works from (set Y)
        "good morning hows it going",
        "so basically what can you help me with",
        "Hi, what can you do exactly? Which documents are you working from?",
    ],
)
def test_greetings_and_help_say_what_the_bot_does(advisor: Advisor, message: str) -> None:
    """Greetings and 'help' get what the bot does and example questions."""
    answer = advisor.ask(message)
    assert answer.route == "small_talk"
    assert "sourcing software development" in answer.direct.text
    assert answer.suggestions[0] == "What is the difference between outsourcing and offshoring?"


@pytest.mark.parametrize(
    "message",
    [
        "¿Cuál es la diferencia entre outsourcing y offshoring?",
        "Lohnt sich ein eigenes Offshore-Team für ein Projekt, das länger als ein Jahr läuft?",
        # te reo Māori, whose "he", "i" and "me" are English stop words too (set W2)
        "Kia ora, he aha te rerekētanga i waenga i te outsourcing me te offshoring mō te "
        "whakawhanaketanga pūmanawa rorohiko?",
    ],
)
def test_another_language_gets_an_english_only_note(advisor: Advisor, message: str) -> None:
    """A question in Spanish, German or Māori is told the bot answers in English."""
    answer = advisor.ask(message)
    assert answer.direct.text == (
        "I can only answer in English, from an English knowledge base: please ask your "
        "question in English."
    )
    assert (answer.covered, answer.citations) == (False, ())


def test_not_covered_says_what_is_covered(advisor: Advisor) -> None:
    """A topical question the article does not answer says so, what it covers, and what to try."""
    answer = advisor.ask("What are the tax rules for an offshore entity?")
    assert (answer.route, answer.covered, answer.citations) == ("knowledge", False, ())
    assert answer.direct.text == (
        "The knowledge base doesn't cover tax, legal set-up or data protection, so I won't guess."
    )
    assert answer.notes == (
        "It covers the difference between outsourcing and offshoring; the four sourcing "
        "strategies (onshore or offshore, insourcing or outsourcing); cost, control and "
        "management, and scalability; the Model Comparison figures; when to choose each model.",
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Should we outsource our core platform?", "No: "),
        ("Will I lose control over the code if we outsource?", "Yes: "),
        ("is vietnam actually a decent place to outsource dev to or nah", "Yes: "),
        (
            "We just need a few extra pairs of hands to push the current release over the "
            "finish line. Is building an offshore team the right move?",
            "No: ",
        ),
        # A negated question is answered like the plain one; "two distinct concepts" says no
        # to "the same thing".
        ("aren't outsourcing and offshoring just two words for the same thing?", "No: "),
        # "the offshore team ... a higher level of control ... compared to traditional
        # outsourcing": which option the comparison favours decides, both ways round.
        ("Does outsourcing give us more control than an offshore team?", "No: "),
        ("Does an offshore team give us more control than outsourcing?", "Yes: "),
        # "skills that may not be available locally" describes the skills: not a "No".
        ("are there skills an offshore team can give us that we cannot hire here?", "Yes: "),
        # The sentence of the two that holds what is asked decides: "... without the need for
        # extensive internal infrastructure" (the second) says no to needing it.
        ("If we outsource, do we need to build out our own internal infrastructure?", "No: "),
        # A question on what a rule's quote states ("requires a considerable upfront
        # investment, including not only financial resources ...") is not a decision: no
        # "Not if ...", and "not only" denies nothing.
        ("Does standing up an offshore dev team take a big upfront investment?", "Yes: "),
        # "Overkill?" asks the opposite of "worth it?": "a deal breaker for those who only
        # need simple manpower" is a Yes. A turn's opening words and a confirming tag ask too.
        (
            "We only need a few extra pairs of hands to get a project over the line - is an "
            "offshore team overkill?",
            "Yes: ",
        ),
        # ... but only when asked: "overkill" in the remark after the question is the
        # asker's guess, so a scenario ranking the offshore team last says No (set B2).
        (
            "we're a 40-person fintech and just need 2 extra pairs of hands for ~3 months. "
            "would it make sense for us to build an offshore team for that? someone floated "
            "it and I think it's overkill",
            "No: for this scenario the scoring ranks",
        ),
        ("ok but would it be the same control as our team at HQ?", "No: "),
        # "Do we lose control ...?" asks about a property, not to decide: the policy's
        # "NEVER outsource core IT" does not answer it, "giving up full control" does.
        ("do we lose control if we outsource? :eyes:", "Yes: entrusting external parties"),
        # "Central to how we operate" states core work, which the policy's rule settles.
        (
            "Can we outsource our warehouse management system? It's pretty central to how we "
            "operate but we're not a tech company.",
            "No: we advise businesses to NEVER outsource their core IT capabilities",
        ),
        # "Appealing" is the article's "enticing" (vocabulary; set A2).
        (
            "our client runs warehouses and would rather stay out of tech details. does the "
            "article say outsourcing is appealing for such companies?",
            "Yes: outsourcing software development liberates businesses",
        ),
        # What people believe is judged by the sentence after it ("This perspective merely
        # scratches the surface"): No to "just the wage gap?", Yes to "more to it than that?".
        (
            "is the whole saving from offshoring/outsourcing just the salary gap vs hiring at "
            "home?",
            "No: businesses often think it’s only about the cost gap",
        ),
        # "Is that really the whole story?" claims it is all there is (set B2).
        (
            "management says devs over there simply cost less than devs here. is that really "
            "the whole cost story?",
            "No: businesses often think it’s only about the cost gap",
        ),
        (
            "Skeptical here. Is there really more to the cost advantage than just paying lower "
            "salaries than at home?",
            "Yes: businesses often think it’s only about the cost gap",
        ),
        # A question whose own statement is negative is agreed with: "never outsource core
        # IT, right?" and "no need for our own infrastructure?" get Yes where the positive
        # questions get No. A negation opening the question, or one on a stated fact ("no
        # upfront cost" is a low upfront investment, which the policy's rule reads), does not
        # turn the answer.
        (
            "so the article basically says you should never outsource your core IT, right? "
            "asking bc <@U0DEV42> wants to outsource the WMS",
            "Yes: we advise businesses to NEVER outsource their core IT capabilities",
        ),
        ("isn't it true that you should never outsource core?", "Yes: "),
        # "avoid" negates as "never" does; "risky?" asks the opposite of "should we?" when a
        # rule answers it, and a quoted risk answers it Yes (from a new-user trial).
        ("Shouldn't we avoid outsourcing our payments engine since it's core?", "Yes: we advise"),
        ("Isn't it risky to outsource core IT?", "Yes: we advise businesses to NEVER outsource"),
        ("is it risky to outsource?", "Yes: if your service provider stops their support"),
        ("Is there no need for our own infrastructure if we outsource?", "Yes: "),
        (
            "offshore team = basically no upfront cost since u just hire ppl remotely, right?",
            "No: ",
        ),
        (
            "Honestly, aren't outsourcing and offshoring just two buzzwords for the same thing?",
            "No: ",
        ),
        # Whether a usage is wrong or right, answered by "..., which is technically still
        # correct"; a claim reported in the negative turns it (sets C, D, R, S, T, dev).
        (
            "so if we hire an agency based in another country, is it wrong to call that "
            "offshoring?",
            "No: interestingly",
        ),
        (
            'pasting from our CIO\'s email: "offshoring dev = offshore outsourcing, same deal". '
            "is he wrong?",
            "No: interestingly",
        ),
        ("my boss says hiring an agency in India is offshoring. Is he right?", "Yes: "),
        ("my boss says hiring an agency in India isn't offshoring. Is he right?", "No: "),
        # "ok to ...?" asks yes or no (set S, dev).
        (
            "<@U04K7QZ2M> wants to hand our ecommerce platform to a vendor to cut opex. that's "
            "basically our core IT. ok to outsource that?",
            "No: ",
        ),
        # "Cheaper?" is answered No by "... significantly more expensive".
        ("are software dev cycles getting cheaper these days?", "No: "),
        # "locally" is a remark here, not what is asked of offshoring.
        ("we can't find PLC developers locally at all. would offshoring help with that?", "Yes: "),
        # A yes/no naming "vendor vs own team" asks about them, not what insourcing is.
        (
            "our requirements change constantly, does that matter for choosing a vendor vs own "
            "team?",
            "Yes: service vendors are frequently evaluated",
        ),
        # A claim that one thing is just another, or just as good, is answered No by a
        # sentence setting them apart (sets S, T, dev).
        (
            "isn't an offshore team basically just another vendor on the AP ledger?",
            "No: although the offshore team operates remotely, it remains an integral part",
        ),
        (
            "Isn't the control one has over an offshore team just as complete as over a team "
            "sitting at headquarters?",
            "No: while this level of control may not match",
        ),
        # ... and one option for everyone by a sentence making it depend on the company.
        (
            "Does the article conclude that one of the models is the best choice for every "
            "organisation?",
            "No: ",
        ),
        # Keeping what the sentence gives up (set R, dev); a tag "no?" negates nothing.
        (
            "do we keep full control of the process and results when outsourcing?",
            "No: entrusting external parties means giving up full control",
        ),
        (
            "outsourcing and offshoring is the same thing no? ppl here use both words",
            "No: while these terms are often used interchangeably",
        ),
        # A negative tag ("..., wouldn't it?") negates nothing; "isnt" is "isn't"; "one
        # concept" asks whether they are the same (sets W, R, V, dev).
        (
            "An offshore team would give us the same level of control as people sitting at HQ, "
            "wouldn't it?",
            "No: while this level of control may not match",
        ),
        ("isnt software dev getting cheaper with all these new tools and AI?", "No: "),
        (
            "isn't outsourcing and offshoring basically the same thing, just different "
            "buzzwords? Does the article treat them as one concept?",
            "No: while these terms are often used interchangeably",
        ),
        # A tag confirms a statement with a wh-word inside it (set L, dev).
        (
            "and if we do outsource, we still keep full control over how it's built and the "
            "results, yes?",
            "No: entrusting external parties means giving up full control",
        ),
        # A claim that only one option has something is answered by the sentence giving it
        # to both; its "doesn't" turns nothing (sets V and Y, dev).
        (
            "Am I right that per the article only offshoring genuinely scales and outsourcing "
            "doesn't?",
            "No: both models offer great scalability",
        ),
        ("one of them doesn't really scale, right?", "No: both models offer great scalability"),
        # "not only financial resources but also time and effort" is more than money
        (
            "Is the upfront investment for an offshore team just money?",
            "No: it’s important to acknowledge that building a dedicated offshore tech team "
            "requires a considerable upfront investment, including not only financial",
        ),
        # dictated without its '?' (set Z, dev)
        (
            "so can we actually keep quality really high with an off shore team or is that kind "
            "of a pipe dream",
            "Yes: ",
        ),
        # Claims of equality and sameness, and words of opposite sense (sets L2, M2, U)
        # "no matter what" claims one model for everyone; it negates nothing (set U)
        ("is one model just the right pick no matter what?", "No: "),
        # "as easy to X as" claims the two equal (set U)
        ("would an offshore team be as easy to manage as people in our own office?", "No: "),
        # "essentially X" said by the sentence ("geographical") is the claim it makes (set L2)
        (
            "would it be fair to say onshore vs offshore is essentially a geographical one?",
            "Yes: onshore refers to a company operating within their home country",
        ),
        # ... but not where the sentence sets it apart ("compared to traditional outsourcing"),
        # which leads when the claim reduces one option to another (set M2)
        (
            "isn't our own team abroad basically just outsourcing with extra steps?",
            "No: although the offshore team operates remotely, it remains an integral part",
        ),
        (
            "isn't a dedicated offshore team basically just outsourcing with extra steps?",
            "No: although the offshore team operates remotely, it remains an integral part",
        ),
        # "am I correct ...?" asks yes or no; "stable" is answered by "uncertainty" (set L2)
        (
            "am I correct that the article sees the global economy as stable at the moment?",
            "No: amidst this backdrop, the global economy faces a period of uncertainty",
        ),
        # the opposite of "small" is "considerable"
        (
            "is the upfront investment in our own team overseas fairly small?",
            "No: it’s important to acknowledge that building a dedicated offshore tech team "
            "requires a considerable upfront investment",
        ),
        # "or am I being sus" asks whether the first part holds (set M2)
        (
            "if we call our overseas agency 'offshoring', is that technically right or am i "
            "being picky",
            "Yes:",
        ),
    ],
)
def test_yes_no_questions_open_with_the_answer(
    advisor: Advisor, question: str, opening: str
) -> None:
    """A yes/no question's first paragraph opens with Yes or No read from the quoted sentence."""
    assert advisor.ask(question).direct.text.startswith(opening)


def test_a_short_follow_up_continues_the_previous_question(advisor: Advisor) -> None:
    """'and an offshore team of our own?' after a cost question is answered with the cost
    figures, not with a general sentence about offshore teams."""
    history = ["how much does outsourcing cost compared with our in-house team?"]
    alone = advisor.ask("and an offshore team of our own?")
    follow_up = advisor.ask("and an offshore team of our own?", history=history)
    assert "20% ~ 60%" not in alone.direct.text
    assert "20% ~ 60%" in follow_up.direct.text


def test_a_reply_its_own_words_miss_is_searched_with_the_turn_before(advisor: Advisor) -> None:
    """A reply whose own words find nothing close enough ("the two dimensions that grid is
    built on") is searched together with the turn before it, not declined (set Y, dev)."""
    history = [
        "What are the four sourcing strategies in the CTO's grid? I want to map our current "
        "supplier base against it."
    ]
    answer = advisor.ask("and what are the two dimensions that grid is built on?", history=history)
    assert (answer.route, answer.covered) == ("knowledge", True)
    assert "based on how you execute them and the location" in answer.direct.text


@pytest.mark.parametrize(
    ("question", "opening", "asked"),
    [
        (
            "We're a tech company, should we outsource?",
            "No: for this scenario the scoring ranks Offshore insourcing",
            {"onshore_outsourcing", "offshore_outsourcing"},
        ),
        (
            "we are a bank with a 6 month project, should we outsource it?",
            "Yes: for this scenario the scoring ranks Onshore outsourcing and Offshore "
            "outsourcing first (70, a tie).",
            {"onshore_outsourcing", "offshore_outsourcing"},
        ),
        (
            "Should we keep development in-house if we have a big budget?",
            "Yes: for this scenario the scoring ranks Onshore insourcing",
            {"onshore_insourcing"},
        ),
    ],
)
def test_a_yes_no_scenario_question_is_answered_by_its_ranking(
    advisor: Advisor, question: str, opening: str, asked: set[str]
) -> None:
    """'Should we outsource?' with scenario facts opens with the Yes/No the ranking shown in the
    same answer gives: Yes when the strategy asked about is first, No when it is not."""
    answer = advisor.ask(question)
    assert answer.evaluation is not None
    assert answer.direct.text.startswith(opening)
    top = set(answer.evaluation.tied or (answer.evaluation.recommended,))
    assert (top <= asked) == answer.direct.text.startswith("Yes: ")


def test_limiting_outsourcing_to_short_projects_says_yes_to_short_projects(
    advisor: Advisor,
) -> None:
    """'limit outsourcing to short-term projects' answers 'good for short-term projects?' Yes."""
    answer = advisor.ask("is outsourcing good for short term projects?")
    assert answer.direct.text.startswith("Yes: businesses should limit outsourcing to short-term")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Who usually gets paid per project, vendors or our own team?", "Businesses typically "),
        ("How does offshoring let a company scale dev capacity?", "Offshoring provides "),
    ],
)
def test_the_first_paragraph_does_not_open_with_a_connective(
    advisor: Advisor, question: str, opening: str
) -> None:
    """'Additionally, ...' or 'Conversely, ...' lean on a sentence the answer does not show: the
    first paragraph starts at the sentence's subject; the citation keeps the exact quote."""
    answer = advisor.ask(question)
    assert answer.direct.text.startswith(opening)
    assert any(
        c.source.quote.lower().startswith(("additionally", "conversely")) for c in answer.citations
    )


def test_a_message_asking_two_questions_answers_both(advisor: Advisor) -> None:
    """'What's the difference ...? Also, which is cheaper?' answers each part in the first
    paragraph; the sources are exactly those the answer uses, numbered 1, 2, ... by first use."""
    answer = advisor.ask(
        "What's the difference between outsourcing and offshoring? Also, which is cheaper?"
    )
    assert "Contracting an external party" in answer.direct.text
    assert "20% ~ 60%" in answer.direct.text
    used = [n for s in (answer.direct, *answer.considerations) for n in s.citations]
    assert [c.n for c in answer.citations] == list(dict.fromkeys(used))
    assert list(dict.fromkeys(used)) == list(range(1, len(answer.citations) + 1))


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The rule holds only for core work, which the question does not state.
        (
            "Should we outsource our mobile app?",
            "Not if it were a core IT capability: we advise businesses to NEVER outsource",
        ),
        # The best sentence is about cost, but the answer depends on the rule: it opens.
        (
            "should we outsource our payments platform?",
            "Not if it were a core IT capability: we advise businesses to NEVER outsource",
        ),
        # The question states the rule's condition (longer than a year): it holds.
        ("Is it OK to outsource a 3 year project?", "No: businesses should limit outsourcing"),
        # "a bad idea?" is answered the other way round.
        ("Is it a bad idea to outsource a 3 year project?", "Yes: businesses should limit"),
        # The question names the rule's own scope.
        (
            "is outsourcing good for short term projects?",
            "Yes: businesses should limit outsourcing",
        ),
        # The clause that answers is not the rule's, and it opens the answer ("it only makes
        # sense for non-IT ..."); "tools" is not a gap ("collaboration tools").
        (
            "We're a 40-person logistics firm with no devs at all. Does it make sense for us to "
            "get a third party to build our tools?",
            "Yes: it only makes sense for non-IT companies to outsource",
        ),
    ],
)
def test_a_quoted_policy_rule_answers_by_its_condition(
    advisor: Advisor, question: str, opening: str
) -> None:
    """A yes/no answer that quotes a conditional policy rule says No when the question states
    the condition, and 'Not if <condition>' when it does not say."""
    assert advisor.ask(question).direct.text.startswith(opening)


@pytest.mark.parametrize(
    "question",
    [
        "any real company that did the offshore team thing and it worked?",
        "Is there a real company that has made an offshore team work?",
        # "real-world company" (set O, dev)
        "Is there a real-world company that has actually done the offshore team thing "
        "successfully? Need something for the steering committee deck.",
    ],
)
def test_an_example_question_opens_with_the_example(advisor: Advisor, question: str) -> None:
    """An example is looked for below the best passages too: the one sentence naming a company
    (V-key, in the conclusion, far down the ranking) opens the answer, not the passage on
    offshore teams in general."""
    direct = advisor.ask(question).direct.text
    assert re.match(r"(Yes: )?V-key, a global leader in software-based digital security", direct)


def test_an_example_of_a_place_opens_with_the_place(advisor: Advisor) -> None:
    """An example of a destination asks where, not which company: the sentence naming the
    place opens the answer, though words stand between 'example of a' and 'destination'
    (set O, dev)."""
    answer = advisor.ask(
        "any example of a good offshore outsourcing destination? someone mentioned vietnam"
    )
    assert answer.direct.text.startswith(
        "Among those offshore outsourcing destinations, Vietnam is considered one of the best"
    )


def test_a_place_named_in_a_question_on_the_grid_is_where_the_asker_is(advisor: Advisor) -> None:
    """'Which box of the 2x2 is an agency here in Brazil?' asks where the set-up sits in the
    grid; Brazil (a destination the knowledge base does not cover) is where the asker is. A
    question about the place itself is still not covered (set R, dev)."""
    placed = advisor.ask(
        "if we hire a dev agency here in Brazil (we are in São Paulo) which box of the 2x2 "
        "matrix is that?"
    )
    assert (placed.route, placed.covered) == ("knowledge", True)
    assert "Onshore Outsource" in placed.direct.text
    about_place = advisor.ask("is Brazil a good place to build an offshore team?")
    assert not about_place.covered
    assert "offshoring destinations" in about_place.direct.text


def test_a_restating_part_keeps_the_message_one_question(advisor: Advisor) -> None:
    """'... in your own country, or ...? Is local ok?': the second part names nothing the first
    does not, so the message is answered as one question, not as two joined answers."""
    question = (
        "Can you outsource dev work to a vendor in your own country, or does outsourcing "
        "always mean going abroad? Is local ok?"
    )
    direct = advisor.ask(question).direct
    assert len(direct.citations) == 1
    assert direct.text.count("Yes:") + direct.text.count("No:") <= 1


def test_an_unlabelled_table_row_does_not_open_an_answer(advisor: Advisor) -> None:
    """A row whose label the source lost ('Model Comparison, row 4') may support an answer but
    does not open one that is not about figures: what its cells measure is unknown."""
    answer = advisor.ask(
        "Can you outsource dev work to a vendor in your own country, or does outsourcing "
        "always mean going abroad?"
    )
    assert not re.search(r"\brow \d\b", answer.direct.text)


@pytest.mark.parametrize(
    "question",
    [
        "so which one is best, just tell me the answer",
        "so which one is the best, just tell me pls. no 'it depends' :pray:",
        "what do you recommend?",
        # whether one answer suits everyone (set O, dev)
        "so is there like one right answer for everyone or nah",
    ],
)
def test_a_request_to_pick_is_answered_by_the_passage_on_choosing(
    advisor: Advisor, question: str
) -> None:
    """A bare 'which one is best?' asks the advisor to decide (its topic), and the knowledge base
    answers it: the choice depends on the business."""
    answer = advisor.ask(question)
    assert answer.route == "knowledge"
    # (a yes/no form opens "No: depending on ...")
    assert "depending on the structure, situation, and goals of your business" in (
        answer.direct.text.lower()
    )


@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        # "these two", "the two": sent to this advisor with no thread before, its topic
        # (sets D, O and X, dev)
        (
            "Why do people keep mixing up these two terms in meetings?",
            "often used interchangeably due to some similarities and overlap",
        ),
        (
            "why do so many companies get stuck deciding between the two?",
            "a lack of understanding about the differences, benefits, and drawbacks",
        ),
    ],
)
def test_a_question_pointing_at_the_topic_is_answered(
    advisor: Advisor, question: str, must_say: str
) -> None:
    """A question that names no topic word but points at the advisor's topic ('these two')
    is answered from the knowledge base, not declined as off topic."""
    answer = advisor.ask(question)
    assert (answer.route, answer.covered) == ("knowledge", True)
    assert must_say in answer.direct.text


@pytest.mark.parametrize(
    "question",
    [
        "what's the best pizza in town?",
        "should we order pizza for the team?",
        "which of these two restaurants is better?",
    ],
)
def test_a_request_to_pick_something_else_stays_off_topic(advisor: Advisor, question: str) -> None:
    """Asking for a pick makes a message the advisor's topic only when nothing else is named:
    a pizza is still off topic."""
    assert advisor.ask(question).route == "out_of_scope"


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "if we go with a vendor, are those devs our employees or not? HR is asking",
            "No: Outsourcing Versus Offshoring Definitions, Team members — ",
        ),
        (
            "are offshore team members our employees?",
            "Yes: Outsourcing Versus Offshoring Definitions, Team members — ",
        ),
        (
            "HR question: if we go with a dev shop, are those developers technically our "
            "employees?",
            "No: Outsourcing Versus Offshoring Definitions, Team members — ",
        ),
        (
            "what about offshoring, can that be domestic too?",
            "No: Outsourcing Versus Offshoring Definitions, Location — ",
        ),
        # The Location row leads when it scores close to the best sentence.
        (
            "Does outsourcing always mean sending the work to another country?",
            "No: Outsourcing Versus Offshoring Definitions, Location — ",
        ),
        # "On our payroll" asks whether the option's people are the home team's kind of
        # employees; "r" is "are" (sets F, O, S, dev).
        ("are outsourced devs on our payroll?", "No: Outsourcing Versus Offshoring Definitions"),
        (
            "and with an offshore team, are those people on our own payroll then?",
            "Yes: Outsourcing Versus Offshoring Definitions, Team members — ",
        ),
        (
            "if we sign w/ an outsourcing shop r the devs on our payroll?",
            "No: Outsourcing Versus Offshoring Definitions, Team members — ",
        ),
        # "..., or does it have to be overseas?" asks the first part; "the same country" is a
        # place, not a likeness; the option is the one the asking sentence names (sets B, D, M,
        # T, dev).
        (
            "Can an outsourcing partner be based in our own country, or does it have to be "
            "overseas?",
            "Yes: Outsourcing Versus Offshoring Definitions, Location — ",
        ),
        (
            "can outsourcing be done inside same country? or always must be overseas vendor",
            "Yes: Outsourcing Versus Offshoring Definitions, Location — ",
        ),
        (
            "Our procurement rules make it considerably easier to contract domestic suppliers. "
            "Must outsourcing, as the article understands it, necessarily involve a provider "
            "located abroad?",
            "No: Outsourcing Versus Offshoring Definitions, Location — ",
        ),
        # "or is it by definition abroad?" asks the same; the option's own row answers before
        # the grid's cell for it; a dictated question without its '?' (sets V, Z, dev).
        (
            "Can outsourcing also happen inside our own country, or is it by definition abroad?",
            "Yes: Outsourcing Versus Offshoring Definitions, Location — ",
        ),
        (
            "so like can outsourcing be done with a vendor right here in our own country or does "
            "it have to be overseas to count",
            "Yes: Outsourcing Versus Offshoring Definitions, Location — ",
        ),
    ],
)
def test_a_yes_no_question_answered_by_a_table_row_opens_with_its_answer(
    advisor: Advisor, question: str, opening: str
) -> None:
    """The definitions table answers by the cell of the option asked about: outsourced devs
    are 'Non-employees' (No), an offshore team's are 'In-house employees' (Yes)."""
    assert advisor.ask(question).direct.text.startswith(opening)


SCENARIO_TURN = "We're a 200-person insurer, 9-month CRM project, not core. What should we do?"


def test_why_after_a_scenario_explains_that_scenarios_ranking(advisor: Advisor) -> None:
    """'why?' in a thread that described a scenario is answered on that scenario: the ranking's
    first sentence and the factors that moved it, each cited, not a passage about something
    else; the sources are those cited, numbered by first use."""
    first = advisor.ask(SCENARIO_TURN)
    answer = advisor.ask("why?", history=[SCENARIO_TURN])
    assert (first.route, answer.route) == ("scenario", "scenario")
    assert answer.evaluation == first.evaluation
    assert answer.direct.text.startswith(first.direct.text.split(";")[0])
    assert "Under a year: outsourcing is the preferred option for short-term projects" in (
        answer.direct.text
    )
    assert "Project duration:" not in answer.direct.text  # reasons, not a list of labels
    assert not answer.considerations[0].text.startswith(answer.direct.text.split(";")[0])
    assert answer.direct.citations == (1, 2)
    used = [n for s in (answer.direct, *answer.considerations) for n in s.citations]
    assert [c.n for c in answer.citations] == list(dict.fromkeys(used)) == [1, 2, 3]


def test_a_strategy_tied_first_is_said_to_tie(advisor: Advisor) -> None:
    """'and an offshore team?' after a scenario where it ties at the top is first, tied with
    the other: never 'second' with the same score."""
    answer = advisor.ask(
        "and an offshore team?", history=["should we outsource our core platform? 2 years"]
    )
    assert answer.direct.text.startswith(
        "For this scenario the scoring ranks offshore insourcing (dedicated offshore team) first"
    )


def test_a_factor_named_by_its_value_is_not_named_twice(advisor: Advisor) -> None:
    """'Core IT capability: core IT capability' reads as 'Core IT capability'."""
    answer = advisor.ask("should we outsource our core platform?")
    texts = [s.text for s in answer.considerations]
    assert any(t.startswith("Core IT capability — ") for t in texts)
    assert not any("Core IT capability: core IT capability" in t for t in texts)


@pytest.mark.parametrize(
    ("reply", "opening"),
    [
        (
            "what about an offshore team?",
            r"For this scenario the scoring ranks offshore insourcing \(dedicated offshore team\) "
            r"(second|third|fourth) \(\d+\); onshore outsourcing and offshore outsourcing are "
            r"first \(\d+\)\.",
        ),
        (
            "and in-house?",
            r"For this scenario the scoring ranks onshore insourcing \(in-house team\) "
            r"(second|third|fourth) \(\d+\); onshore outsourcing and offshore outsourcing are "
            r"first \(\d+\)\.",
        ),
    ],
)
def test_an_option_named_after_a_scenario_gets_its_place_in_the_ranking(
    advisor: Advisor, reply: str, opening: str
) -> None:
    """'what about an offshore team?' after a scenario opens with where that strategy ranks
    for the thread's scenario, against the first."""
    answer = advisor.ask(reply, history=[SCENARIO_TURN])
    assert answer.route == "scenario"
    assert re.match(opening, answer.direct.text)


def test_an_aspect_named_after_a_scenario_is_asked_of_the_knowledge_base(
    advisor: Advisor,
) -> None:
    """'what about control?' after a scenario asks about control: the knowledge base answers."""
    answer = advisor.ask("what about control?", history=[SCENARIO_TURN])
    assert answer.route == "knowledge"
    assert "control" in answer.direct.text


def test_a_sentence_leaning_on_the_paragraph_before_is_shown_with_it(
    documents_only: Advisor,
) -> None:
    """'It can be a deal breaker ...' opens its paragraph: the first paragraph of the answer
    gives the sentence it points at (the upfront investment, the paragraph before) first.
    ("When should i pick offshoring over outsourcing" showed this until a "when" sentence that
    says when by itself, "Therefore, offshoring ... is typically preferred ...", opened alone.)"""
    direct = documents_only.ask("what is the deal breaker with an offshore team?").direct.text
    assert direct.startswith(
        "It’s important to acknowledge that building a dedicated offshore tech team requires a "
        "considerable upfront investment"
    )
    assert "It can be a deal breaker for those who only need simple manpower" in direct


def test_a_short_question_in_another_language_gets_the_english_only_note(
    advisor: Advisor,
) -> None:
    """The topic's terms in a Spanish question do not make it English."""
    answer = advisor.ask("¿Qué es mejor, outsourcing u offshoring?")
    assert answer.direct.text.startswith("I can only answer in English")


def test_a_ranking_verdict_quotes_the_rule_that_fired_on_the_strategy_asked(
    advisor: Advisor,
) -> None:
    """'good idea?' about outsourcing a 3-year project: No by the ranking, and the rule that
    ranks outsourcing down is quoted and cited [1]."""
    answer = advisor.ask("thinking of giving a contractor our 3 year platform rebuild. good idea?")
    assert answer.direct.text.startswith("No: for this scenario the scoring ranks ")
    assert answer.direct.text.endswith(
        "The knowledge base: “businesses should limit outsourcing to short-term tech projects "
        "lasting less than one year”."
    )
    assert answer.direct.citations == (1,)


def test_a_yes_no_question_asking_no_decision_is_not_answered_by_the_ranking(
    advisor: Advisor,
) -> None:
    """'do we lose control ... if we hand the work to an outside firm?' asks about a property:
    the ranking's Yes/No (a decision) does not answer it."""
    answer = advisor.ask("do we lose control over results if we hand the work to an outside firm?")
    assert "for this scenario the scoring ranks" not in answer.direct.text


def test_no_supporting_point_repeats_another(advisor: Advisor) -> None:
    """A supporting point shown with the sentence it leans on never repeats a point (or the
    first paragraph) already given."""
    for question in ("why is offshoring cheaper?", "what's good about in-house?"):
        answer = advisor.ask(question)
        texts = [answer.direct.text, *(s.text for s in answer.considerations)]
        for i, text in enumerate(texts):
            for other in texts[i + 1 :]:
                assert text not in other
                assert other not in text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "6 month project, outsource or offshore?",
            "Onshore outsourcing and offshore outsourcing tie at ",
        ),
        (
            "what's better for a 2y project > outsourcing or own team abroad?",
            "Recommended: Offshore insourcing (dedicated offshore team), with a score of ",
        ),
    ],
)
def test_a_choice_between_two_options_with_a_fact_opens_with_the_ranking(
    advisor: Advisor, question: str, opening: str
) -> None:
    """'outsource or offshore?' with the project's length asks which: the scenario is scored
    and the ranking's first sentence opens the answer ('2y project' is two years)."""
    answer = advisor.ask(question)
    assert answer.route == "mixed"
    assert answer.evaluation is not None
    assert answer.direct.text.startswith(opening)


def test_worth_it_asks_for_a_decision_on_the_threads_option(advisor: Advisor) -> None:
    """'is it worth it for a 6 month project?' after a question about an offshore team is a
    decision about that team for a 6-month project: No by the ranking, with the rule that
    fired on it quoted."""
    answer = advisor.ask(
        "is it worth it for a 6 month project?",
        history=["how much cheaper is a dedicated offshore team than in-house?"],
    )
    assert answer.direct.text.startswith("No: for this scenario the scoring ranks ")
    assert "offshore insourcing (dedicated offshore team) fourth" in answer.direct.text
    assert "The knowledge base: “offshoring software development is typically preferred" in (
        answer.direct.text
    )


def test_a_crappy_unscalable_codebase_is_the_articles_poor_scalability(advisor: Advisor) -> None:
    """ "Crappy, unscalable" is the article's "barely functional with poor scalability" (a
    synonym group), so the question is answered by why vendors cut corners, not declined for
    its unknown words (sets D, O, dev)."""
    answer = advisor.ask(
        "will picking the lowest bidder leave us with a crappy, unscalable codebase?"
    )
    assert answer.covered
    assert "they tend to look for the ‘least-effort solution’" in answer.direct.text


@pytest.mark.parametrize(
    ("question", "gap"),
    [
        (
            "how many hours of overlap do we need with an offshore team",
            "collaboration tools, team rituals or time zones",
        ),
        ("what percentage of companies outsource software dev?", "market statistics"),
        # A decision about a gap's topic is not a scenario, though "own the IP" reads as a
        # need for control and "should we" asks to decide (set M, dev).
        (
            "Which clauses should we put in the outsourcing contract to make sure we own the IP "
            "and source code?",
            "contract terms",
        ),
        (
            "how to interview offshore devs remotely, any good coding test to use?",
            "interviewing or testing candidates",
        ),
        # Named vendors, asked however the request is worded; facts around the request do not
        # make it a scenario (sets L, M, O, R, T, dev).
        (
            "can you recommend 3 reliable outsourcing agencies for a Shopware migration?",
            "specific vendors",
        ),
        (
            "can u recommend 2-3 good outsourcing vendors in Ho Chi Minh City for a logistics app?",
            "specific vendors",
        ),
        (
            "Could you name three reputable software development vendors in Vietnam?",
            "specific vendors",
        ),
        (
            "How is VAT (reverse charge) handled on invoices from a non-EU software provider?",
            "tax, legal set-up or data protection",
        ),
        (
            "What questions should we put in an RFP when evaluating software outsourcing vendors?",
            "choosing a vendor (RFPs, selection criteria, due diligence)",
        ),
        (
            "how many months does it usually take to hire the first 10 engineers for an offshore "
            "hub?",
            "how long hiring takes",
        ),
        # Named or ranked vendors, layoffs, the hand-over to a vendor (sets A2, B2).
        (
            "which are the top 5 Indian vendors for a European ODC — TCS, Infosys, Wipro...?",
            "specific vendors",
        ),
        (
            "if our team gets outsourced, what severance package is normal for senior engineers?",
            "layoffs, severance or redundancy",
        ),
        (
            "how long should a knowledge transfer to a vendor take for a 200k-line monolith?",
            "handing work over to a vendor (knowledge transfer, transition)",
        ),
        # "Severance" matched as written (not the stem of "several"), named vendors and dev
        # shops, market size, regulators, and SLA terms (on topic: vendors are held to SLAs)
        # (sets B2, C2, D2, W, X, Y, A2, dev).
        (
            "how much severance should we offer the engineers affected by the move?",
            "layoffs, severance or redundancy",
        ),
        ("Fiverr vs Upwork vs an agency for our MVP, which is less risky?", "specific vendors"),
        ("can you name 3 reliable dev shops in Da Nang?", "specific vendors"),
        (
            "what's the size of the global software outsourcing market this year?",
            "market statistics",
        ),
        (
            "does DORA on third-party risk cover our offshore team?",
            "tax, legal set-up or data protection",
        ),
        ("which SLA penalties are usual in a fixed price deal?", "contract terms"),
        # Code ownership, discounts, volunteers, the best vendors by name (sets G2, H2, dev).
        ("how do we make sure we own the code the agency writes?", "contract terms"),
        ("can a nonprofit get discounts from software agencies?", "discounts or special pricing"),
        (
            "should we look for volunteer developers instead of an agency?",
            "volunteer or pro bono developers",
        ),
        ("which offshore vendors are the best in Vietnam?", "specific vendors"),
        # Accounting and currency risk, works councils and liability, bench cost (sets I2, J2,
        # A2, dev).
        (
            "can we capitalise the vendor's dev invoices like internal salaries?",
            "accounting treatment or currency risk",
        ),
        (
            "does our works council need to sign off on an offshore team?",
            "tax, legal set-up or data protection",
        ),
        ("who pays for bench time in a dedicated team model?", "contract terms"),
        # Vendors asked for by name however it is put, tools by product name, patient data
        # (sets L2, M2, U).
        (
            "any specific outsourcing agencies in Da Nang that are legit? drop some names",
            "specific vendors",
        ),
        (
            "github or bitbucket for working with an offshore team?",
            "collaboration tools, team rituals or time zones",
        ),
        (
            "what obligations apply when an outsourced vendor handles patient data?",
            "tax, legal set-up or data protection",
        ),
    ],
)
def test_questions_on_a_gap_are_not_covered(advisor: Advisor, question: str, gap: str) -> None:
    """Working-hours overlap and market statistics are gaps of the knowledge base: 'not
    covered', naming the gap, not a passage that shares a word ('overlap')."""
    answer = advisor.ask(question)
    assert not answer.covered
    assert answer.direct.text == f"The knowledge base doesn't cover {gap}, so I won't guess."


def test_or_without_a_second_option_offers_no_choice(advisor: Advisor) -> None:
    """'... cheaper than our in-house team or is that a myth' names one option after 'or'
    none: it is a question for the knowledge base, not a choice to score."""
    answer = advisor.ask(
        "we're a fast scaling startup. is outsourcing really cheaper than using our in-house "
        "team or is that a myth"
    )
    assert answer.route == "knowledge"


def test_same_thing_is_answered_only_by_a_sentence_that_says_so(advisor: Advisor) -> None:
    """'the same as ...?' gets No from 'two distinct concepts', and from a table row whose
    cells for the two options differ."""
    assert advisor.ask(
        "aren't outsourcing and offshoring just two words for the same thing?"
    ).direct.text.startswith("No: ")
    # The definitions table answers by its two different cells, or the sentence setting the
    # two apart.
    direct = advisor.ask("is a dedicated offshore team the same as outsourcing?").direct.text
    assert direct.startswith(
        (
            "No: Outsourcing Versus Offshoring Definitions, What they mean",
            "No: although the offshore team operates remotely, it remains an integral part",
        )
    )


def test_a_rule_against_one_option_does_not_say_no_to_another(advisor: Advisor) -> None:
    """A 'never' about outsourcing is not a No to the in-house team a question asks about:
    'NEVER outsource core IT' is a Yes to keeping core work in-house, and the rule that ranks
    outsourcing last does not answer a question about in-house."""
    assert advisor.ask("is in-house always better for core stuff?").direct.text.startswith(
        "Yes: we advise businesses to NEVER outsource"
    )
    direct = advisor.ask("should we keep our core platform in-house?").direct.text
    assert not direct.startswith("No: we advise businesses to NEVER")


@pytest.mark.parametrize(
    ("question", "route"),
    [
        (
            "Should we outsource payroll to a provider or keep it with our finance team?",
            "out_of_scope",
        ),
        ("is an outside law firm cheaper than an in-house lawyer?", "out_of_scope"),
        ("if we hire a vendor, are the devs on our payroll?", "knowledge"),
        ("what is best 3PL to outsource our last-mile delivery in Jakarta", "out_of_scope"),
        (
            "offshore call center for customer complaints, which country has better English?",
            "out_of_scope",
        ),
        ("should we outsource the build of our logistics app?", "mixed"),
        # What is asked names no topic: the sentence before it does (set O, dev) ...
        (
            "We're thinking about outsourcing payroll to a provider for the AU entity. Any "
            "recommendations?",
            "out_of_scope",
        ),
        # ... but a remark further back does not (set V, dev).
        (
            "Hi! Quick one before our planning offsite. Someone dropped this outsourcing article "
            "in #eng-leads and I only skimmed it. What is it actually trying to help a reader "
            "figure out?",
            "knowledge",
        ),
        # People-management paperwork to write (sets V, X, dev); what to measure an offshore
        # team by is a gap of the knowledge base (not covered), not off topic.
        ("give me an OKR template for Q3 for the platform team", "out_of_scope"),
        ("what OKRs should we set for our offshore team?", "knowledge"),
        ("draft a performance review for a senior engineer who never writes tests", "out_of_scope"),
        # Application letters, currency conversion, a place for dinner (sets C2, D2, dev) ...
        (
            "Please write me a cover letter for a summer internship at a strategy consulting firm.",
            "out_of_scope",
        ),
        ("convert 3.2m eur to usd at todays rate", "out_of_scope"),
        ("good spot for a board dinner near union square, 8 ppl", "out_of_scope"),
        # ... and a message whose one known word ("ppl") is all a passage holds: its everyday
        # words are still words the knowledge base never uses.
        ("good bar near union square for the board, 8 ppl", "out_of_scope"),
        # A table of a database is not the article's table (a quoted domain entry; set B2) ...
        ("why is autovacuum not running on my postgres 15 table", "out_of_scope"),
        # ... nor a conference, nor a production line (sets J, L, dev).
        ("what's the visa process for attending a conference in Lisbon?", "out_of_scope"),
        ("what's the capex budget for the new injection moulding line?", "out_of_scope"),
        ("how do we grow our instagram following before the launch?", "out_of_scope"),
        # Travel and post (sets E2, I2, dev)
        ("which courier is cheaper for parcels to Sabah?", "out_of_scope"),
        ("can you recommend a hotel near the trade fair for our team?", "out_of_scope"),
    ],
)
def test_sourcing_another_business_function_is_off_topic(
    advisor: Advisor, question: str, route: str
) -> None:
    """Outsourcing payroll or legal work is not sourcing software development (the vocabulary's
    off_topic list), but a payroll question about developers still is; nor are letters,
    currency or dinner plans."""
    assert advisor.ask(question).route == route


@pytest.mark.parametrize(
    "question",
    [
        "Thank you, this is really helpful for my case study!",
        # "source" is not the sourcing of software here
        "What exactly can you do? Can I rely on you as a source for a graded assignment?",
        # polite openers and Nigerian English (sets N2, S2)
        "Sorry to bother, if I may ask, what kind of things can you help me with?",
        "Good morning o :wave: how far?",
        "wetin you fit do for me? abeg explain small",
        # New Zealand and Indian English (sets W2, X2)
        "kia ora! :wave:",
        "chur for that, legend",
        "what all you can do? kindly tell",
    ],
)
def test_thanks_or_asking_what_the_bot_is_gets_a_reply(advisor: Advisor, question: str) -> None:
    """A thanks that says something, and whether the bot can be relied on (set C2, dev), are
    small talk: a short reply, not a refusal."""
    assert advisor.ask(question).route == "small_talk"


def test_ok_or_a_bad_idea_asks_whether_it_is_ok(advisor: Advisor) -> None:
    """ "Is it fine ..., or is that a bad idea?" is answered as "is it fine?": Yes for a company
    that is not an IT company, by the article's rule."""
    answer = advisor.ask(
        "we're a retailer, not a software company. is it fine to hand our IT projects to an "
        "outside firm or is that a bad idea?"
    )
    assert answer.direct.text.startswith(
        "Yes: it only makes sense for non-IT companies to outsource their IT projects"
    )


def test_what_a_term_means_opens_with_its_definition(advisor: Advisor) -> None:
    """ "What does insourcing mean?" opens with the article's definition ("Insourcing involves
    ..."), not the grid of four strategies the message also names."""
    answer = advisor.ask(
        "our CTO keeps saying offshore insourcing. what does insourcing actually mean?"
    )
    assert answer.direct.text.startswith("Insourcing involves completing specific tasks")


def test_an_example_question_gets_the_one_example_wherever_it_ranks(advisor: Advisor) -> None:
    """The knowledge base's one example of a company (V-key, in the conclusion) answers "any
    real company that did it?" even when it shares no word with the question and ranks low."""
    answer = advisor.ask(
        "Is there any real company that did the 'own team abroad' thing and it worked? "
        "Need something for my leadership."
    )
    assert "V-key, a global leader in software-based digital security" in answer.direct.text


@pytest.mark.parametrize(
    ("question", "opening", "must_say"),
    [
        (
            "Can we outsource a project that is core to our business?",
            "No: we advise businesses to NEVER outsource their core IT capabilities",
            "NEVER outsource",
        ),
        (
            "Is a dedicated offshore team a good fit for a 3-month prototype?",
            "No: ",
            "typically exceeding one year",
        ),
        (
            "Is building an in-house team a bad idea?",
            "Only if the budget were low: ",
            "viable strategy for businesses that have the budget",
        ),
    ],
)
def test_a_rule_the_stated_facts_meet_answers_the_yes_no(
    advisor: Advisor, question: str, opening: str, must_say: str
) -> None:
    """A policy rule that the question's own facts meet ("core", "3-month") answers its yes/no,
    quoted, wherever its passage ranks (from a new-user trial: the core question was answered
    "Yes" by "... focus their energies on core business activities"); "is X a bad idea?" meets
    a rule that holds only under a condition as "Only if <condition>"."""
    answer = advisor.ask(question)
    assert answer.direct.text.startswith(opening)
    assert must_say in answer.direct.text


def test_what_is_an_option_opens_with_its_definition(advisor: Advisor) -> None:
    """ "What is a dedicated offshore team?" is a definition question (from a new-user trial: it
    opened with startups in Vietnam and the definition came later)."""
    answer = advisor.ask("What is a dedicated offshore team?")
    assert answer.kind == "definition"
    assert "Building a dedicated team in a different country" in answer.direct.text


@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        ("When should we build a dedicated offshore team?", "typically exceeding one year"),
        ("when is in-house the right call?", "viable strategy for businesses that have the budget"),
        ("when does it make sense to outsource?", "NEVER outsource their core IT capabilities"),
    ],
)
def test_when_one_option_fits_opens_with_the_policys_condition_on_it(
    advisor: Advisor, question: str, must_say: str
) -> None:
    """ "When should we ...?" about one option opens with the policy's first condition on it,
    quoted from the article, wherever its passage ranks (from a new-user trial: "when should we
    build a dedicated offshore team?" never stated the one-year rule)."""
    assert must_say in advisor.ask(question).direct.text


def test_a_request_for_a_recommendation_gets_the_pick_first(advisor: Advisor) -> None:
    """ "What do you recommend and what could go wrong?" with scenario facts opens with the
    ranking's pick, then the passage on the risk (from a new-user trial: the risk came first
    and the recommendation was a supporting point)."""
    answer = advisor.ask(
        "We're a tech company and need 15 more engineers for our core product over the next 3 "
        "years. What do you recommend and what could go wrong?"
    )
    assert answer.route == "mixed"
    assert answer.direct.text.startswith("Recommended: Offshore insourcing")
    assert "considerable upfront investment" in answer.direct.text


def test_a_second_sentence_from_elsewhere_loses_its_connective(documents_only: Advisor) -> None:
    """A sentence joined to the first from another place in the text does not open with a
    connective leaning on what it followed there ("In contrast, ..." after a sentence saying
    the same; from a new-user trial); its citation still quotes it exactly."""
    answer = documents_only.ask("how much control do we keep with an offshore team?")
    assert "In contrast," not in answer.direct.text
    assert "Building an offshore tech team offers increased control" in answer.direct.text
    assert any(
        c.source.quote.startswith("In contrast, building an offshore tech team")
        for c in answer.citations
    )


def test_a_case_study_supports_only_a_request_for_an_example(advisor: Advisor) -> None:
    """The V-key case ("... used by banks, governments, and payment gateways ...") shares
    "payment" with a question about a core payment platform, but is not a point about it; it
    still answers "any real company that did it?"."""
    answer = advisor.ask("Should we outsource our core payment platform?")
    assert "V-key" not in _shown(answer)
    assert "V-key" in advisor.ask("any real company that built a team abroad?").direct.text


def test_an_off_topic_word_in_a_remark_does_not_decline_the_question(advisor: Advisor) -> None:
    """ "Budget & forecast due Friday" is a remark: the question before it is answered with the
    cost figures ("forecast" names the weather only in what is asked)."""
    answer = advisor.ask(
        "We spend ~EUR 2.4M/yr on onshore dev headcount. If we moved the same headcount to an "
        "offshore team what's the ballpark cost? Budget &amp; forecast due Friday :moneybag:"
    )
    assert answer.route == "knowledge"
    assert "20% ~ 60%" in answer.direct.text
    assert advisor.ask("what's the weather forecast for tomorrow?").route == "out_of_scope"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "what are the 4 quadrants in that CTO matrix? need to put it on slide 3, pls share",
            "Onshore Insourcing",
        ),
        (
            "when does staying in-house still make sense according to the article? (hoping the "
            "answer is 'always' but I know it isn't :upside_down_face:)",
            "in-house tech team scaling",
        ),
    ],
)
def test_a_remark_of_unknown_words_does_not_decline_the_question(
    advisor: Advisor, question: str, expected: str
) -> None:
    """Words the knowledge base never uses ("slide", "share", "hoping", "always") in a remark
    around the question do not make it off topic: what is asked is judged alone (set B2 and
    A2 items, declined as out of scope before). A question with unknown words of its own stays
    declined however the remark reads."""
    answer = advisor.ask(question)
    assert answer.covered
    assert expected in answer.direct.text
    declined = advisor.ask(
        "who does quality control on the printed annual report? the printer keeps messing up "
        "the colours"
    )
    assert declined.route == "out_of_scope"


def test_a_scenario_asking_for_the_play_opens_with_the_pick_using_every_fact(
    advisor: Advisor,
) -> None:
    """ "..., budget is medium and we want a lot of control. what's the play?" asks for the
    pick, and every fact it states is read (a new-user trial: the pick was a supporting point
    and budget and control were listed as assumed)."""
    answer = advisor.ask(
        "we're a logistics company. our dispatch platform is core, ~18 months of work, we can't "
        "find devs locally, budget is medium and we want a lot of control. what's the play?"
    )
    assert answer.direct.text.startswith("Recommended: Offshore insourcing")
    assert answer.evaluation is not None
    assert not {"budget", "control"} & set(answer.evaluation.assumed)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "Surely an offshore team in VN gives us the same control as the team here at HQ? "
            "It's our own people after all.",
            "No: while this level of control may not match that of an in-house team",
        ),
        (
            "With outsourcing the vendor takes care of project mgmt and QA so we don't need to "
            "staff that ourselves — is that what the article says?",
            "Yes: outsourcing software development liberates businesses from the time-consuming",
        ),
    ],
)
def test_a_statement_put_to_be_confirmed_is_answered_yes_or_no(
    advisor: Advisor, question: str, opening: str
) -> None:
    """'Surely ...?' and '... — is that what the article says?' ask to confirm a statement:
    the answer opens with Yes or No by the sentence that decides it."""
    assert advisor.ask(question).direct.text.startswith(opening)


def test_why_a_rule_is_answered_by_the_reasons_its_sentence_sums_up(advisor: Advisor) -> None:
    """'For such reasons, we advise ... NEVER outsource ...' sums up the sentences before it: a
    question asking why gets those reasons first, then the rule; a question asking whether
    gets the rule alone."""
    direct = advisor.ask("why the article say never outsource core IT? what is the reason")
    assert direct.direct.text.startswith(
        "Entrusting external parties means giving up full control over the process and results"
    )
    assert "If your service provider stops their support" in direct.direct.text
    assert direct.direct.text.endswith(
        "to outsource their IT projects to a trustworthy third party."
    )
    whether = advisor.ask("Should we outsource our core payment platform?")
    assert "Entrusting external parties" not in whether.direct.text


def test_a_number_with_a_unit_is_a_fact_not_a_word_to_match(
    advisor: Advisor, documents_only: Advisor
) -> None:
    """'~4 months' says how long the project is: its '4' matched the row the source left
    unlabelled ('Model Comparison, row 4') and '4 different groups', which opened the answer.
    From the documents alone the answer is the article's rule on short projects; with the
    labelled questions, the passage on outsourcing's cost and short projects."""
    question = (
        "we need a promo mini-app for Diwali + Raya campaign, ~4 months build. outsource ok? :pray:"
    )
    direct = advisor.ask(question).direct.text
    assert direct.startswith("Yes: ")
    assert "row 4" not in direct
    assert "4 different groups" not in direct
    answer = documents_only.ask(question)
    assert answer.direct.text.startswith(
        "Yes: businesses should limit outsourcing to short-term tech projects lasting less than "
        "one year"
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "can't find ... locally" is the article's "not be readily available locally".
        (
            "cant find ML / data ppl locally in our city at all. which model helps w/ that?",
            "By establishing offshore teams, businesses can quickly ramp up their tech operations",
        ),
        # The question before an "Or ...?" alternative is the one asked: when, not how much.
        (
            "When does the article think staying fully onshore in-house is justified? Or is that "
            "option just dismissed as too expensive?",
            "For tech companies, being able to connect and communicate easily is crucial",
        ),
    ],
)
def test_when_questions_in_other_words(advisor: Advisor, question: str, opening: str) -> None:
    """When-questions worded by a new writer (set M, dev) open with the sentence that says
    when."""
    assert advisor.ask(question).direct.text.startswith(opening)


@pytest.mark.parametrize(
    ("question", "history", "opening"),
    [
        # A term in quotes is the one whose definition is asked for ...
        (
            "when the article says 'insourcing', does it mean any team we employ, offshore too?",
            [],
            "Insourcing involves completing specific tasks within the organization",
        ),
        # ... and "the same as?" is No by the sentence that sets the two against each other.
        (
            "whats 'insourcing' mean, is it the same as outsourcing?",
            [],
            "No: insourcing involves completing specific tasks within the organization, whereas",
        ),
        # "which one is best in general?" is answered by the article's "it depends".
        (
            "ok so after all that, which one is best in general? one answer pls :pray:",
            ["what can go wrong if we outsource our customer app?"],
            # (after the sentence it leans on: "Since every company is unique, ...")
            "Depending on the structure, situation, and goals of your business, one strategy may",
        ),
    ],
)
def test_set_m_wordings(advisor: Advisor, question: str, history: list[str], opening: str) -> None:
    """Wordings of a new writer (set M, dev) are answered, in the first paragraph, by the
    sentence that answers them."""
    direct = advisor.ask(question, history=history).direct.text
    assert opening in direct
    leaning = "Since every company is unique, what works for others may not be suitable for you. "
    assert direct.index(opening) <= len(leaning)


def test_asking_what_the_article_says_is_within_the_topic(advisor: Advisor) -> None:
    """'Does the article say anything about ...?' asks about the knowledge base: answered from
    it when it does (set M), declined when what it asks about is off topic."""
    answer = advisor.ask(
        "Does the article say anything about why competition is getting tougher? Our CEO keeps "
        "bringing up the quick-commerce startups."
    )
    # the labelled question nearest it ("Why the competition is become so much more hard ...?")
    # is answered by the sentence before "Consequently, competition intensifies ..."
    assert "innovative startups are emerging at unprecedented speeds" in answer.direct.text.lower()
    assert advisor.ask("what does the article say about the weather in Hanoi?").route == (
        "out_of_scope"
    )


def test_what_can_go_wrong_is_answered_by_a_risk_of_the_option(advisor: Advisor) -> None:
    """'what can go wrong if we outsource ...?' opens with a risk of outsourcing, not with a
    table row of every option or the article's introduction (the risk group's search word is
    the article's own 'risk', not the introduction's 'drawbacks')."""
    answer = advisor.ask("what can go wrong if we outsource our customer app?")
    assert answer.direct.text.startswith("Service vendors are frequently evaluated")
    assert "potentially disastrous long-term consequences" in answer.direct.text


@pytest.mark.parametrize(
    "question",
    [
        "what are the risks of offshoring?",
        "what's the catch with offshoring? there's always a catch",
    ],
)
def test_a_row_answers_one_options_risks_by_that_options_cell(
    advisor: Advisor, question: str
) -> None:
    """'the risks of offshoring?' answered by the General Considerations row gives the offshore
    team's cell, not every option's (the quote is still the whole row), then goes on with the
    article's sentence on that option's cost (sets P2, U2)."""
    answer = advisor.ask(question)
    assert answer.direct.text.startswith(
        "Model Comparison, General Considerations — Offshore Team (offshore insourcing): HR is a "
        "problem; Need time to build. "
    )
    assert "requires a considerable upfront investment" in answer.direct.text
    assert "Outsourcing: Needed trusted partner" in answer.citations[0].source.quote


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The trial: a rule on short projects said Yes to a question on long ones.
        ("is outsourcing good for long-term projects?", "No: businesses should limit outsourcing"),
        (
            "is outsourcing good for short-term projects?",
            "Yes: businesses should limit outsourcing",
        ),
    ],
)
def test_a_rule_on_short_projects_answers_a_question_on_long_ones_no(
    advisor: Advisor, question: str, opening: str
) -> None:
    """'good for long-term projects?' is No by '... limit outsourcing to short-term tech
    projects', 'short-term?' Yes."""
    assert advisor.ask(question).direct.text.startswith(opening)


@pytest.mark.parametrize("question", ["tl;dr?", "tl;dr of the article pls"])
def test_a_summary_request_opens_with_the_conclusion_not_its_case_study(
    advisor: Advisor, question: str
) -> None:
    """'tl;dr' asks for the conclusion: it opens with the conclusion's own sentences, not the
    case study that shares its section (V-key), and 'of the article' is no topic of its own
    (the trial: it was declined as off topic)."""
    answer = advisor.ask(question)
    assert answer.covered
    assert "V-key" not in answer.direct.text
    assert "what works for others may not be suitable for you" in answer.direct.text


def test_a_case_study_answers_a_question_naming_it(advisor: Advisor) -> None:
    """'Who is V-key?' names the case study's company: that sentence answers it."""
    assert advisor.ask("Who is V-key?").direct.text.startswith("V-key, a global leader")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The trial: both opened with "Recommended: ..." or a tie, no Yes or No.
        (
            "Can we outsource a non-core project for 2 years?",
            "No: for this scenario the scoring ranks Offshore insourcing (dedicated offshore team) "
            "first (60) and onshore outsourcing third (40).",
        ),
        (
            "we are non-IT company, retail, need an app for 6 month. outsource ok?",
            "Yes: for this scenario the scoring ranks Onshore outsourcing and Offshore outsourcing "
            "first (70, a tie).",
        ),
    ],
)
def test_may_we_and_ok_questions_on_a_scenario_get_the_rankings_yes_or_no(
    advisor: Advisor, question: str, opening: str
) -> None:
    """'Can we outsource ...?' and '... outsource ok?' with scenario facts ask to decide: the
    answer opens with the ranking's Yes or No."""
    assert advisor.ask(question).direct.text.startswith(opening)


@pytest.mark.parametrize(
    ("question", "opening", "without"),
    [
        # Nobody labelled these wordings: labelled questions near them ("which gives us more
        # grip on code quality: an external shop or a dedicated team abroad?", "where exactly
        # does the saving with an offshore team come from, ...?") lead to the sentence that
        # answered those. Without them the answer opens with the matrix's introduction, or
        # with why startups build offshore teams.
        (
            "what gives us a tighter grip on code quality, an outside dev shop or our own "
            "team overseas?",
            "Building an offshore tech team offers increased control and autonomy",
            "According to our CTO",
        ),
        (
            "so where does the money actually get saved with our own offshore people, if "
            "they're still our staff?",
            "The cost-effectiveness of offshoring stems from",
            "Tech startups and IT companies",
        ),
    ],
)
def test_labelled_questions_lead_a_new_wording_to_the_sentence_that_answered_them(
    advisor: Advisor, question: str, opening: str, without: str
) -> None:
    """The retriever's third side (knowledge/labelled-questions.yaml) changes the answer to a
    question near a labelled one; the same advisor without it answers as before."""
    retriever = advisor.retriever
    assert isinstance(retriever, HybridRetriever)
    assert retriever.labelled is not None
    plain = advisor.with_retriever(retriever.with_labelled(None))
    assert advisor.ask(question).direct.text.startswith(opening)
    assert plain.ask(question).direct.text.startswith(without)


def test_a_labelled_question_reaches_its_quote_first(advisor: Advisor) -> None:
    """Asked as labelled, a question's first passage holds its quote (its sentence scores the
    labelled question's similarity); the coverage signal still measures the documents only."""
    retriever = advisor.retriever
    assert isinstance(retriever, HybridRetriever)
    question = "how do outsourcing vendors usually bill, per project or per head?"
    passages, diagnostics = retriever.search_with_diagnostics(question, 6)
    assert "businesses typically pay on a project basis" in passages[0].text
    assert max(passages[0].labelled_similarities) > 0.9
    plain, plain_diagnostics = retriever.with_labelled(None).search_with_diagnostics(question, 6)
    assert plain_diagnostics.best_dense_similarity == diagnostics.best_dense_similarity
    assert all(not p.labelled_similarities for p in plain)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("honestly which is the cheapest option of all of them?", "In terms of cost, outsourcing"),
        ("cheapest: outsourcing or own offshore team?", "In terms of cost, outsourcing"),
        ("is outsourcing the cheapest?", "Yes: in terms of cost, outsourcing"),
        ("is offshore outsourcing the cheapest?", "Yes: in terms of cost, outsourcing"),
        # The article's verdict names outsourcing: No to another option.
        ("is an offshore team the cheapest option?", "No: in terms of cost, outsourcing"),
        ("isn't an in-house team the cheapest in the end?", "No: in terms of cost, outsourcing"),
    ],
)
def test_which_is_cheapest_opens_with_the_articles_verdict_then_the_figures(
    advisor: Advisor, question: str, opening: str
) -> None:
    """'Which is the cheapest?' asks for a verdict the figures only imply (per head, an
    offshore team's 20% ~ 60% is below outsourcing's 30% ~ 70% plus margins): the sentence
    using the same superlative opens ("outsourcing emerges as the 'cheapest' option"), and
    the figures with their baseline follow in the same paragraph, cited after it."""
    answer = advisor.ask(question)
    assert answer.direct.text.startswith(opening)
    assert "as the baseline at 100%" in answer.direct.text
    assert answer.direct.citations == (1, 2)
    assert "‘cheapest’ option" in answer.citations[0].source.quote
    # A question on how much cheaper asks for the figures alone.
    figures = advisor.ask("How much cheaper is a dedicated offshore team than an onshore team?")
    assert figures.direct.text.startswith("Cost (headcount basis) in the Model Comparison")


@pytest.mark.parametrize(
    "question", ["what are the 4 strategies?", "list pros and cons of each of the 4 strategies"]
)
def test_a_sentence_introducing_the_matrix_is_followed_by_it(
    advisor: Advisor, question: str
) -> None:
    """ "... can be grouped into 4 different groups based on how you execute them and the
    location:" says nothing without the table after it: leading an answer, it brings the four
    named strategies and cites the table's rows (it had ended the paragraph on its colon; from
    a new-user trial)."""
    answer = advisor.ask(question)
    direct = answer.direct.text
    assert not direct.rstrip().endswith(":")
    for name in ("Onshore Insourcing", "Onshore Outsource", "Offshore Insourcing"):
        assert name in direct
    assert "Offshore Outsource" in direct
    cited = [answer.citations[n - 1].source.section_path for n in answer.direct.citations]
    assert any(path.endswith("Software Development Strategies") for path in cited)


@pytest.mark.parametrize(
    ("question", "placed"),
    [
        (
            "if we hire an agency here in our own country to build the app, which quadrant is that",
            "Software Development Strategies: Onshore Outsource (In-Home Country (Onshore), done "
            "externally).",
        ),
        (
            "we set up our own team overseas, what would that be called?",
            "Software Development Strategies: Offshore Insourcing (Outside Home Country "
            "(Offshore), done internally).",
        ),
        (
            "an outsourcing vendor abroad - which of the four is that?",
            "Software Development Strategies: Offshore Outsource (Outside Home Country "
            "(Offshore), done externally).",
        ),
        # What the set-up is not names nothing about it (sets Z, D2, dev).
        (
            "our own engineers in another country, not an agency, just our own staff: where "
            "does that land in the grid?",
            "Software Development Strategies: Offshore Insourcing (Outside Home Country "
            "(Offshore), done internally).",
        ),
    ],
)
def test_a_set_up_is_placed_in_the_grid(advisor: Advisor, question: str, placed: str) -> None:
    """'Which quadrant is ...?' names the grid cell of who does the work and where, then the
    grid with its introduction (sets S, T, dev)."""
    direct = advisor.ask(question).direct.text
    assert direct.startswith(f"{placed} According to our CTO, software development strategies")
    assert "Onshore Insourcing (In-Home Country (Onshore), done internally)" in direct


def test_another_case_put_to_a_grid_question_is_placed_in_the_grid(advisor: Advisor) -> None:
    """A thread reply putting another case ("and if we pay an agency in our own country ...?")
    asks where that one sits too (sets B2, A2, R, V: answered by a cost sentence before).
    Another question in the thread is not read as one about the grid."""
    first = "what do you call it when a company hires its own employees in another country?"
    direct = advisor.ask(
        "and if we pay an agency in our own country to build stuff for us?", history=[first]
    ).direct.text
    assert direct.startswith(
        "Software Development Strategies: Onshore Outsource (In-Home Country (Onshore), done "
        "externally)."
    )
    other = advisor.ask("and how much does an agency cost?", history=[first]).direct.text
    assert not other.startswith("Software Development Strategies")
    assert "According to our CTO" not in other


def test_a_set_up_the_question_does_not_place_gets_the_whole_grid(advisor: Advisor) -> None:
    """Without both who and where ('our own employees in Portugal': the bot does not know
    where home is), no cell is named: the grid answers, every cell in it."""
    direct = advisor.ask(
        "Suppose we were to establish a small branch office with our own employees in Portugal. "
        "Into which of the four categories would that fall?"
    ).direct.text
    assert direct.startswith("According to our CTO, software development strategies")
    assert "Offshore Insourcing (Outside Home Country (Offshore), done internally)" in direct


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # The sentence naming the term asked about defines it, not a synonym's definition
        # (sets L, M, O, dev).
        (
            "what do ppl mean when they say the 'in-house' model? just our own devs at HQ?",
            "The onshore insourcing strategy, commonly known as the ‘in-house’ approach",
        ),
        ("what does in-house mean?", "The onshore insourcing strategy, commonly known as"),
        ("what is insourcing?", "Insourcing involves completing specific tasks"),
        # "Stuck" is struggling to decide (sets R, S, dev).
        (
            "why do so many companies get stuck choosing between the two? what's the root problem",
            "The struggle often stems from a lack of understanding",
        ),
        # ... so is a "tough call" (vocabulary synonym; sets X, D2, dev) ...
        ("why is this such a tough call for most firms?", "The struggle often stems from"),
        # ... and "why now?" asks what changed: the modern-problems section (a quoted
        # vocabulary entry, matched with its stop words; sets B2, M, Z, dev).
        (
            "why now though? five years ago we'd never have considered an agency",
            "Innovative startups are emerging at unprecedented speeds",
        ),
        # "Macro" is the economy (sets C2, D2, dev).
        (
            "whats the macro driver behind all the offshoring talk",
            "Amidst this backdrop, the global economy faces a period of uncertainty",
        ),
        # Mixing the two up is the article's "confusion", which leans on the sentence before
        # it (sets A2, B2, D2, dev).
        (
            "how come folks muddle up 'offshoring' and 'offshore outsourcing' all the time?",
            "Interestingly, when businesses refer to outsourcing and offshoring software "
            "development, they often refer to the option of outsourcing software (which can be "
            "done onshore or offshore) and building dedicated offshore tech teams. This can lead "
            "to confusion, as many businesses think offshoring software development also means "
            "offshore software development outsourcing",
        ),
        # "What's the point of it?" asks what the two are for: the article's first sentence
        # (quoted vocabulary entries; sets B2, D2, F, S, dev).
        (
            "what's the point of outsourcing software work anyway?",
            "Outsourcing and offshoring software development have emerged as effective "
            "strategies for businesses to boost their tech capabilities without breaking the bank",
        ),
        # What an option brings opens with a sentence saying what it brings, not with the one
        # that introduces it (sets J, X, dev).
        (
            "devil's advocate here: make the case for an in-house team at home",
            (
                "Since members are recruited locally, face-to-face interviews and meetings can "
                "be conducted easily without any language or cultural barriers",
                "For tech companies, being able to connect and communicate easily is crucial",
            ),
        ),
        # "Which of the two is the cheaper one?" is answered by the "cheapest" sentence (set T).
        (
            "Purely from a budgetary standpoint — which of the two approaches does the article "
            "consider the cheaper one?",
            "In terms of cost, outsourcing emerges as the ‘cheapest’ option",
        ),
        # A sentence saying only that two things differ brings the one saying how (sets J, T).
        (
            "Both models are described as scalable. In what respect does the *nature* of their "
            "scalability differ?",
            "Both models offer great scalability; however, they differ in nature. One enables "
            "businesses to meet their tech needs without having to scale up in-house "
            "infrastructure",
        ),
        # "Which country?" is answered by the sentence naming one (set C).
        (
            "which country is good for offshore outsourcing? any recomendation",
            "Among those offshore outsourcing destinations, Vietnam is considered one of the best",
        ),
        # "Sourcing setups" are the grid's strategies (set S, dev).
        (
            "how many sourcing setups are there in their framework",
            "According to our CTO, software development strategies on a high level can be "
            "grouped into 4 different groups",
        ),
    ],
)
def test_answers_to_kinds_from_sets_r_s_t(
    advisor: Advisor, question: str, opening: str | tuple[str, ...]
) -> None:
    """Each of these kinds had opened with another sentence (or been refused)."""
    answer = advisor.ask(question)
    assert answer.covered
    assert answer.direct.text.startswith(opening)


def test_which_one_do_we_pick_is_the_advisors_topic(advisor: Advisor) -> None:
    """'Which one do we pick?' asks the advisor to decide, naming no topic word: it is
    answered from the knowledge base's part on choosing, not declined as off topic (set S)."""
    answer = advisor.ask("so which one do we pick? give me the decision rule, not a sales pitch")
    assert answer.route == "knowledge"
    assert answer.covered
    cited = {answer.citations[n - 1].source.section_path for n in answer.direct.citations}
    assert any("Which Model Is Ideal" in path or "Conclusion" in path for path in cited)


@pytest.mark.parametrize(
    "question",
    [
        "Our legacy benefits system will in all likelihood run for four years or more, followed by "
        "long-term maintenance. Which approach does the article associate with projects of such a "
        "duration?",
        "For a multi-year warehouse platform that we'll be maintaining for a long time, which "
        "model does the article point to?",
    ],
)
def test_a_question_on_a_long_project_opens_with_what_fits_long_projects(
    advisor: Advisor, question: str
) -> None:
    """A question on a project of a year or more opens with a sentence on long projects (the
    offshore team's), not with 'limit outsourcing to short-term tech projects' or the
    outsourcing's project basis (sets O, T, dev)."""
    direct = advisor.ask(question).direct.text
    assert "offshor" in direct.split(".")[0].lower()
    assert "longer than 1 year" in direct or "exceeding one year" in direct
    assert not direct.startswith(("Businesses should limit", "Businesses typically pay"))


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("ok and if it drags past 12 months?", "long"),
        ("what if its more like 2-3 yrs and core", "long"),
        ("what if it is 18 months", "long"),
        ("we have 6 month MVP for a retail client", "short"),
        ("an 8-10 month thing and a 3yr roadmap", ""),
        ("which is cheaper?", ""),
    ],
)
def test_the_project_length_a_question_asks_about(text: str, length: str) -> None:
    """A year or more is long, under a year short; naming both, or neither, names none."""
    assert asked_length(text) == length


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # sets F, H, S, W, X and O (dev)
        ("isn't the whole saving just the wage gap vs hiring locally?", "No: businesses often"),
        # a claim in notation asks yes or no (set R2)
        ("Savings = just the wage gap vs hiring domestically?", "No: businesses often think"),
        (
            "isn't the whole cost argument just 'devs abroad are cheaper than devs here'? "
            "nothing more to it, right",
            "No: businesses often think",
        ),
    ],
)
def test_a_claim_that_one_thing_is_merely_another_opens_with_the_belief_the_article_judges(
    advisor: Advisor, question: str, opening: str
) -> None:
    """ "Isn't the saving just the wage gap?" is the belief the article reports ("Businesses
    often think it's only about the cost gap ...") and judges in the next sentence ("This
    perspective merely scratches the surface"): both open the answer, with No to the claim
    ("nothing more to it" limits; it negates nothing)."""
    direct = advisor.ask(question).direct.text
    assert direct.startswith(opening)
    assert "This perspective merely scratches the surface" in direct


@pytest.mark.parametrize(
    "question",
    ["what's the catch with just hiring onshore?", "is that just us or an industry thing?"],
)
def test_just_in_a_wh_question_or_an_idiom_claims_nothing(advisor: Advisor, question: str) -> None:
    """ "just hiring onshore" in a wh-question, "is that just us" (sets J, C, dev) are no claim
    that one thing is merely another."""
    assert not advisor.ask(question).direct.text.startswith(
        ("Businesses often think", "No: businesses often think")
    )


@pytest.mark.parametrize(
    ("history", "question", "fact", "quote"),
    [
        (
            [],
            "Scenario: we're a ~300 store retailer and need a loyalty app built in about 8 "
            "months, after that it's basically done. Which model makes more sense for us?",
            "Project duration: 8 months (less than one year)",
            "preferred option for short-term tech projects, usually lasting less than one year",
        ),
        # A follow-up changing the length grounds the new ranking on it (sets H, D, dev).
        (
            ["we are a retailer and need an MVP in 6 months, outsource or offshore?"],
            "hmm what if it's realistically more like 18 months and we keep iterating?",
            "Project duration: 18 months (more than one year)",
            "develop and manage key tech projects that take longer than 1 year",
        ),
    ],
)
def test_a_scenario_ranking_opens_with_the_articles_words_behind_it(
    advisor: Advisor, history: list[str], question: str, fact: str, quote: str
) -> None:
    """A scenario answered by its ranking opens with the ranking's first sentence and the
    stated fact that most supports it, in the article's words with their citation; what would
    change the ranking follows, and that fact is not listed again."""
    answer = advisor.ask(question, history=history)
    assert answer.route == "scenario"
    assert fact in answer.direct.text
    assert quote in answer.direct.text
    assert answer.citations[answer.direct.citations[0] - 1].source.quote.rstrip(".").endswith(quote)
    assert "It would change" in answer.considerations[0].text
    assert not [c for c in answer.considerations if c.text.startswith(fact)]


@pytest.mark.parametrize(
    "question",
    [
        # sets V, W, X (dev)
        "someone dropped this outsourcing article in #leadership :eyes: in a nutshell what is "
        "it trying to help me figure out?",
        "tl;dr what is this article actually trying to convince me of? before I waste 10 min",
        "what is the article about?",
        # after a preface; "set out" shares a word with "setting up" by chance (set Y, dev)
        "Before I circulate this <https://jdi.group/outsourcing-vs-offshoring|JDI piece> to the "
        "sourcing committee: what does the article actually set out to do?",
    ],
)
def test_what_the_article_sets_out_to_do_is_answered_by_its_own_words(
    advisor: Advisor, question: str
) -> None:
    """A question on what the text itself sets out to do is answered by the sentence saying so
    ("this article will shed light on these approaches and explore how ..."), which answers
    nothing else, not by where the text goes next ("before we dive deeper"); "what is the
    article about?" names nothing the article holds and is still answered."""
    answer = advisor.ask(question)
    assert answer.covered
    assert "explore how to determine the most appropriate one for your company" in (
        answer.direct.text
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # sets F, H, M, C (dev): the section on what changed, by its causal sentences
        (
            "why are so many companies looking at outsourcing / offshoring lately anyway?",
            (
                "Recognizing the limitations of solely relying on local resources",
                "Amidst this backdrop, the global economy faces a period of uncertainty",
            ),
        ),
        (
            "Why the competition is become so much more hard for tech companies in these years?",
            ("Innovative startups are emerging at unprecedented speeds",),
        ),
    ],
)
def test_why_now_is_answered_by_what_prompts_the_change(
    advisor: Advisor, question: str, opening: tuple[str, ...]
) -> None:
    """A sentence saying what prompts or forces a change ("..., prompting businesses to ...",
    "Consequently, competition intensifies", "Recognizing the limitations of ...") gives a
    reason, as "because" does; it answered after a vendor's pricing sentence before."""
    assert advisor.ask(question).direct.text.startswith(opening)


@pytest.mark.parametrize(
    "question",
    [
        # sets T, V, X (dev)
        "Which kind of company does the article say finds outsourcing especially attractive "
        "from a control/management standpoint?",
        "who is outsourcing even meant for? surely not companies that care how their software "
        "gets built",
    ],
)
def test_who_an_option_is_for_is_answered_with_the_sentence_naming_them(
    advisor: Advisor, question: str
) -> None:
    """ "Which kind of company ...?" and "who is X meant for?" ask when X fits; the sentence
    that says so ("This is especially enticing for companies that ...") leans on the one before
    it, and joins it when that one does not say for whom."""
    answer = advisor.ask(question)
    assert answer.kind == "when"
    assert "companies that do not want to be involved too much with the technical side" in (
        _shown(answer)
    )
    if question.startswith("Which kind"):  # the policy's rule on non-IT companies opens the other
        assert "This is especially enticing for companies that" in answer.direct.text


def test_what_we_give_up_asks_for_a_drawback(advisor: Advisor) -> None:
    """ "What do we give up when we hand a project to an outside firm?" asks for a drawback
    (set W, dev): "... means giving up full control over the process and results"."""
    answer = advisor.ask(
        "So long story short, what do we give up when we hand a project over to an outside firm?"
    )
    assert answer.kind == "risks"
    assert "giving up full control over the process and results" in answer.direct.text


@pytest.mark.parametrize(
    "question",
    [
        # sets B, C, X (dev)
        "what benefits does each one claim? bet they both just say 'cost saving' :yawning_face:",
        "Apart from saving money, what does offshoring give us that outsourcing doesn't?",
    ],
)
def test_the_benefits_of_both_options_open_with_the_row_setting_them_side_by_side(
    advisor: Advisor, question: str
) -> None:
    """A question on the benefits of each of two options is answered by the definitions table's
    Benefits row, as a comparison is (it lost ``table_penalty`` before)."""
    answer = advisor.ask(question)
    assert answer.kind == "benefits"
    assert "Quality Control; Tech Talent Acquisition" in answer.direct.text


@pytest.mark.parametrize(
    "follow_up", ["and outsourcing? same range?", "and outsourcing, what range?"]
)
def test_a_follow_up_naming_an_unknown_aspect_asks_the_previous_aspect(
    advisor: Advisor, follow_up: str
) -> None:
    """ "range" is no word of the knowledge base: "and outsourcing? same range?" after a question
    on an offshore team's cost share asks that share for outsourcing (sets R, W, dev)."""
    history = ["what % of an onshore team's cost does an offshore team run, roughly?"]
    answer = advisor.ask(follow_up, history=history)
    assert "Outsourcing 30% ~ 70%" in answer.direct.text


def test_a_def_of_a_term_asks_its_definition(advisor: Advisor) -> None:
    """ "def of X" is a definition question (set X, dev); "def" alone ("def worth it") is not."""
    answer = advisor.ask("one-line def of offshoring pls, no marketing fluff")
    assert answer.kind == "definition"
    assert "Building a dedicated team in a different country" in answer.direct.text


def test_the_table_is_the_knowledge_bases_topic(advisor: Advisor) -> None:
    """ "that table" names the article's table as "the article" names the article (set X, dev):
    a question on its figures is answered, not declined as off topic."""
    answer = advisor.ask("what do the 25% and 75% numbers in that table mean")
    assert answer.covered
    assert "25% – Different country" in answer.direct.text


@pytest.mark.parametrize(
    "question",
    [
        "would a team overseas give me as much control as having everyone in my own building?",
    ],
)
def test_a_claim_of_as_much_is_answered_no_when_the_article_sets_them_apart(
    advisor: Advisor, question: str
) -> None:
    """ "as much control as the people down the hall?" claims the two equal; the article's "this
    level of control may not match that of an in-house team" says No (set F2, dev)."""
    direct = advisor.ask(question).direct.text
    assert direct.startswith("No: while this level of control may not match")


def test_the_option_measured_against_is_not_the_one_asked_about(advisor: Advisor) -> None:
    """ "why is it higher than the offshore one?" after a question on outsourcing's cost share
    asks about outsourcing: the whole cost row answers, not the offshore team's cell alone (set
    H2, dev)."""
    history = ["what % does outsourcing come to in the model comparison table?"]
    answer = advisor.ask("and why is that higher than the offshore team?", history=history)
    assert "Outsourcing margins" in answer.direct.text


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        # remarks run into the question without a full stop (set F2, dev)
        (
            "my nephew keeps mentioning offshore and I keep picturing fishing trips "
            ":fishing_pole_and_fish: What do onshore and offshore mean in this article?",
            "offshore refers to a company’s operations outside their home country",
        ),
        # "thousands of miles away" is abroad (set F2, dev)
        (
            "if the people sit thousands of miles away, are they still really part of my company?",
            "it remains an integral part of the company",
        ),
        # "be in charge" is control (set F2, dev)
        (
            "which setup lets me be in charge of the work the most?",
            "control",
        ),
        # "cannot find" people near us is talent not readily available (sets E2, F2, dev)
        (
            "we simply cannot find good mobile devs near us. would our own team abroad fix that?",
            "access specialized skills that may not be readily available locally",
        ),
        # "start out" is how companies begin (set F2, dev)
        (
            "how do firms usually start out before any of this offshoring?",
            "is how most companies begin",
        ),
        # being stung later by a low quote is the article's hidden costs, and asking whether
        # the article warns of it is asked within the topic (set F2, dev)
        (
            "an agency quoted us low and I'm scared they'll sting us later. does the article "
            "warn about that?",
            "least-effort solution",
        ),
    ],
)
def test_plain_wordings_of_known_questions_are_answered(
    advisor: Advisor, question: str, evidence: str
) -> None:
    """Everyday words for the article's terms and points, and remarks run into the question,
    still get the article's answer."""
    answer = advisor.ask(question)
    assert answer.covered
    assert evidence in answer.direct.text


@pytest.mark.parametrize(
    "question",
    [
        "why do so many owners find it hard to pick between these two?",
        "our board cannot decide between outsourcing and offshoring, why is that so common?",
    ],
)
def test_why_the_choice_is_hard_is_answered_by_what_the_struggle_stems_from(
    advisor: Advisor, question: str
) -> None:
    """ "hard to pick", "cannot decide" are the article's struggle to choose (sets E2, F2,
    dev)."""
    direct = advisor.ask(question).direct.text
    assert direct.startswith("The struggle often stems from a lack of understanding")


def test_a_follow_up_on_another_column_asks_the_previous_row(advisor: Advisor) -> None:
    """ "and the own-team-abroad column?" after a question on outsourcing's general
    considerations in the table asks the same row of the offshore team (set F2, dev)."""
    history = ["what are the catches with an outsourcer, going by the table?"]
    answer = advisor.ask("and for the own-team-abroad column?", history=history)
    assert "Need time to build" in answer.direct.text


@pytest.mark.parametrize(
    ("history", "question", "placed"),
    [
        # "sits where?" in a thread on the grid's boxes (set E2, dev)
        (
            ["which are the four quadrants again?"],
            "and the agency in our own city sits where?",
            "Onshore Outsource",
        ),
        (
            ["remind me of the 4 boxes in that 2x2?"],
            "so our in-house team at head office goes where?",
            "Onshore Insourcing",
        ),
    ],
)
def test_where_another_set_up_goes_in_a_thread_on_the_grid(
    advisor: Advisor, history: list[str], question: str, placed: str
) -> None:
    """Asking where a set-up "sits" or "goes" after a question on the grid's boxes places it
    in the grid."""
    direct = advisor.ask(question, history=history).direct.text
    assert direct.startswith(f"Software Development Strategies: {placed}")


def test_a_claim_that_one_option_suits_everyone_opens_with_what_makes_it_depend(
    advisor: Advisor,
) -> None:
    """ "Is there one right answer that suits every business?" is answered No by "since every
    company is unique ...", even when a remark names an option ("my pal swears by his team
    in Asia") whose conditions would otherwise open the answer (set F2, dev)."""
    answer = advisor.ask(
        "is there one right answer that suits every business? my uncle swears by his Asia "
        "team and says I'd be mad to do anything else"
    )
    assert answer.direct.text.startswith("No: since every company is unique")


@pytest.mark.parametrize(
    "question",
    [
        "what does a mid-level dev in Manila earn per month in pesos?",
        "ballpark, how many quid would a simple booking app cost us?",
    ],
)
def test_amounts_in_a_currency_are_not_covered(advisor: Advisor, question: str) -> None:
    """The article gives shares of an onshore team's cost, never amounts of money: a question
    asking for one in a currency is not covered (sets E2, F2, dev)."""
    answer = advisor.ask(question)
    assert not answer.covered
    assert answer.route == "knowledge"
    assert "salaries or rates in money" in answer.direct.text


def test_the_four_groups_in_digits_are_the_grid(advisor: Advisor) -> None:
    """ "that 4 groups thing" names the CTO's four groups as "four groups" does (set E2, dev)."""
    answer = advisor.ask("that 4 groups thing from the CTO, what is it based on?")
    assert answer.direct.text.startswith("According to our CTO, software development strategies")


@pytest.mark.parametrize(
    "question",
    [
        "is there an actual company that did this, or is it all theory?",
        "any real firm that has done this? asking for my board",
    ],
)
def test_an_example_of_nothing_named_is_an_example_of_the_topic(
    advisor: Advisor, question: str
) -> None:
    """ "any real company that did this?" sent to the advisor asks for an example of what it
    advises on: the article's V-key (set J2, dev), not a refusal."""
    answer = advisor.ask(question)
    assert answer.covered
    assert "V-key" in answer.direct.text


def test_a_question_on_what_is_in_the_article_is_asked_within_the_topic(advisor: Advisor) -> None:
    """ "... in this article, or does it depend?" asks what the knowledge base says, however it
    embeds (set J2, dev)."""
    answer = advisor.ask("so is there one correct answer in this article, or does it depend?")
    assert answer.covered
    assert "one strategy may be better suited than the others" in answer.direct.text


def test_a_set_up_asked_to_count_as_an_option_is_read_against_that_option(
    advisor: Advisor,
) -> None:
    """ "if we sign an agency in our own country, does that count as offshoring?" asks of
    offshoring ("Outside home country"): No, though outsourcing's cell ("Can within and
    outside home country") allows the agency (set J2, dev)."""
    answer = advisor.ask(
        "if we sign an agency based in our own country, does that count as offshoring?"
    )
    assert answer.direct.text.startswith("No:")


def test_two_aspects_set_against_each_other_ask_no_definition(advisor: Advisor) -> None:
    """ "short-term vs long-term" sets two aspects against each other, not two options: the
    table's row on them answers, not the definition of outsourcing (sets I2, K2, dev)."""
    answer = advisor.ask(
        "how does the comparison table score outsourcing for short-term vs long-term work?"
    )
    assert "Short-term (PS): Better x 80%" in answer.direct.text


def test_always_the_best_regardless_of_the_company_is_answered_no(advisor: Advisor) -> None:
    """ "always the best choice, regardless of the company?" claims one model suits everyone
    (set I2, dev)."""
    answer = advisor.ask(
        "is one of the four models always the best choice, regardless of the company?"
    )
    assert answer.covered
    assert answer.direct.text.startswith("No: since every company is unique")


def test_a_claim_put_as_the_whole_story_is_the_belief_the_article_judges(advisor: Advisor) -> None:
    """ "..., full stop. is that right?" puts a claim as the whole story: the article reports
    the belief and judges it ("This perspective merely scratches the surface"; set J2, dev)."""
    answer = advisor.ask(
        "our CEO says outsourcing is about cheap labour, full stop. is that right?"
    )
    assert answer.direct.text.startswith("No: businesses often think")
    assert "merely scratches the surface" in answer.direct.text


def test_conflating_the_terms_is_confusing_them(advisor: Advisor) -> None:
    """ "conflate" is "confuse" (set J2, dev): the sentences on what people mean by the terms
    answer, not the one saying they are distinct."""
    answer = advisor.ask("why do people conflate outsourcing with offshoring so much?")
    assert answer.direct.text.startswith("Interestingly, when businesses refer to outsourcing")


def test_commonly_known_as_says_two_names_are_the_same(advisor: Advisor) -> None:
    """ "The onshore insourcing strategy, commonly known as the 'in-house' approach" says Yes
    to "is in-house the same as insourcing?" (set F2, dev)."""
    answer = advisor.ask("is the in-house approach the same thing as insourcing?")
    assert answer.direct.text.startswith("Yes: the onshore insourcing strategy, commonly known")


def test_a_wh_sentence_asks_when_no_sentence_ends_in_a_question_mark(advisor: Advisor) -> None:
    """Without a '?', the sentence opening with "why" is what the message asks: a vendor named
    in the set-up before it is no gap (set U)."""
    answer = advisor.ask(
        "we got two bids via upwork and one is way under the other. why would an agency "
        "quote so low"
    )
    assert answer.covered
    assert "least-effort solution" in answer.direct.text


def test_a_wh_word_set_off_by_a_parenthetical_asks_no_yes_no(advisor: Advisor) -> None:
    """ "Why, according to the article, does ...?" asks why: no "Yes:" or "No:" opening
    (set L2)."""
    answer = advisor.ask(
        "Why, in the article's view, do businesses go for offshoring for key long projects?"
    )
    assert answer.covered
    assert not answer.direct.text.startswith(("Yes", "No"))


@pytest.mark.parametrize(
    "question",
    [
        "why would anyone still stay in-house?",
        "what's the case for hiring in-house?? everyone online says it's dead",
        # every word known: in words that embed far from the article's (set U)
        "why would anyone still go fully in-house these days?",
        "why bother staying in-house when it's the priciest way to do it",
    ],
)
def test_the_case_for_one_option_is_read_in_its_own_why_section(
    advisor: Advisor, question: str
) -> None:
    """What an option brings is said in the section on why to choose it, whether or not each
    sentence names it again; a sentence naming it only as what it measures against ("... the
    cost gap advantage compared to hiring in-house tech talent") is about something else
    (sets M2, U)."""
    answer = advisor.ask(question)
    assert answer.covered
    assert answer.direct.citations
    assert answer.citations[answer.direct.citations[0] - 1].source.section == "why-in-house"


def test_a_vendor_vanishing_is_the_business_disruption_risk(advisor: Advisor) -> None:
    """ "what if the agency ghosts us mid-project" is the article's "If your service provider
    stops their support ... business disruption" (set U), not "not covered"."""
    answer = advisor.ask("what if the agency just ghosts us halfway thru")
    assert answer.covered
    assert "business disruption" in answer.direct.text


def test_a_project_length_leads_over_the_grid_in_a_scenario_choice(advisor: Advisor) -> None:
    """ "5 months of work, outsource or offshore?" opens, after the ranking, with the sentence
    on projects of that length, not the strategy grid's definitions (sets M2, U)."""
    answer = advisor.ask(
        "our pilot app needs about 5 months of work, then we're done. outsource or offshore?"
    )
    assert "short-term tech projects, usually lasting less than one year" in answer.direct.text
    assert "4 different groups" not in answer.direct.text


def test_a_knowledge_gap_is_the_lack_of_understanding(advisor: Advisor) -> None:
    """ "a knowledge gap" and "difficulty choosing" are the intro's "The struggle often stems
    from a lack of understanding ..." (set L2)."""
    answer = advisor.ask(
        "does the article put companies' difficulty choosing down to a knowledge gap?"
    )
    assert answer.direct.text.startswith("Yes: the struggle often stems from a lack of")


@pytest.mark.parametrize(
    ("history", "question", "quadrant"),
    [
        # "the 2x2 grid" is the grid (set L2)
        (
            [],
            "We'd hire a separate firm based in our own country for the portal. Where would "
            "that land in the 2x2 grid?",
            "Onshore Outsource",
        ),
        # "to do the work" is no question put as "do the ...?" (set T, dev)
        (
            ["Which of the four categories is our own team in another country?"],
            "and if instead we hired a software house in our home country to do the work?",
            "Onshore Outsource",
        ),
        # "how is that called" asks the name; a "proveedor here in" our country (set Q2)
        (
            ["what's the name when our own employees work from another country?"],
            "and if we hire a proveedor here in Chile, in the matrix how is that called?",
            "Onshore Outsource",
        ),
        # "= ?" asks what the set-up is called, in a thread on the grid's names (set U)
        (
            ["what's the term for paying an outside firm that is also abroad?"],
            "and our own staff but working from another country = ?",
            "Offshore Insourcing",
        ),
        # "and if ... were ... instead?" puts another case, asking no yes or no (set L2)
        (
            ["Where in the 2x2 grid does a supplier based in our own country sit?"],
            "and if the supplier were based abroad instead?",
            "Offshore Outsource",
        ),
    ],
)
def test_a_set_up_put_in_a_thread_or_the_2x2_grid_is_placed(
    advisor: Advisor, history: list[str], question: str, quadrant: str
) -> None:
    """Where a set-up sits in the strategy grid is answered by its quadrant."""
    answer = advisor.ask(question, history=history)
    assert answer.direct.text.startswith(f"Software Development Strategies: {quadrant} (")


def test_whom_an_option_suits_is_asked_in_general_after_a_scenario(advisor: Advisor) -> None:
    """ "ok then which companies should outsource?" after a scenario asks the knowledge base
    whom outsourcing suits, not the thread's ranking again (sets D2, U)."""
    answer = advisor.ask(
        "ok then which companies should outsource?",
        history=["we're a fintech and the platform is our core product, should we outsource it?"],
    )
    assert answer.route == "knowledge"
    assert "only makes sense for non-IT companies to outsource" in answer.direct.text


def test_a_reduction_offering_a_choice_leads_with_what_sets_them_apart(advisor: Advisor) -> None:
    """ "is an offshore team basically a vendor or part of the company? confused" reduces one
    option to another: the sentence setting the two apart answers, not the one on why people
    are confused ("... many businesses think ..."; set U)."""
    answer = advisor.ask(
        "is a dedicated offshore team basically a vendor or part of the company? im confused"
    )
    assert "it remains an integral part of the company" in answer.direct.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("True or false: outsourcing always means sending work to another country.", "No: "),
        ("T/F: a dedicated offshore team is made up of the company's own employees", "Yes: "),
        ("offshore teams need no upfront investment - true or false?", "No: "),
    ],
)
def test_a_true_or_false_item_is_a_yes_no_question(
    advisor: Advisor, question: str, opening: str
) -> None:
    """A claim put as a quiz item ("True or false: ...", "... - true or false?") is the yes/no
    question whether it is true, answered Yes or No."""
    assert advisor.ask(question).direct.text.startswith(opening)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "X == Y?" asks whether they are the same (set R2)
        ("vendor model == offshore team model?", "No: "),
        # "X = Y?" claims an attribute; "-> sensible?" asks whether to (set R2)
        ("onshore in-house = full control over what gets delivered?", "Yes: "),
        ("non-IT co, outsource our booking portal to a trusted vendor -> sensible?", "Yes: "),
    ],
)
def test_a_claim_in_notation_is_a_yes_no_question(
    advisor: Advisor, question: str, opening: str
) -> None:
    """A claim written as notation ("=", "==", "-> sensible?") asks yes or no."""
    assert advisor.ask(question).direct.text.startswith(opening)


def test_should_i_be_worried_asks_about_a_risk_not_a_decision(advisor: Advisor) -> None:
    """ "... is there a catch? should I be worried" asks whether there is a risk, not whether
    to outsource: the policy's rule on outsourcing does not answer it (set Q2)."""
    answer = advisor.ask(
        "one agency quoted way lower than the others... is there a catch? should I be worried"
    )
    assert "least-effort solution" in answer.direct.text


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        # Both lengths asked: each option's own length sentence, not the reasoning before them.
        (
            "Fill in the blank: outsourcing is preferred for projects shorter than ___, "
            "offshoring for key projects longer than ___.",
            [],
            (r"longer than 1 year|exceeding one year", "less than one year"),
        ),
        # "How long ... max?" asks the limit; the 3 years named is the plan it measures.
        (
            "How long should an outsourcing engagement run, max? Procurement wants 3 years.",
            [],
            ("limit outsourcing to short-term tech projects lasting less than one year",),
        ),
        # A length stated in a choice reads the policy's length rule wherever it ranks.
        (
            "we're a 40 person support-tools team and need a ticket routing thing built, prob ~6 "
            "months of work. article-wise should we outsource it or build an offshore team?",
            [],
            (r"short-term tech projects,? (usually )?lasting less than one year",),
        ),
    ],
)
def test_a_project_length_is_answered_by_the_length_rules(
    advisor: Advisor, question: str, history: list[str], said: tuple[str, ...]
) -> None:
    """Questions on how long a project each option suits are answered by the article's length
    sentences (sets O2, S2, U2); ``said`` are patterns."""
    direct = advisor.ask(question, history=history).direct.text
    assert all(re.search(part, direct) for part in said), direct


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        # "beyond" after a verb of searching is what is asked, not set aside (set N2)
        (
            "If I may ask, why are companies starting to look beyond their local engineers "
            "these days?",
            [],
            "local resources, which are becoming costlier and less sustainable",
        ),
        # a belief the article judges, named as such (set S2)
        (
            "The article talks about businesses getting the cost angle wrong. What's the "
            "misconception exactly?",
            [],
            "This perspective merely scratches the surface",
        ),
        # a claim quoted, then "what's the take on that?" (set U2)
        (
            'pasting from my director: "the only reason anyone offshores is devs abroad are '
            "cheaper than devs here, end of story\". what's the article's take on that?",
            [],
            "This perspective merely scratches the surface",
        ),
        # "good points" are benefits (set N2)
        (
            "We have always done everything in-house. What are the good points of staying this "
            "way, according to the article?",
            [],
            "without any language or cultural barriers",
        ),
        # Nigerian Pidgin's "wetin" is "what" (set S2)
        ("Abeg wetin be insourcing exactly?", [], "Insourcing involves completing specific tasks"),
        # "who does the article think should ..." asks whom it suits (set P2)
        (
            "who does the article think should actually be outsourcing IT work? i.e. who's my "
            "target market if i take it at face value",
            [],
            "only makes sense for non-IT companies to outsource",
        ),
        # a table named is answered by the table (set S2)
        (
            "How does the table rate outsourcing on short-term vs long-term projects?",
            [],
            "Short-term (PS): Better x 80%",
        ),
        # a section's title said in a question names that section (set U2)
        (
            'what did the article mean by "modern problems require modern solutions"? which '
            "problems exactly",
            [],
            "competition intensifies, forcing firms to swiftly adapt and evolve",
        ),
        # "start with" is how companies begin; paying is the project basis (sets S2, N2)
        (
            "Which setup do most companies start with before they think of outsourcing?",
            [],
            "is how most companies begin",
        ),
        (
            "how do companies normally pay for outsourcing? per month per engineer?",
            [],
            "Businesses typically pay on a project basis",
        ),
        # "hard for companies to pick" is the struggle the intro explains (sets U, Q2)
        (
            "why is it so hard for companies to pick between outsourcing and offshoring?",
            [],
            "The struggle often stems from a lack of understanding",
        ),
        # thanks and words the knowledge base never uses name no new aspect (sets N2, O2)
        (
            "thank you. and for offshoring, if I may ask?",
            ["what are the benefits of outsourcing, according to the definitions table?"],
            "Offshoring Software Development: Cost Saving; Quality Control; Tech Talent",
        ),
        (
            "and offshoring? same mechanism or a different one?",
            ["How does outsourcing let a company scale up, according to the article?"],
            "leveraging the availability of a larger talent pool",
        ),
        # whom the option the thread is about suits, from its own section (set U2)
        (
            "and who is that a good fit for?",
            ["why would anyone still keep everything in-house? seems like the expensive option"],
            "budget to invest in more aggressive in-house tech team scaling",
        ),
        # a drawback of the option another is said to spare you (dev sets W, L, G2)
        (
            "is there a communication downside w/ using an outside vendor?",
            [],
            "without the communication delays often associated with external partnerships",
        ),
        # dictated: an option's name split in two, a homophone (set A3)
        (
            "okay dumb question what does in sourcing actually mean",
            [],
            "Insourcing involves completing specific tasks within the organization",
        ),
        (
            "is their like a real company example of someone doing off shoring successfully",
            [],
            "established its remote tech team in Vietnam",
        ),
        (
            "what about off shore",
            ["how much control do we keep if we outsource the dev work"],
            "increased control and autonomy",
        ),
        # a follow-up naming its own aspect in words the article puts otherwise ("duration":
        # "timelines", "lasting") takes no aspect from the turn before it (set B3)
        (
            "so what SHOULD we outsource then, and what's the max duration?",
            [
                "Should we outsource our core platform to shave ~40% off dev opex? yes or no, "
                "no essays"
            ],
            "short-term tech projects lasting less than one year",
        ),
        # when the thread's cost is a deal breaker: the sentence calling it one (dev set J2)
        (
            "so when is that upfront cost a deal-breaker?",
            [
                "what's the upfront investment for standing up an offshore team — is it only "
                "cash? I need to think about payback"
            ],
            "deal breaker for those who only need simple manpower",
        ),
        # options set against each other on a named aspect are compared on it (dev set X)
        (
            "control-wise, how does our own offshore team stack up vs an agency?",
            [],
            "increased control and autonomy",
        ),
        # when an option is a bad fit: the sentence saying so, not the condition for it (B3)
        (
            "when is offshoring a bad fit? what's the deal breaker",
            [],
            "deal breaker for those who only need simple manpower",
        ),
    ],
)
def test_what_is_asked_is_read_through_its_wording(
    advisor: Advisor, question: str, history: list[str], said: str
) -> None:
    """Wording that used to hide what was asked (a preposition read as a concession, a
    dialect's wh-word, a courtesy before a follow-up, a table or section named) no longer
    does: the sentence that answers opens the answer."""
    assert said in advisor.ask(question, history=history).direct.text


@pytest.mark.parametrize(
    ("question", "opening", "said"),
    [
        # the length rule the stated length reads (set P2)
        (
            "client wants me for an ~8 month greenfield build. is that the sweet spot for "
            "outsourcing per the article?",
            "Yes: ",
            "less than one year",
        ),
        # reduced to something other than an option: the belief the article judges (set N2)
        (
            "Would it be correct to understand that the cost merit of outsourcing and offshoring "
            "is simply the salary gap compared with hiring engineers in Japan, and nothing more?",
            "No: ",
            "scratches the surface",
        ),
        # reduced to "the same thing": what sets them apart (dev set H2)
        (
            "isnt outsourcing and offshoring basically the same thing??",
            "No: ",
            "two distinct concepts",
        ),
        # a comparison answered by a sentence giving the other option more of it (set O2)
        (
            "True or false: outsourcing gives a firm tighter control over quality than building "
            "its own offshore team.",
            "No: ",
            "control",
        ),
        # the core-IT rule in another clause of the sentence decides (set O2)
        (
            "True or false: outsourcing your core IT capabilities is fine as long as the vendor "
            "is trustworthy.",
            "No: ",
            "NEVER outsource their core IT capabilities",
        ),
        # "longer" against "shorter" (set N2)
        (
            "does the article say software development cycles are becoming longer and more "
            "cheap nowadays?",
            "No: ",
            "becoming shorter and significantly more expensive",
        ),
        # "either ... or" after "can" asks whether both may be (set O2)
        ("can outsourcing be done either at home or abroad?", "Yes: ", "Can within and outside"),
        # asking what to call something decides nothing: no core-IT rule (dev Y2, set A3)
        (
            "wait if we hire an agency in another country, can I technically call that "
            "offshoring too? or is that wrong",
            "Yes: ",
            "which is technically still correct",
        ),
        # the colleague's claim "full stop" is a remark; the asker puts a claim of their own
        # (set C3)
        (
            "<@U05TLEAD9> reckons offshoring's the cheapest route full stop. article says "
            "outsourcing comes out cheaper, no?",
            "Yes: ",
            "outsourcing emerges as the ‘cheapest’ option",
        ),
        # a question passed on in a blockquote, then "thoughts?" (set D3)
        (
            "&gt; if we go with an outsourcing vendor, are the developers our own employees?\n"
            "what do I tell him?",
            "No: ",
            "Non-employees, who work for the outsourcing service provider",
        ),
        # leading questions: the claim is what is answered (set F3)
        (
            "You'd have to admit outsourcing still leaves us fully in control of the process and "
            "the results, no?",
            "No: ",
            "giving up full control",
        ),
        (
            "Isn't it true that spinning up an offshore team costs basically nothing upfront?",
            "No: ",
            "considerable upfront investment",
        ),
        (
            "With an outsourcer we can bump capacity fast w/o building out a pile of internal "
            "infra first, right?",
            "Yes: ",
            "without the need for extensive internal infrastructure",
        ),
        (
            "Isn't it true that outsourcing basically takes project mgmt and QA off our plate so "
            "we can focus on the actual business?",
            "Yes: ",
            "liberates businesses from the time-consuming tasks of project management",
        ),
        (
            "Outsourcing by definition means shipping the work overseas — correct me if I'm wrong",
            "No: ",
            "Can within and outside home country",
        ),
        # "less" control than: the sentence giving the offshore team more says No (set F3)
        (
            "Surely an offshore team gives you *less* control than just handing the thing to an "
            "outsourcer?",
            "No: ",
            "increased control and autonomy",
        ),
        ("Does outsourcing give us less control than an offshore team?", "Yes: ", "control"),
        # a figure the question states, read against the option's range (set F3)
        (
            "Wouldn't you agree an offshore team lands somewhere around 20-60% of what an onshore "
            "team costs per head?",
            "Yes: ",
            "20% ~ 60%",
        ),
        ("is an offshore team 30 to 70 percent of the cost of onshore?", "No: ", "20% ~ 60%"),
        # statements put as questions, a wh-word opening a clause in them (set C3)
        (
            "so onshore vs offshore is purely about *where* the work happens, not who's doing "
            "it? just checking i've got that right",
            "Yes: ",
            "geographical differentiation",
        ),
        (
            "but surely if we write a tight enough spec we keep full control when outsourcing?",
            "No: ",
            "giving up full control",
        ),
        (
            "but it's remote, so it's basically just another outside supplier isn't it",
            "No: ",
            "it remains an integral part of the company",
        ),
    ],
)
def test_a_yes_no_question_opens_with_what_the_text_says_of_it(
    advisor: Advisor, question: str, opening: str, said: str
) -> None:
    """Yes/no questions of kinds that used to open with the wrong answer or sentence."""
    direct = advisor.ask(question).direct.text
    assert direct.startswith(opening), direct
    assert said in direct


def test_a_why_question_gets_the_sentence_holding_what_its_lead_leaves_out(
    documents_only: Advisor, advisor: Advisor
) -> None:
    """ "Why do people get muddled ...?" opened by "... used interchangeably due to some
    similarities and overlap ..." goes on with the sentence on the confusion itself ("This can
    lead to confusion, as many businesses think ..."; dev sets H, Y, O2), with the labelled
    questions and without them."""
    said = "This can lead to confusion, as many businesses think"
    asked = "Why does the article say people get muddled between the two terms?"
    assert said in advisor.ask(asked).direct.text
    asked = "According to the text, where does the mix-up between the two terms come from??"
    assert said in documents_only.ask(asked).direct.text


@pytest.mark.parametrize(
    "question",
    [
        "what type of company is outsourcing especially attractive for, in terms of control?",
        "what kind of company is outsourcing especially tempting for, from a control POV?",
    ],
)
def test_whom_an_option_suits_by_an_aspect_is_the_sentence_saying_so(
    advisor: Advisor, question: str
) -> None:
    """Whom outsourcing suits from a control point of view is the control section's "especially
    enticing for companies that do not want to be involved too much with the technical side",
    not the policy's core-IT rule scoring far below it (dev sets B2, J2, L2, N2, U2)."""
    direct = advisor.ask(question).direct.text
    assert "do not want to be involved too much with the technical side" in direct


def test_a_follow_up_pointing_back_asks_of_the_option_the_thread_named(advisor: Advisor) -> None:
    """ "so are those people actually our employees or not" after a question on offshoring asks
    of offshoring's cell ("In-house employees but located in a different country"): Yes; after
    one on outsourcing, of its cell ("Non-employees"): No (set A3)."""
    asked = "so are those people like actually our employees or not"
    after_offshoring = advisor.ask(
        asked, history=["what does off shoring mean exactly is it like a separate company"]
    )
    assert after_offshoring.direct.text.startswith("Yes: ")
    assert "In-house employees but located" in after_offshoring.direct.text
    after_outsourcing = advisor.ask(asked, history=["what does outsourcing mean?"])
    assert after_outsourcing.direct.text.startswith("No: ")


def test_calling_a_claim_simplistic_names_no_grid_place(advisor: Advisor) -> None:
    """ "... call that simplistic?" judges a claim; it does not ask what the set-up is called in
    the grid, so the grid does not open the answer (seen while reading set C3)."""
    direct = advisor.ask(
        "Offshore value = wage arbitrage, full stop. Does the article agree or call that "
        "simplistic?"
    ).direct.text
    assert "scratches the surface" in direct
    assert "4 different groups" not in direct


def test_a_place_on_the_2x2_is_asked_whatever_country_the_team_is_in(advisor: Advisor) -> None:
    """ "where does our own team in Poland sit on the 2x2?" asks for the grid's cell, not about
    Poland (a destination the knowledge base does not cover): answered, with the cell (C3)."""
    answer = advisor.ask(
        "where does building our *own* team in Poland sit on the 2x2 then? <@U02ABCD11> says "
        "that's offshore outsourcing but that feels off"
    )
    assert answer.covered
    assert "Offshore Insourcing" in answer.direct.text


def test_a_guess_at_the_answer_is_no_gap_of_the_question(advisor: Advisor) -> None:
    """ "which destination does the article rate highly, and why? India, I assume?" asks which
    one: the guess (a destination the knowledge base never names) does not make it one the
    knowledge base cannot answer (set F3)."""
    answer = advisor.ask(
        "which offshore outsourcing destination does the article rate highly, and why? India, I "
        "assume?"
    )
    assert answer.covered
    assert "Vietnam is considered one of the best options" in answer.direct.text


def test_what_the_article_sets_out_to_cover_is_answered(advisor: Advisor) -> None:
    """ "so what does it actually set out to cover?" asks what the article is about (set F3)."""
    answer = advisor.ask(
        "Correct me if I'm wrong, but this JDI article is just cheerleading, it never bothers "
        "with the downsides of either approach... so what does it actually set out to cover?"
    )
    assert "explore how to determine the most appropriate one" in answer.direct.text


def test_a_follow_up_setting_money_aside_is_answered(advisor: Advisor) -> None:
    """ "and what do you actually have to put in besides money?" in a thread on setting up an
    offshore team is answered: "besides" is no word of a topic the knowledge base lacks (E3)."""
    answer = advisor.ask(
        "and what do you actually have to put in besides money?",
        history=[
            "why do companies build their own offshore teams?",
            "ok so is it expensive to set one up?",
        ],
    )
    assert answer.covered


def test_a_wh_question_checked_by_a_guess_asks_the_wh_question(advisor: Advisor) -> None:
    """ "what's insourcing? is that the same as onshoring?" asks what insourcing is: the check
    of a guess does not make it a yes/no question answered "Yes" by the sentence naming
    onshore insourcing (set E3)."""
    direct = advisor.ask(
        "sorry if this is dumb — what's insourcing? is that the same as onshoring?"
    ).direct.text
    assert "insourcing" in direct.lower()
    assert not direct.startswith(("Yes", "No"))


def test_a_yes_no_grid_place_is_asked_whatever_country_the_team_is_in(advisor: Advisor) -> None:
    """ "our own employed team in Poland would be 'offshore outsource' in the matrix's terms,
    wouldn't it?" asks about the grid, yes or no: Poland (a destination the knowledge base
    does not cover) does not make it one the knowledge base cannot answer (dev set Y)."""
    answer = advisor.ask(
        "If we set up our own *employed* dev team in Poland, that would be 'offshore outsource' "
        "in the matrix's terms, wouldn't it?"
    )
    assert answer.covered
    assert "Offshore Insourcing" in answer.direct.text
