"""The kind of question read from its wording: a decision table of exact cases."""

from __future__ import annotations

import pytest

from bot.advisor.intent import (
    as_yes_no,
    asked_clause,
    asks_category,
    closing_question_mark,
    read_intent,
    undictated,
    without_named_places,
    without_relay,
    without_set_aside,
)


@pytest.mark.parametrize(
    ("text", "kind", "polar"),
    [
        ("offshore vs outsource cost?", "figures", False),
        ("How much cheaper is a dedicated offshore team?", "figures", False),
        ("what's the difference between outsourcing and offshoring?", "definition", False),
        ("When does a dedicated offshore team make sense?", "when", False),
        ("what are the risks of offshoring?", "risks", False),
        ("why do companies outsource at all?", "reason", False),
        ("any real company that did this? need an example", "example", False),
        # "co" for company, "proof point" for an example (dev set D2)
        (
            "any real co that did the vietnam offshore team thing? need a proof point",
            "example",
            False,
        ),
        ("Should we outsource our core platform?", "yes_no", True),
        ("aren't outsourcing and offshoring the same thing?", "definition", True),
        ("are those devs our employees or not? HR is asking", "yes_no", True),
        ("is outsourcing better or worse than an offshore team", "comparison", False),
        ("is outsourcing cheaper than an offshore team?", "figures", True),
        ("outsource or build a team abroad?", "comparison", False),
        ("should we outsource it or build a team abroad?", "when", False),
        ("where do the savings of an offshore team come from?", "reason", False),
        ("why is an offshore team cheaper?", "reason", False),
        ("ballpark, what % would an agency cost, and why not lower?", "figures", False),
        ("besides the cost savings, what's the upside of outsourcing?", "benefits", False),
        ("what's actually good about keeping devs in-house?", "benefits", False),
        ("whats good abt a dev team in our own office", "benefits", False),
        # what one can argue for an option (sets A2, B2)
        ("what are the pluses of keeping the team onshore in-house?", "benefits", False),
        ("what can I argue back in favour of keeping the in-house team?", "benefits", False),
        ("give me ammo for keeping our own devs", "benefits", False),
        ("what do we actually get from an offshore team?", "benefits", False),
        ("advantages of a vendor vs our own people abroad?", "benefits", False),
        ("pros and cons of outsourcing?", "risks", False),
        ("we save a lot today. what are the risks of offshoring?", "risks", False),
        ("sorry, newbie q: insourcing = ?", "definition", False),
        ("can you give me the benefits of each side by side?", "benefits", False),
        ("where exactly do the savings come from?", "reason", False),
        ("what kind of companies build their own teams overseas?", "when", False),
        ("What is a dedicated offshore team?", "definition", False),
        ("whats a dedicated offshore team", "definition", False),
        # "vs" asks what sets two apart only when nothing else is asked of them.
        ("onshore vs offshore, is that about who or where?", "definition", False),
        ("what's the comms risk with an external partner vs our own people?", "risks", False),
        ("outsourcing vs offshore team - which one means less PM work for us?", "when", False),
        # "... vs ..., which ...?" asks which, not what sets them apart (from a trial).
        ("offshoring vs outsourcing, which gives more control?", "comparison", False),
        (
            "management overhead wise, agency vs our own offshore team, which is lighter on us?",
            "comparison",
            False,
        ),
        ("in what situations would you go for building an offshore team", "when", False),
        ("what's the worst case long term if we go with the cheapest bid?", "risks", False),
        ("what does a local in-house team give us vs an offshore one?", "benefits", False),
        ("what is the best outsourcing option?", "other", False),
        ("hr here: if we go with a dev shop, are those devs our employees?", "yes_no", True),
        ("is it ok for us to outsource, or is it a bad idea?", "yes_no", True),
        ("is there a rule of thumb on project length?", "yes_no", False),
        ("can u explain what offshoring is", "definition", False),
        ("could you tell me if offshoring is cheaper?", "figures", True),
        ("can you outsource to a vendor in your own country?", "yes_no", True),
        ("offshoring=?", "definition", False),
        ('"onshore outsource" - what is meant with this?', "definition", False),
        ("what means insourcing exactly", "definition", False),
        (
            "could someone clarify what distinguishes outsourcing from offshoring",
            "definition",
            False,
        ),
        ("offshore insourcing?? what is that supposed to be", "definition", False),
        (
            "there's a 2x2 of dev sourcing strategies? what are the axes of that",
            "definition",
            False,
        ),
        # A difference in one respect compares; it defines nothing.
        ("ok but then what's actually the difference in how they scale", "comparison", False),
        # An example of a country asks where; a request put as a question asks for the thing.
        ("any example of a country that's good for offshore outsourcing?", "other", False),
        ("can u give me an example of a country to send dev work to?", "other", False),
        ("any example of a company that built a team abroad?", "example", False),
        # A turn's opening words ask nothing; a confirming tag or an auxiliary before its
        # subject later in the sentence asks yes or no (no wh-word, no either/or).
        ("ok but would it be the same control as our team at HQ?", "yes_no", True),
        ("so is that the normal in-house team thing?", "yes_no", True),
        ("thats it cost-wise right?", "other", True),
        ("we can't find ML folks here would building a team abroad help?", "other", True),
        ("our team abroad would be our employees, correct?", "other", True),
        ("ok so what would it cost us?", "figures", False),
        ("we're a fintech, would it be outsourcing or offshoring?", "comparison", False),
        # "..., or is it ...?" offers an alternative: either/or, not yes/no.
        ("is an offshore team part of the company, or is it a contractor?", "comparison", False),
        ("we only need extra hands - is an offshore team overkill?", "other", True),
        # A statement put to be confirmed, and a tag set off by a dash (set M, dev).
        ("surely an offshore team gives us the same control as the team at hq?", "other", True),
        ("i assume the vendor handles qa?", "other", True),
        ("surely outsourcing or offshoring?", "comparison", False),
        (
            "with outsourcing the vendor takes care of qa — is that what the article says?",
            "other",
            True,
        ),
        ("offshore team - what does it cost?", "figures", False),
        # A cost word alone asks how much (a follow-up in a scenario's thread, the trial).
        ("and cost?", "figures", False),
        ("what about pricing?", "figures", False),
        ("and the cost of change requests?", "figures", False),
        ("and the risks?", "risks", False),
        # "Is there a reason ...?" asks for the reason; "whats X mean" and a term quoted from
        # the article ask what it means; "does that mean ...?" still asks yes or no (set M).
        ("is there a reason it is so confusing?", "reason", False),
        ("whats offshoring mean", "definition", False),
        (
            "when the article says 'in-house', does it mean onshore insourcing, or any team?",
            "definition",
            False,
        ),
        ("does that mean we own the code?", "yes_no", True),
        # "or does it have to ...?" limits the first question; "ok to ...?" and "must ...?" ask
        # yes or no; "r" is "are" (sets F, M, S, T, dev).
        ("can a vendor be local, or does it have to be overseas?", "yes_no", True),
        (
            "can outsourcing be done inside same country? or always must be overseas vendor",
            "yes_no",
            True,
        ),
        ("that's our core it. ok to outsource that?", "yes_no", True),
        ("what is ok to outsource?", "definition", False),
        ("must outsourcing involve a provider abroad?", "other", True),
        ("if we sign w/ an outsourcing shop r the devs on our payroll?", "other", True),
        # A last question opening with "or" is an alternative answer to the one before it.
        (
            "when is staying fully onshore in-house justified? or is that option just dismissed "
            "as too expensive?",
            "when",
            False,
        ),
        # Why anyone would still choose an option, or the case for it, asks what it brings
        # (sets B, F, X, Z, dev); why people struggle to choose asks for a reason.
        ("why would anyone still go with an onshore in-house team?", "benefits", False),
        ("devil's advocate: give me the case for keeping everything in-house", "benefits", False),
        ("why do companies struggle to choose between them?", "reason", False),
        # what the article advises asks when to choose what (set Y, dev)
        ("so given all that, what does it recommend we limit outsourcing to?", "when", False),
        # what drives something asks for a reason (set W, dev)
        ("what's pushing companies to change how they staff their tech work?", "reason", False),
        # A statement put as a question, "..., not X?" and "y/n" ask yes or no (sets X, B2, D2,
        # dev) ...
        ("so bottom line, the article says offshoring always wins?", "other", True),
        (
            "so with offshoring the devs would sit on some vendor's payroll, not ours?",
            "other",
            True,
        ),
        ("change requests w an outsourcer - red flag for hidden costs y/n", "risks", True),
        # ... but not when a wh-word asks ("someone said it's overkill? why"), or a terse one
        ("someone said an offshore team is overkill for us? why", "reason", False),
        ("offshore team cost?", "other", False),
        # "def" asks for a definition ("outsourcing def pls"; set H2, dev), "definitely" not
        ("outsourcing def pls short version", "definition", False),
        ("offshoring def?", "definition", False),
        # "the same?" asks whether two terms mean the same (set G2, dev)
        ("aren't outsourcing and offshoring the same?", "definition", True),
        # chat spellings of question words ("wat", "y", "hw") ask as the words do (sets E2, H2,
        # dev); "y" only where a sentence or clause opens
        ("wat is nearshoring?", "definition", False),
        ("ok. y do firms keep an onshore team at all", "benefits", False),
        ("hw do we pick between them", "when", False),
        ("plot x against y", "other", False),
        # a term put in a few words asks what it is (set E2, dev)
        ("offshoring in one line pls", "definition", False),
        ("in-house team in a few words?", "definition", False),
        # "... or am I overreaching?" still asks yes or no (set J2, dev)
        ("does the article back that up or am i overreaching?", "yes_no", True),
        (
            "the article says offshore teams give more control than vendors, or am i misreading?",
            "comparison",
            True,
        ),
        # what something means for another asks what follows, not a definition (sets J2, K2)
        ("and what does that mean for quality?", "other", False),
        # where a saving comes from asks for a reason (sets E2, F2, dev)
        ("where does an offshore team save us money from, really?", "reason", False),
        ("not sure where the savings come from with a team abroad", "reason", False),
    ],
)
def test_question_kind_decision_table(text: str, kind: str, polar: bool) -> None:
    """Each wording gets the kind and yes/no reading the table gives."""
    intent = read_intent(text.lower())
    assert (intent.kind, intent.polar) == (kind, polar)


@pytest.mark.parametrize(
    ("text", "small_talk"),
    [
        # a newcomer introducing themself (set E3)
        ("hi!! first week here, nice to meet u", "greeting"),
        ("sorry im new, what can you do exactly?", "help"),
        ("im new, is outsourcing cheaper?", ""),
        ("nice one cheers", "thanks"),
        ("good morning bot, how's it going", "greeting"),
        ("hey bot good morning", "greeting"),
        ("what kind of stuff can you help me with?", "help"),
        ("are you a real person or a bot lol", "help"),
        ("are you a bot?", "help"),
        # A sound that asks nothing yet gets the help reply, not a refusal.
        ("hmm", "help"),
        ("huh?", "help"),
        ("hmm what about cost?", ""),
        ("hey there, how are you?", "greeting"),
        ("hello, how is it going with the offshore team?", ""),
        ("what can you do? what kind of stuff can I ask you", "help"),
        ("what sort of questions can I ask?", "help"),
        ("what can you do about vendor lock-in?", ""),
        ("thanks, super helpful", "thanks"),
        ("what can you help me with?", "help"),
        ("how can you help?", "help"),
        ("hello! who are you?", "help"),
        ("how can you help us choose a model?", ""),
        ("lol you are great", "thanks"),
        ("how r u doing today", "greeting"),
        ("lol ok", "thanks"),
        ("hey how are u?", "greeting"),
        ("how are outsourcing costs split?", ""),
        ("you are great at cost questions, is offshoring cheaper?", ""),
        # Shorthand, another word order, and a check that the bot is there (set M, dev).
        ("what can u do? what kind of questions i can ask", "help"),
        ("good morning, are you there?", "help"),
        ("r u there?", "help"),
        ("are you there yet with the offshore cost figures?", ""),
        ("what can u do about hidden costs?", ""),
        # Told by its words, in any order and with courtesy around them (sets R, S, T, dev).
        ("good morning. could you tell me what you are able to help me with?", "help"),
        ("what can you actually do", "help"),
        ("what kind of questions can you answer?", "help"),
        ("guten morgen! are you a real person?", "help"),
        ("hello — are you there?", "help"),
        ("many thanks, that was most helpful.", "thanks"),
        ("valeu, helped a lot", "thanks"),
        ("bom dia!", "greeting"),
        # Thanks or a request for help with a short remark beside it (sets V, X, dev).
        ("thanks, that was really helpful — saved me a lot of reading", "thanks"),
        ("thanks, that was actually useful. don't get used to it", "thanks"),
        ("what can you actually do? and don't oversell it", "help"),
        ("what can you help me with exactly? what kind of questions should i ask you?", "help"),
        # Asking what the bot is, however it is put (set B2)
        ("what can you actually do? are you just another leadership bot", "help"),
        ("are you an ai?", "help"),
        # letters typed twice, and a longer thanks with a remark (sets G2, H2, dev)
        ("heyy", "greeting"),
        ("hiii there", "greeting"),
        (
            "thank you so much, that really helped — i feel much less anxious about the trustee "
            "meeting now",
            "thanks",
        ),
        # Singapore English: word order and a closing particle (set E2, dev)
        ("what you can do ah?", "help"),
        ("help me lah", "help"),
        # A thanks that says something, and whether the bot can be relied on (set C2) ...
        ("thank you, this is really helpful for my case study!", "thanks"),
        ("what exactly can you do? can i rely on you as a source for a graded assignment?", "help"),
        # Chat words that only colour a request or a thanks, and "assist" beside "you"
        # (sets L2, M2).
        ("ok wait what can u even do lol", "help"),
        ("omg thank u, lowkey so helpful", "thanks"),
        ("could you explain what you are able to assist with?", "help"),
        ("lol what even is offshoring", ""),
        ("good morning dear bot", "help"),
        ("gracias, muy útil!!", "thanks"),
        ("what are you sourcing your answers from?", "help"),
        # ... but a verb opening a clause after the thanks asks something.
        ("thanks, is it cheaper though", ""),
        ("great, and is the offshore team cheaper", ""),
        ("are you an offshore team?", ""),
        ("thanks. can you write me a poem?", ""),
        ("ok we are a 40 person fintech and our platform team is small", ""),
        # A word of a topic, or a cue that needs "you", makes it something else.
        ("good morning, could you tell me what the offshore team costs?", ""),
        ("so what is the answer?", ""),
        ("are there?", ""),
        ("thanks, and what about hidden costs?", ""),
    ],
)
def test_small_talk_decision_table(text: str, small_talk: str) -> None:
    """Greetings (with a "how's it going"), requests for help (one or several) and thanks are
    small talk; a question that goes on about the topic is not."""
    assert read_intent(text).small_talk == small_talk


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("オフショア開発とアウトソーシング、コストはどちらが安いですか？", "ja"),
        ("离岸软件开发和外包有什么区别？哪个更便宜？", "zh"),
        ("Quelle est la différence entre l'externalisation et la délocalisation ?", "fr"),
        ("offshore vs outsource cost?", ""),
        ("ok", ""),
    ],
)
def test_language_is_read_from_script_or_words(text: str, language: str) -> None:
    """A message in a script written without spaces is recognised however few its "words"; an
    English one (or one too short to tell) is English."""
    assert read_intent(text, familiar=0.0).language == language


def test_the_language_is_read_without_the_topics_borrowed_terms() -> None:
    """'outsourcing' and 'offshoring' are borrowed by every language: read without them, a
    short Spanish question is Spanish."""
    text = "¿Qué es mejor, outsourcing u offshoring?"
    assert read_intent(text, familiar=0.3, language_text="¿Qué es mejor, u ?").language == "es"
    # typed without accents, the identifier is less sure (0.43): still Spanish (set H2, dev)
    text = "cual es mas barato, outsourcing o un equipo offshore??"
    language_text = "cual es mas barato, o un equipo"
    assert read_intent(text, familiar=0.2, language_text=language_text).language == "es"


@pytest.mark.parametrize(
    ("message", "read_as"),
    [
        # dictated, one unpunctuated sentence that asks (set Z, dev)
        (
            "so like can outsourcing be done with a vendor here or does it have to be overseas",
            "so like can outsourcing be done with a vendor here or does it have to be overseas?",
        ),
        (
            "so HR is asking me, with an off shore team are those people our own employees",
            "so HR is asking me, with an off shore team are those people our own employees?",
        ),
        ("whats the catch with an offshore team", "whats the catch with an offshore team?"),
        # statements, imperatives and punctuated messages are left as they are
    ],
)
def test_a_question_sent_without_its_question_mark_gets_it(message: str, read_as: str) -> None:
    """A single unpunctuated sentence that asks gets the '?' it was sent without."""
    assert closing_question_mark(message) == read_as


@pytest.mark.parametrize(
    "message",
    [
        "we outsource our QA to a vendor in Vietnam",
        "thanks, that was useful. don't get used to it",
        "don't get used to it",
        "we cannot find ML engineers. which option helps",
        "Explain the 2x2 matrix.",
        "",
    ],
)
def test_statements_and_punctuated_messages_keep_their_punctuation(message: str) -> None:
    """Statements, imperatives and punctuated messages are left as they are."""
    assert closing_question_mark(message) == message


def test_a_dictated_yes_no_question_reads_as_one() -> None:
    """With its '?' restored, a dictated question is read as the yes/no question it is; 'or is
    that ...' asks whether the first part holds, unless it opens a sentence of its own."""
    dictated = "so can we keep quality really high with an off shore team or is that a pipe dream"
    assert read_intent(closing_question_mark(dictated).lower()).polar
    assert read_intent("ok so is he technically right?").polar
    assert not read_intent(
        "when is staying onshore justified? or is that option just dismissed as too expensive?"
    ).polar


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        (
            "Two quick ones for the RFP glossary: what does the article mean by 'onshore'?",
            "what does the article mean by 'onshore'?",
        ),
        (
            "so basically im walking to standup and thinking like why are companies even doing "
            "this outsourcing thing in the first place?",
            "why are companies even doing this outsourcing thing in the first place?",
        ),
        # the lead-up asks already: "like" means "such as"
        (
            "how do I run an RFP for outsourcing vendors like what questions go in it",
            "how do I run an RFP for outsourcing vendors like what questions go in it",
        ),
        # punctuated or short: its clauses say what they are
        (
            "we are in standup right now, like why is outsourcing cheaper than an in-house team?",
            "we are in standup right now, like why is outsourcing cheaper than an in-house team?",
        ),
        ("is outsourcing cheaper?", "is outsourcing cheaper?"),
    ],
)
def test_what_a_sentence_asks_leaves_out_its_lead_up(sentence: str, asked: str) -> None:
    """A preface before a colon, and a run-on sentence's words before the question it turns
    to, are not what it asks."""
    assert asked_clause(sentence) == asked


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("besides the cost savings, what are the benefits?", " , what are the benefits?"),
        (
            "given all the cost stuff why would anyone keep an in-house team",
            "  why would anyone keep an in-house team",
        ),
        ("Given how expensive local hiring is, why go in-house?", " , why go in-house?"),
        # a condition stays: "given a 6-month project" is what the answer depends on
        ("given a 6-month project, which model?", "given a 6-month project, which model?"),
        # nothing else would be left
        ("besides cost", "besides cost"),
        # "beyond" after a verb of searching is what is asked (set N2)
        (
            "why are companies starting to look beyond their local engineers?",
            "why are companies starting to look beyond their local engineers?",
        ),
    ],
)
def test_what_a_question_sets_aside_is_not_what_it_asks(text: str, kept: str) -> None:
    """Concessions and set-aside phrases leave the question's own words."""
    assert without_set_aside(text) == kept


def test_a_question_on_the_grid_and_the_places_it_names() -> None:
    """Which box or quadrant a set-up is in asks about the grid; capitalised words inside a
    sentence (places) are left out of what it asks, the sentence's first word is kept."""
    assert asks_category("if we hire an agency here in Brazil which box of the 2x2 is that?")
    assert asks_category("what is that in the matrix's terms?")
    assert not asks_category("is Brazil a good place for an offshore team?")
    # where a set-up lands, what it is called, its label (sets Z, D2, dev) ...
    assert asks_category("our own team abroad, where does that land in the grid?")
    assert asks_category("so whats it called then")
    assert asks_category("what's the proper label for a team we own in Poland?")
    # ... but a row the source left without its label asks about the row
    assert not asks_category("the table has 25% for outsourcing on a row w/ no label?")
    kept = without_named_places("Which box is an agency in Brazil?")
    assert kept == "Which box is an agency in  ?"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("True or false: outsourcing is cheap.", "Is it true that outsourcing is cheap?"),
        (
            "true/false - Offshoring needs upfront money",
            "Is it true that offshoring needs upfront money?",
        ),
        ("outsourcing is cheap, true or false?", "Is it true that outsourcing is cheap?"),
        ("is outsourcing cheap?", "is outsourcing cheap?"),
        ("true or false", "true or false"),
    ],
)
def test_a_quiz_item_is_asked_as_yes_no(text: str, asked: str) -> None:
    """ "True or false: X" is "Is it true that X?"; other text is left as it is."""
    assert as_yes_no(text) == asked


@pytest.mark.parametrize(
    ("message", "read_as"),
    [
        # the mark speech to text wrote out (set A3: dictated messages)
        (
            "do both of these actually scale well or is won of them bad at it question mark",
            "do both of these actually scale well or is one of them bad at it?",
        ),
        (
            "so is it cheaper question mark also what about control",
            "so is it cheaper? also what about control",
        ),
        # homophones where only the other word makes English
        ("is their like a real company example", "is there like a real company example"),
        ("their are two models right", "there are two models right"),
        ("main selling point in won sentence", "main selling point in one sentence"),
        ("the won that costs less", "the one that costs less"),
    ],
)
def test_a_dictated_message_reads_as_typed(message: str, read_as: str) -> None:
    """What speech to text wrote for a mark or a homophone is read as the typed message."""
    assert undictated(message) == read_as


@pytest.mark.parametrize(
    "message",
    [
        "there's a question mark over the vendor",  # the noun
        "a big question mark hangs over offshoring",
        "we won the contract",
        "their team is in Vietnam",
        "is their team in Vietnam?",
        "",
    ],
)
def test_words_meant_as_said_are_kept(message: str) -> None:
    """The noun 'question mark' and the words used as meant stay as they are."""
    assert undictated(message) == message


@pytest.mark.parametrize(
    "message",
    [
        # a statement put as a question, a wh-word opening a clause inside it (set C3)
        "so onshore vs offshore is purely about where the work happens, not who's doing it? "
        "just checking i've got that right",
        "but surely if we write a tight enough spec we keep full control when outsourcing?",
        # a wh-word in another sentence asks nothing of this one
        "so an offshore team gives the same control as having everyone in the office here? "
        "that's what the bot implied",
        "so the article says offshoring always wins?",
    ],
)
def test_a_statement_put_as_a_question_asks_yes_or_no(message: str) -> None:
    """A statement ending in '?' is a yes/no question, whatever clause a wh-word opens in it."""
    assert read_intent(message).polar


@pytest.mark.parametrize(
    "message",
    [
        "the model comparison says what about productivity?",  # asked in place
        "so offshoring saves how much?",
        "cost-wise which one do ppl normally go for on stuff longer than a year?",
        "and if they hire a dev agency in the same city which box is that?",
        'in the matrix there is "onshore outsource" - what is meant with this, the vendor sits '
        "here?",
        "control-wise how do these stack up: local team vs our own team abroad?",
    ],
)
def test_a_wh_question_after_other_words_asks_no_yes_or_no(message: str) -> None:
    """A wh-word followed by an auxiliary, or asked in place, asks a wh-question."""
    assert not read_intent(message).polar


def test_a_negative_tag_closes_a_dictated_question() -> None:
    """ "... isn't it" ends a question sent without its '?' (set C3)."""
    message = "but it's remote, so it's basically just another outside supplier isn't it"
    assert closing_question_mark(message) == f"{message}?"
    assert read_intent(closing_question_mark(message)).polar


def test_figure_out_asks_for_no_figures() -> None:
    """ "figure out" is to understand: "what is the article supposed to help me figure out?"
    asks no numbers (set A3); "the figures" still do."""
    assert read_intent("what is this article supposed to help me figure out?").kind != "figures"
    assert read_intent("what are the figures for an offshore team?").kind == "figures"


def test_whom_an_option_is_aimed_at_asks_when() -> None:
    """ "Is outsourcing the model aimed at companies like us?" asks whom it suits (set B3)."""
    assert read_intent("is outsourcing the model aimed at companies like us? y/n").kind == "when"


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        # a question passed on, and the line asking for help with it (set D3)
        (
            "If we hire a dev shop in our own city, does that still count as outsourcing? "
            "thoughts?",
            "If we hire a dev shop in our own city, does that still count as outsourcing?",
        ),
        (
            "Is that a reasonable move? Best, Tom | VP Ops | +1 555 201 4432. what do I tell him?",
            "Is that a reasonable move?",
        ),
        (
            "what's still good about hiring devs locally? Our board thinks it's old-fashioned. "
            "Thanks, Greg | Head of Logistics can you help me answer this?",
            "what's still good about hiring devs locally? Our board thinks it's old-fashioned.",
        ),
        # whether the person quoted is right, and how to answer, pass it on too (D3)
        (
            "isn't software dev getting cheaper now?? why would we look abroad at all. is he "
            "right? yes/no is fine",
            "isn't software dev getting cheaper now?? why would we look abroad at all.",
        ),
        # nothing passed on: the message is the question
        ("thoughts?", "thoughts?"),
        ("what do you think about offshoring?", "what do you think about offshoring?"),
        ("offshoring is cheaper. thoughts?", "offshoring is cheaper. thoughts?"),
    ],
)
def test_what_only_passes_a_question_on_is_left_out(message: str, asked: str) -> None:
    """ "thoughts?", "what do I tell him?" and a pasted sign-off pass on the question before
    them: the question is read without them, unless nothing else asks."""
    assert without_relay(message) == asked


def test_a_guess_checked_after_a_wh_question_is_not_what_is_asked() -> None:
    """ "what's insourcing? is that the same as onshoring?" asks what insourcing is (set E3);
    a second question that checks no guess is read as before."""
    intent = read_intent(
        "sorry if this is dumb — what's insourcing? is that the same as onshoring?"
    )
    assert (intent.kind, intent.polar) == ("definition", False)
    assert read_intent("what's insourcing? why do companies do it?").kind == "reason"


@pytest.mark.parametrize(
    "message",
    [
        # "or is one of them ...?" asks whether the first part holds for both (sets A3, E3)
        "do both of these actually scale well or is one of them bad at it?",
        "do both of them actually scale well or is one way better at it?",
    ],
)
def test_an_alternative_naming_one_of_them_still_asks_yes_or_no(message: str) -> None:
    """ "Do both ...? or is one of them ...?" is answered yes or no; a choice between two
    options is not."""
    assert read_intent(message).polar
    assert not read_intent("is outsourcing or offshoring cheaper?").polar
