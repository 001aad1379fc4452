"""The knowledge base as a whole: load_knowledge, section look-up and quote search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge import (
    KnowledgeBase,
    chunk_documents,
    find_quote,
    load_documents,
    load_knowledge,
    quote_in,
)

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
ARTICLE = "outsourcing-vs-offshoring"

POLICY = """\
strategies:
  onshore_insourcing: &def
    label: In-house
    definition: A team at home.
    citation: {document: outsourcing-vs-offshoring, section: why-in-house,
               quote: "The company maintains full control over deliverables."}
  onshore_outsourcing: *def
  offshore_insourcing: *def
  offshore_outsourcing: *def
factors:
  - id: company
    label: Kind of company
    weight: 1
    citation: {document: outsourcing-vs-offshoring, section: why-outsourcing,
               quote: "it only makes sense for non-IT companies to outsource their IT projects"}
    levels:
      non_it: {label: non-IT company, if_clause: you were a non-IT company,
               effects: {onshore_outsourcing: 5}, reason: Non-IT companies may outsource.}
      tech: {label: tech company, if_clause: you were a tech company,
             reason: Tech companies build teams.}
rules: []
cost_ranges:
  onshore_insourcing: {range: "100%"}
  onshore_outsourcing: {range: not stated}
  offshore_insourcing: {range: "20% ~ 60%"}
  offshore_outsourcing: {range: "30% ~ 70%"}
"""


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A copy of the real article with a small valid policy beside it."""
    shutil.copy(KNOWLEDGE_DIR / f"{ARTICLE}.md", tmp_path)
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return tmp_path


def test_load_knowledge(knowledge_dir: Path) -> None:
    """load_knowledge returns the documents, their chunks and the resolved policy together."""
    kb = load_knowledge(knowledge_dir)
    assert [d.id for d in kb.documents] == [ARTICLE]
    assert kb.chunks == chunk_documents(load_documents(knowledge_dir))
    assert [f.id for f in kb.policy.factors] == ["company"]
    assert kb.policy.factors[0].citation.section_path == (
        "Outsourcing And Offshoring – Which Model Is Ideal > Why You Should Choose Outsourcing "
        "Software Development"
    )


def test_load_knowledge_needs_the_policy(knowledge_dir: Path) -> None:
    """Without policy.yaml the knowledge base does not load, and the message says why."""
    (knowledge_dir / "policy.yaml").unlink()
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(knowledge_dir)
    assert str(info.value) == f"{knowledge_dir / 'policy.yaml'}: policy file not found"


def test_section_lookup(knowledge_dir: Path) -> None:
    """section() finds a section by document and section id and names what is missing."""
    kb = load_knowledge(knowledge_dir)
    assert kb.section(ARTICLE, "conclusion").title == "Conclusion"
    assert kb.document(ARTICLE).publisher == "JDI"
    with pytest.raises(KnowledgeError) as no_section:
        kb.section(ARTICLE, "summary")
    assert str(no_section.value) == f'unknown section "{ARTICLE}#summary"'
    with pytest.raises(KnowledgeError) as no_document:
        kb.section("other", "conclusion")
    assert str(no_document.value) == 'unknown document "other"'


def test_knowledge_base_is_frozen(knowledge_dir: Path) -> None:
    """The knowledge base cannot be changed after loading."""
    kb = load_knowledge(knowledge_dir)
    assert isinstance(kb, KnowledgeBase)
    with pytest.raises(AttributeError):
        kb.chunks = ()  # type: ignore[misc]


def test_find_quote() -> None:
    """find_quote returns the first section containing a quote, whitespace-insensitively."""
    documents = load_documents(KNOWLEDGE_DIR)
    found = find_quote(documents, "Thus, it is a viable strategy\nfor businesses   that")
    assert found is not None
    assert (found[0].id, found[1].id) == (ARTICLE, "why-in-house")
    assert find_quote(documents, "the ‘cheapest’ option")[1].id == "cost-consideration"  # type: ignore[index]
    assert find_quote(documents, "the 'cheapest' option") is None
    assert find_quote(documents, "   ") is None


def test_quote_in() -> None:
    """quote_in collapses whitespace only: case and punctuation must match."""
    assert quote_in("One  two\nthree.", "two three")
    assert not quote_in("One two three.", "Two three")
    assert not quote_in("One two three.", "")
