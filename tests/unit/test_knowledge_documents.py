"""Loading knowledge documents: front matter, sections, ids and every error path."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge import load_document, load_documents
from bot.models import Document

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
ARTICLE = KNOWLEDGE_DIR / "outsourcing-vs-offshoring.md"
ARTICLE_TITLE = "Outsourcing And Offshoring: What Is The Difference?"


@pytest.fixture(scope="module")
def article() -> Document:
    """The real article, loaded once for this module."""
    return load_document(ARTICLE)


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_real_folder_loads_only_the_article() -> None:
    """The shipped knowledge folder yields the article and skips SOURCE_NOTES.txt and YAML files."""
    documents = load_documents(KNOWLEDGE_DIR)
    assert [d.id for d in documents] == ["outsourcing-vs-offshoring"]


def test_real_article_front_matter(article: Document) -> None:
    """The article's front matter sets id, title, publisher and kind; unknown keys are ignored."""
    assert (article.id, article.title, article.publisher, article.kind) == (
        "outsourcing-vs-offshoring",
        ARTICLE_TITLE,
        "JDI",
        "article",
    )
    assert article.path == str(ARTICLE)
    assert article.sha256 == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert article.text.startswith(f"# {ARTICLE_TITLE} {{#intro}}\n\nOutsourcing and offshoring")
    assert "source_file:" not in article.text


def test_real_article_section_ids(article: Document) -> None:
    """Every heading of the article gives a section with its explicit {#id}, in order."""
    assert [s.id for s in article.sections] == [
        "intro",
        "modern-problems",
        "definitions",
        "strategy-matrix",
        "definitions-table",
        "considerations",
        "cost-consideration",
        "control-consideration",
        "scalability-consideration",
        "model-comparison",
        "which-model",
        "why-outsourcing",
        "why-offshoring",
        "why-in-house",
        "conclusion",
    ]


def test_real_article_section_titles_and_paths(article: Document) -> None:
    """Titles drop the {#id}; a path runs from the top-level heading down to the section."""
    sections = {s.id: s for s in article.sections}
    assert sections["intro"].path == (ARTICLE_TITLE,)
    assert sections["cost-consideration"].title == "Cost Consideration"
    assert sections["cost-consideration"].path == (
        ARTICLE_TITLE,
        "Outsourcing and Offshoring Software Development Key Considerations",
        "Cost Consideration",
    )
    assert sections["which-model"].path == (
        ARTICLE_TITLE,
        "Outsourcing And Offshoring – Which Model Is Ideal",
    )
    assert sections["conclusion"].path == (ARTICLE_TITLE, "Conclusion")


def test_section_text_excludes_subsections(article: Document) -> None:
    """A section holds only the text directly under its heading, not its sub-sections'."""
    sections = {s.id: s for s in article.sections}
    assert sections["considerations"].text == ""
    assert sections["which-model"].text == (
        "Choosing between outsourcing and offshoring is a pivotal decision for businesses aiming "
        "to optimize their software development processes. Each model offers distinct advantages "
        "and considerations that must be carefully weighed against the specific needs and goals "
        "of the organization."
    )
    assert sections["definitions"].text.endswith(
        "grouped into 4 different groups based on how you execute them and the location:"
    )


def test_files_are_filtered_and_sorted(tmp_path: Path) -> None:
    """Only *.md files load, by name; '_' or '.' prefixed files and other extensions are skipped."""
    _write(tmp_path, "b.md", "# B\n\nSecond document body.\n")
    _write(tmp_path, "a.md", "# A\n\nFirst document body.\n")
    _write(tmp_path, "_draft.md", "# Draft\n\nNot ready.\n")
    _write(tmp_path, ".hidden.md", "# Hidden\n\nNot shown.\n")
    _write(tmp_path, "notes.txt", "# Notes\n")
    _write(tmp_path, "policy.yaml", "version: 1\n")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "c.md", "# C\n\nNested, not loaded.\n")
    assert [d.id for d in load_documents(tmp_path)] == ["a", "b"]


def test_user_dropped_file_without_front_matter(tmp_path: Path) -> None:
    """A plain markdown file loads: id from the file name, title from its first heading."""
    text = "# Vendor Checklist\n\nAsk every vendor for references.\n\n## Contracts\n\nRead them.\n"
    path = _write(tmp_path, "Vendor Checklist.md", text)
    document = load_document(path)
    assert (document.id, document.title, document.publisher, document.kind) == (
        "vendor-checklist",
        "Vendor Checklist",
        "",
        "document",
    )
    assert [(s.id, s.path, s.text) for s in document.sections] == [
        ("vendor-checklist", ("Vendor Checklist",), "Ask every vendor for references."),
        ("contracts", ("Vendor Checklist", "Contracts"), "Read them."),
    ]
    assert document.text == text.rstrip("\n")


def test_file_without_headings_is_one_preamble_section(tmp_path: Path) -> None:
    """With no heading at all the title is the file stem and the text a 'preamble' section."""
    document = load_document(_write(tmp_path, "tips.md", "Just some notes.\nOn two lines.\n"))
    assert document.title == "tips"
    assert [(s.id, s.title, s.path, s.text) for s in document.sections] == [
        ("preamble", "tips", ("tips",), "Just some notes.\nOn two lines.")
    ]


def test_preamble_before_first_heading(tmp_path: Path) -> None:
    """Text between the front matter and the first heading becomes the 'preamble' section."""
    text = "---\nid: guide\ntitle: The Guide\n---\n\nIntro words.\n\n# Part One {#one}\n\nBody.\n"
    document = load_document(_write(tmp_path, "guide.md", text))
    assert [(s.id, s.title, s.path) for s in document.sections] == [
        ("preamble", "The Guide", ("The Guide",)),
        ("one", "Part One", ("Part One",)),
    ]
    assert document.sections[0].text == "Intro words."


def test_heading_levels_and_generated_ids(tmp_path: Path) -> None:
    """Levels 1-4 split sections with slug ids; deeper headings, fenced code and '#tag' do not."""
    text = (
        "# Top ##\n\n## Pros & Cons – Summary\n\n### Deep\n\n#### Deeper\n\n##### Deepest\n\n"
        "```sh\n# a shell comment\n```\n\n#hashtag\n\n## Second\n"
    )
    document = load_document(_write(tmp_path, "levels.md", text))
    assert [(s.id, s.path) for s in document.sections] == [
        ("top", ("Top",)),
        ("pros-cons-summary", ("Top", "Pros & Cons – Summary")),
        ("deep", ("Top", "Pros & Cons – Summary", "Deep")),
        ("deeper", ("Top", "Pros & Cons – Summary", "Deep", "Deeper")),
        ("second", ("Top", "Second")),
    ]
    assert document.sections[3].text == "##### Deepest\n\n```sh\n# a shell comment\n```\n\n#hashtag"


def test_repeated_generated_ids_get_a_suffix(tmp_path: Path) -> None:
    """Two headings with the same title get '-2' rather than failing; explicit ids are kept."""
    text = "# Pros\n\nA.\n\n# Pros\n\nB.\n\n# Other {#pros-2}\n\nC.\n\n# Pros\n\nD.\n"
    document = load_document(_write(tmp_path, "dup.md", text))
    assert [s.id for s in document.sections] == ["pros", "pros-3", "pros-2", "pros-4"]


def test_crlf_and_byte_order_mark(tmp_path: Path) -> None:
    """Windows line endings and a UTF-8 BOM load like plain LF text; the hash covers raw bytes."""
    raw = "\ufeff---\r\nid: win\r\n---\r\n# Title {#t}\r\n\r\nLine one.\r\nLine two.\r\n"
    path = tmp_path / "win.md"
    path.write_bytes(raw.encode("utf-8"))
    document = load_document(path)
    assert document.id == "win"
    assert document.sections[0].text == "Line one.\nLine two."
    assert document.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()


def test_duplicate_explicit_section_id(tmp_path: Path) -> None:
    """Two headings with the same {#id} fail, naming the file, the line and the id."""
    path = _write(tmp_path, "d.md", "# One {#same}\n\nA.\n\n## Two {#same}\n\nB.\n")
    with pytest.raises(KnowledgeError) as info:
        load_document(path)
    assert str(info.value) == f'{path}:5: duplicate section id "same" (first used on line 1)'


def test_duplicate_document_ids(tmp_path: Path) -> None:
    """Two files declaring the same document id fail, naming both files."""
    first = _write(tmp_path, "a.md", "---\nid: same\n---\n# A\n\nText.\n")
    second = _write(tmp_path, "b.md", "---\nid: same\n---\n# B\n\nText.\n")
    with pytest.raises(KnowledgeError) as info:
        load_documents(tmp_path)
    assert str(info.value) == f'duplicate document id "same" in {first} and {second}'


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"# Caf\xe9\n", "not UTF-8 text (invalid byte at offset 5)"),
        (
            b"---\nid: [unclosed\n---\n# T\n",
            "invalid front matter YAML: expected ',' or ']', but got '<stream end>' "
            "(line 2, column 14)",
        ),
        (b"---\n- a\n- b\n---\n# T\n", "front matter must be a mapping of keys to values"),
        (b"---\ntitle: [1, 2]\n---\n# T\n", "front matter title: Input should be a valid string"),
        (
            b"---\nid: x\n# T\n",
            "front matter is not closed (no '---' line after the opening one)",
        ),
        (b"---\nid: x\n---\n\n", "no text after the front matter"),
        (
            b"---\nid: Not An Id\n---\n# T\n",
            "invalid document id \"Not An Id\" (use lowercase letters, digits, '-' and '_'; "
            "set it with `id:` in the front matter)",
        ),
    ],
)
def test_file_errors(tmp_path: Path, content: bytes, problem: str) -> None:
    """A malformed file fails with a message naming the file and the problem."""
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(KnowledgeError) as info:
        load_document(path)
    assert str(info.value) == f"{path}: {problem}"


@pytest.mark.parametrize(
    ("heading", "problem"),
    [
        (
            "## Cost {#Cost Section}",
            '3: invalid section id "{#Cost Section}" '
            "(use lowercase letters, digits, '-' and '_')",
        ),
        ("## {#only-id}", "3: heading has no title"),
    ],
)
def test_heading_errors(tmp_path: Path, heading: str, problem: str) -> None:
    """A malformed heading id or an empty heading fails, naming the file and line."""
    path = _write(tmp_path, "h.md", f"# Fine\n\n{heading}\n\nText.\n")
    with pytest.raises(KnowledgeError) as info:
        load_document(path)
    assert str(info.value) == f"{path}:{problem}"


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    """A missing knowledge folder and one without documents each fail with their own message."""
    with pytest.raises(KnowledgeError) as missing:
        load_documents(tmp_path / "nope")
    assert str(missing.value) == f"{tmp_path / 'nope'}: knowledge folder not found"
    _write(tmp_path, "notes.txt", "not markdown")
    with pytest.raises(KnowledgeError, match=re.escape(f"{tmp_path}: no *.md documents found")):
        load_documents(tmp_path)
