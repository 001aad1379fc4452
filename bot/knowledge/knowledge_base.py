"""The loaded knowledge base: documents, their chunks and the validated policy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.errors import KnowledgeError
from bot.knowledge.chunking import chunk_documents, table_rows
from bot.knowledge.documents import load_documents
from bot.knowledge.labelled import LABELLED_FILE, load_labelled
from bot.knowledge.policy import load_policy
from bot.knowledge.vocabulary import VOCABULARY_FILE, load_vocabulary
from bot.models import Chunk, Document, LabelledQuestion, Policy, Section, TableRow, Vocabulary

POLICY_FILE = "policy.yaml"


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Everything loaded from the knowledge folder, validated and immutable."""

    documents: tuple[Document, ...]
    chunks: tuple[Chunk, ...]
    policy: Policy
    vocabulary: Vocabulary
    tables: dict[str, TableRow]
    labelled: tuple[LabelledQuestion, ...] = ()
    """Questions with the quote that answers them (``labelled-questions.yaml``)."""

    def document(self, document_id: str) -> Document:
        """The document with this id.

        Raises:
            KnowledgeError: No document has this id.
        """
        for document in self.documents:
            if document.id == document_id:
                return document
        msg = f'unknown document "{document_id}"'
        raise KnowledgeError(msg)

    def section(self, document_id: str, section_id: str) -> Section:
        """The section ``section_id`` of document ``document_id``.

        Raises:
            KnowledgeError: The document or the section does not exist.
        """
        for section in self.document(document_id).sections:
            if section.id == section_id:
                return section
        msg = f'unknown section "{document_id}#{section_id}"'
        raise KnowledgeError(msg)


def load_knowledge(knowledge_dir: Path) -> KnowledgeBase:
    """Load the documents, chunk them, and load ``policy.yaml``, ``vocabulary.yaml`` and
    ``labelled-questions.yaml``.

    Args:
        knowledge_dir: The knowledge folder (``*.md`` documents, ``policy.yaml`` and, optional,
            ``vocabulary.yaml`` and ``labelled-questions.yaml``).

    Returns:
        The knowledge base.

    Raises:
        KnowledgeError: A document, the policy, the vocabulary or the labelled questions are
            missing (the last two may be), malformed or inconsistent.
    """
    documents = load_documents(knowledge_dir)
    chunks = chunk_documents(documents)
    return KnowledgeBase(
        documents=documents,
        chunks=chunks,
        policy=load_policy(knowledge_dir / POLICY_FILE, documents),
        vocabulary=load_vocabulary(knowledge_dir / VOCABULARY_FILE),
        tables=table_rows(documents),
        labelled=load_labelled(knowledge_dir / LABELLED_FILE, chunks),
    )
