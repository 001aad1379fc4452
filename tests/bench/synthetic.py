"""Synthetic ~800-word policy documents for the scale benchmark (deterministic, seeded).

Document i depends only on (seed, i, revision): changing one document's revision rewrites that
file alone, which is how the benchmark measures re-indexing after one change.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED = 20261130
SECTIONS = 6
SENTENCES_PER_SECTION = 6

_TOPICS = (
    "vendor selection", "data protection", "offshore delivery", "contract renewal",
    "security review", "budget approval", "onboarding of contractors", "code ownership",
    "service levels", "knowledge transfer", "travel and expenses", "quality assurance",
    "incident response", "hiring abroad", "time-zone coverage", "intellectual property",
)  # fmt: skip
_SUBJECTS = (
    "Each team lead", "The procurement office", "Every vendor", "The delivery manager",
    "The finance department", "Each offshore centre", "The security officer", "A project sponsor",
    "The legal team", "Every contractor", "The steering committee", "The engineering director",
)  # fmt: skip
_VERBS = (
    "must document", "reviews", "approves", "signs off on", "keeps a record of", "reports on",
    "escalates", "audits", "negotiates", "plans", "publishes", "checks",
)  # fmt: skip
_OBJECTS = (
    "the monthly cost of each external team", "all changes to the statement of work",
    "the handover plan for departing engineers", "every access request to production systems",
    "the hourly rates agreed with suppliers", "the risks of moving work to another country",
    "the training budget for new hires", "the acceptance criteria of each milestone",
    "the list of approved subcontractors", "the data that leaves the home country",
    "the on-call rota across time zones", "the licence terms of third-party code",
)  # fmt: skip
_CONDITIONS = (
    "before the contract starts", "within ten working days", "at the end of every quarter",
    "whenever the scope changes", "before any payment is released", "once a year",
    "when a new country is added", "after each major release", "if the budget grows by 10%",
    "before work moves offshore", "when a supplier is replaced", "at every steering meeting",
)  # fmt: skip
_REASONS = (
    "so that costs stay predictable", "because auditors ask for it", "to protect customer data",
    "so that knowledge is not lost", "to keep control over quality", "to meet local labour law",
    "so the company can scale the team quickly", "to avoid paying for idle capacity",
    "because delays are expensive", "so that nobody works without a contract",
)  # fmt: skip


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
        f"{rng.choice(_CONDITIONS)}, {rng.choice(_REASONS)}."
    )


def document_text(index: int, *, seed: int = SEED, revision: int = 0) -> str:
    """The markdown of synthetic policy document `index` (about 800 words, 6 sections).

    Args:
        index: Which document (0-based); its id is ``policy-{index:04d}``.
        seed: The generator's seed.
        revision: Another revision of the same document (different sentences).

    Returns:
        Markdown with front matter, a title heading and six sections of six sentences.
    """
    rng = random.Random(f"{seed}:{index}:{revision}")
    doc_id = f"policy-{index:04d}"
    topic = _TOPICS[index % len(_TOPICS)]
    lines = [
        "---",
        f"id: {doc_id}",
        f'title: "Policy {index:04d}: {topic.capitalize()}"',
        "publisher: Synthetic Corp",
        "kind: policy",
        "---",
        "",
        f"# Policy {index:04d}: {topic.capitalize()} {{#overview}}",
        "",
        f"This policy sets the rules for {topic} across the company. "
        + " ".join(_sentence(rng) for _ in range(2)),
        "",
    ]
    for section in range(SECTIONS):
        title = f"{rng.choice(_TOPICS).capitalize()} rule {section + 1}"
        lines += [f"## {title} {{#rule-{section + 1}}}", ""]
        first = " ".join(_sentence(rng) for _ in range(SENTENCES_PER_SECTION // 2))
        second = " ".join(
            _sentence(rng) for _ in range(SENTENCES_PER_SECTION - SENTENCES_PER_SECTION // 2)
        )
        lines += [first, "", second, ""]
    return "\n".join(lines)


def write_documents(directory: Path, count: int, *, seed: int = SEED) -> list[Path]:
    """Write `count` synthetic documents into `directory` (created if needed).

    Returns:
        The files written, ``policy-0000.md`` first.
    """
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = directory / f"policy-{index:04d}.md"
        path.write_text(document_text(index, seed=seed), encoding="utf-8")
        paths.append(path)
    return paths
