"""An organisation's own policy documents: dropped into knowledge/, indexed, cited, removed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import build_advisor
from bot.bootstrap import build_index
from bot.config import Settings
from bot.knowledge import load_knowledge

REPO = Path(__file__).resolve().parents[2]
POLICY_DOC = """# Vendor Security Policy

## Security reviews

Every outsourcing vendor must pass an annual penetration test before it may touch production data.
The security team signs off vendor access in writing.
"""


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", target)
    (target / "vendor-security.md").write_text(POLICY_DOC, encoding="utf-8")
    return target


def test_dropped_document_is_indexed_and_cited(knowledge_dir: Path, tmp_path: Path) -> None:
    """A markdown file without front matter is indexed and cited with its own title and section."""
    settings = Settings(knowledge_dir=knowledge_dir, data_dir=tmp_path / "data")
    answer = build_advisor(settings).ask(
        "Does an outsourcing vendor need a penetration test before touching production data?"
    )
    assert answer.covered is True
    first = answer.citations[0]
    assert first.source.document == "vendor-security"
    assert first.source.document_title == "Vendor Security Policy"
    assert first.source.label == "Security reviews"
    assert first.source.quote.startswith(
        "Every outsourcing vendor must pass an annual penetration test"
    )


def test_removed_document_leaves_the_index(knowledge_dir: Path, tmp_path: Path) -> None:
    """Re-indexing after a document is deleted removes exactly its chunks; again is a no-op."""
    settings = Settings(knowledge_dir=knowledge_dir, data_dir=tmp_path / "data")
    first = build_index(settings)
    assert first.added == len(load_knowledge(knowledge_dir).chunks)
    (knowledge_dir / "vendor-security.md").unlink()
    second = build_index(settings)
    assert (second.added, second.updated, second.removed) == (0, 0, 1)
    third = build_index(settings)
    assert (third.added, third.updated, third.removed) == (0, 0, 0)


def test_edited_document_replaces_its_chunks(knowledge_dir: Path, tmp_path: Path) -> None:
    """Changing one paragraph updates that chunk only; rebuild re-embeds everything."""
    settings = Settings(knowledge_dir=knowledge_dir, data_dir=tmp_path / "data")
    build_index(settings)
    doc = knowledge_dir / "vendor-security.md"
    doc.write_text(POLICY_DOC.replace("annual", "quarterly"), encoding="utf-8")
    report = build_index(settings)
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    rebuilt = build_index(settings, rebuild=True)
    assert rebuilt.added == rebuilt.chunks
