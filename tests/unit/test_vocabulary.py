"""knowledge/vocabulary.yaml: loading, the one-line errors, and the gaps compiled by Lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.advisor.lexicon import Lexicon
from bot.errors import KnowledgeError
from bot.knowledge.vocabulary import load_vocabulary
from bot.models import Chunk, Gap, Vocabulary
from bot.text import everyday_terms

GAPS = """
gaps:
  - topic: contract terms
    terms: [clause, service level agreement]
  - topic: tax
    terms: [tax]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _chunk(text: str) -> Chunk:
    return Chunk(
        id="doc:costs:0",
        document_id="doc",
        document_title="Doc",
        section="Costs",
        section_id="costs",
        kind="paragraph",
        text=text,
        index_text=f"Costs {text}",
        content_hash="0",
    )


def test_the_shipped_vocabulary_loads() -> None:
    """knowledge/vocabulary.yaml validates and names at least one gap."""
    vocabulary = load_vocabulary(Path("knowledge/vocabulary.yaml"))
    assert vocabulary.synonyms
    assert "contract terms" in [gap.topic for gap in vocabulary.gaps]


def test_gaps_load_in_order(tmp_path: Path) -> None:
    """Gaps load as topic + terms, in file order."""
    vocabulary = load_vocabulary(_write(tmp_path, GAPS))
    assert vocabulary.gaps == (
        Gap(topic="contract terms", terms=("clause", "service level agreement")),
        Gap(topic="tax", terms=("tax",)),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "gaps:\n  - topic: tax\n    terms: [tax, 'the']\n",
            "gaps.0.terms.1: 'the' has no content word",
        ),
        # "going" is a stop word: the entry would name the gap by "rate" alone
        (
            "gaps:\n  - topic: rates\n    terms: [day rate, going rate]\n",
            "gaps.0.terms.1: 'going rate' keeps only 'rate' once stop words are dropped",
        ),
        ("gaps:\n  - topic: tax\n    terms: []\n", "gaps.0.terms: Tuple should have at least 1"),
        ("gaps:\n  - topic: ''\n    terms: [tax]\n", "gaps.0.topic: String should have at least"),
        ("gaps:\n  - topic: tax\n    words: [tax]\n", "gaps.0.terms: Field required"),
        ("synonyms:\n  - [vendor]\n", "synonyms.0: a group needs at least two entries"),
        (
            "synonyms:\n  - [vendor, agency]\n  - [supplier, agency]\n",
            "synonyms.1.1: 'agency' is already in group 0",
        ),
        # a quoted entry is matched as written, so it needs two words to be a phrase ...
        (
            "synonyms:\n  - [modern, '\"nowadays\"']\n",
            "synonyms.0.1: '\"nowadays\"' is quoted, so it is matched as written; it needs two "
            "words",
        ),
        # ... and belongs to one group only
        (
            "synonyms:\n  - [modern, '\"why now\"']\n  - [trend, '\"why now\"']\n",
            "synonyms.1.1: '\"why now\"' is already in group 0",
        ),
    ],
)
def test_invalid_entries_name_the_entry(tmp_path: Path, text: str, message: str) -> None:
    """A bad entry is one KnowledgeError naming the file and where the entry is."""
    path = _write(tmp_path, text)
    with pytest.raises(KnowledgeError) as raised:
        load_vocabulary(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


def test_a_question_naming_a_gap_gets_its_topic(tmp_path: Path) -> None:
    """Lexicon.gap names the topic of the first gap a text names, by single word or phrase."""
    vocabulary = load_vocabulary(_write(tmp_path, GAPS))
    lexicon = Lexicon.build(vocabulary, [_chunk("Outsourcing is often the cheapest option.")])
    assert lexicon.gap("What should the termination clauses say?") == "contract terms"
    assert lexicon.gap("Do we need a service level agreement?") == "contract terms"
    assert lexicon.gap("Any tax breaks for an offshore team?") == "tax"
    assert lexicon.gap("Which level of service do we agree on?") == ""


def test_a_gap_the_knowledge_base_covers_is_ignored(tmp_path: Path) -> None:
    """An entry a sentence of the knowledge base says (as a phrase) is no longer a gap; the
    other entries of its topic stay."""
    vocabulary = load_vocabulary(_write(tmp_path, GAPS))
    chunks = [_chunk("Every clause of the contract is reviewed. Tax is paid where staff work.")]
    lexicon = Lexicon.build(vocabulary, chunks)
    assert lexicon.gap("What about tax?") == ""
    assert lexicon.gap("Which clauses matter?") == ""
    assert lexicon.gap("Do we need a service level agreement?") == "contract terms"


def test_words_of_a_phrase_alone_do_not_make_a_gap(tmp_path: Path) -> None:
    """A phrase entry matches its words in order only: 'service' and 'level' elsewhere in the
    knowledge base do not remove it, and do not match it in a question either."""
    vocabulary = load_vocabulary(_write(tmp_path, GAPS))
    chunks = [_chunk("A high level of service matters. We agreed on it.")]
    lexicon = Lexicon.build(vocabulary, chunks)
    assert lexicon.gap("We need a Service Level Agreement") == "contract terms"


QUOTED = """
synonyms:
  - [modern, '"what changed"', '"why now"']
"""


def test_a_quoted_synonym_is_matched_as_written(tmp_path: Path) -> None:
    """'"what changed"' names the group with its stop word: unquoted it would be "change"
    alone, and "change requests" would name it. '"why now"' is made of stop words only."""
    vocabulary = load_vocabulary(_write(tmp_path, QUOTED))
    chunks = [_chunk("Modern problems need modern answers. Change requests cost extra.")]
    lexicon = Lexicon.build(vocabulary, chunks)
    group = "~0"
    assert group in lexicon.question_concepts("ok so what changed?")
    assert group in lexicon.question_concepts("why now, of all times?")
    assert group not in lexicon.question_concepts("how are change requests priced?")
    assert group in lexicon.concepts("Modern problems need modern answers.")
    assert group not in lexicon.concepts("Change requests cost extra.")
    assert "modern" in lexicon.expansion("what changed?")


def test_a_quoted_entry_keeps_a_one_word_group_from_every_sentence(tmp_path: Path) -> None:
    """Unquoted, "more say" would be "say" alone ("more" is a stop word) and "say our appeal
    goes viral" would ask about control; quoted, only "more say" does (sets G2, dev)."""
    vocabulary = load_vocabulary(_write(tmp_path, "synonyms:\n  - [control, '\"more say\"']\n"))
    lexicon = Lexicon.build(vocabulary, [_chunk("Control matters.")])
    assert "~0" in lexicon.question_concepts("do we get more say over the work?")
    assert "~0" not in lexicon.question_concepts("say our appeal goes viral, then what?")


def test_a_quoted_domain_entry_is_matched_as_written(tmp_path: Path) -> None:
    """'"the table"' puts "what does the table say?" on topic, not "my postgres table"."""
    vocabulary = load_vocabulary(_write(tmp_path, "domain:\n  - vendor\n  - '\"the table\"'\n"))
    lexicon = Lexicon.build(vocabulary, [_chunk("A vendor table.")])
    assert lexicon.on_topic_terms("what does the table say about cost?") == ["the tabl"]
    assert lexicon.on_topic_terms("why is my postgres table slow?") == []
    assert lexicon.on_topic_terms("which vendor?") == ["vendor"]


SKIPPING = """
gaps:
  - topic: specific vendors
    terms: [recommend ... vendors, vendors ... recommend]
"""


def test_a_skip_stands_for_up_to_four_words_as_written(tmp_path: Path) -> None:
    """'...' in an entry stands for up to 4 words (stop words not counted) and the entry
    matches words as written: 'recommend ... vendors' names a request for vendors, not a
    choice between one vendor and a team."""
    vocabulary = load_vocabulary(_write(tmp_path, SKIPPING))
    lexicon = Lexicon.build(vocabulary, [_chunk("Outsourcing is often the cheapest option.")])
    topic = "specific vendors"
    assert lexicon.gap("can you recommend 3 reliable outsourcing vendors?") == topic
    assert lexicon.gap("can you recommend vendors?") == topic
    assert lexicon.gap("which outsourcing vendors in Vietnam would you recommend?") == topic
    assert lexicon.gap("recommend red green blue big old vendors") == ""
    assert lexicon.gap("would you recommend an outsourcing vendor or our own team?") == ""
    assert lexicon.gap("we recommended outsourcing vendors") == ""


def test_a_skip_entry_the_knowledge_base_says_is_ignored(tmp_path: Path) -> None:
    """An entry with a skip that a sentence of the knowledge base says is no longer a gap."""
    vocabulary = load_vocabulary(_write(tmp_path, SKIPPING))
    chunks = [_chunk("We recommend these three vendors: A, B and C.")]
    lexicon = Lexicon.build(vocabulary, chunks)
    assert lexicon.gap("can you recommend some vendors?") == ""
    assert lexicon.gap("vendors you would recommend?") == "specific vendors"


@pytest.mark.parametrize("term", ["... vendors", "recommend ...", "recommend ... ... vendors"])
def test_a_skip_must_stand_between_words(tmp_path: Path, term: str) -> None:
    """'...' at either end, or two in a row, is one error naming the entry."""
    path = _write(tmp_path, f"gaps:\n  - topic: vendors\n    terms: ['{term}']\n")
    with pytest.raises(KnowledgeError) as raised:
        load_vocabulary(path)
    assert "gaps.0.terms: " in str(raised.value)
    assert "'...' must stand between two words" in str(raised.value)


def test_an_empty_vocabulary_has_no_gaps() -> None:
    """Without a vocabulary nothing is a gap."""
    lexicon = Lexicon.build(Vocabulary(), [_chunk("Tax is paid.")])
    assert lexicon.gap("tax?") == ""


def test_everyday_terms_are_the_common_english_words() -> None:
    """Everyday words ("always", "boss", "month") are found, stemmed; jargon and names are not."""
    found = everyday_terms("My boss always asks for burndown KPIs every month from Lyon")
    assert found == frozenset({"boss", "alway", "everi", "month"})


def test_a_word_of_a_domain_run_alone_is_off_topic() -> None:
    """ "dev shop" and "third party" put a message on topic as runs; "shop" or "party" alone
    does not ("a rota for 12 shop assistants", "the party on Friday"; set F2, dev)."""
    vocabulary = Vocabulary(domain=("dev shop", "third party", "vendor", "the article"))
    lexicon = Lexicon.build(vocabulary, [_chunk("Vendors bid.")])
    assert lexicon.on_topic_terms("a weekend rota for 12 shop assistants?") == []
    assert lexicon.on_topic_terms("who is coming to the party on Friday?") == []
    assert "dev shop" in lexicon.on_topic_terms("should we hire a dev shop?")
    assert "third parti" in lexicon.on_topic_terms("is a third party safer?")
    assert lexicon.on_topic_terms("what does the article say?") == ["articl"]
