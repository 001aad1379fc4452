"""The grounding guard and the guarded LLM composer (LangChain's fake chat model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

from bot.advisor.composer import DeterministicComposer
from bot.advisor.lexicon import Lexicon
from bot.advisor.question import read_question
from bot.errors import ConfigError
from bot.llm.composer import LLMComposer
from bot.llm.guard import check_grounded
from bot.llm.prompts import load_chat_prompt
from bot.models import Citation, Passage, SourceRef, Statement, Vocabulary

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"

CITES = (
    Citation(
        n=1,
        source=SourceRef(document="doc", section="cost", quote="It costs 20% ~ 60% of onshore."),
    ),
    Citation(
        n=2,
        source=SourceRef(document="doc", section="control", quote="Offshore teams give control."),
    ),
)
PASSAGE = Passage(
    id="doc:cost:0",
    source="doc",
    section="Cost",
    section_id="cost",
    text="It costs 20% ~ 60% of onshore.",
    score=1.0,
)


def test_guard_accepts_cited_sentences_with_source_numbers() -> None:
    """Sentences that cite existing sources and repeat their numbers pass."""
    assert (
        check_grounded("A team costs 20% ~ 60% of onshore [1]. You keep control [2].", CITES) == []
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("A team costs 20% of onshore.", "uncited sentence: 'A team costs 20% of onshore.'"),
        ("It costs 15% of onshore [1].", "number 15 not in cited quotes"),
        ("Offshore is best [3].", "cites unknown source(s) [3]"),
        ("", "empty output"),
    ],
)
def test_guard_rejects_ungrounded_text(text: str, problem: str) -> None:
    """Uncited claims, invented numbers and unknown sources are each reported."""
    assert check_grounded(text, CITES) == [problem]


LEXICON = Lexicon.build(Vocabulary(), [])


def _deterministic() -> DeterministicComposer:
    return DeterministicComposer(document_titles={"doc": "Doc"}, lexicon=LEXICON, tables={})


def _composer(reply: str) -> LLMComposer:
    return LLMComposer(
        model=GenericFakeChatModel(messages=iter([reply])),
        prompt=load_chat_prompt(PROMPTS / "grounded_answer.yaml"),
        fallback=_deterministic(),
    )


def test_llm_wording_used_when_grounded() -> None:
    """A grounded model reply replaces the direct answer; citations stay the same."""
    answer = _composer("An offshore team costs 20% ~ 60% of onshore [1].").knowledge(
        read_question("How much does it cost?", LEXICON), [PASSAGE]
    )
    assert answer.direct == Statement(
        text="An offshore team costs 20% ~ 60% of onshore.", citations=(1,)
    )
    assert [c.source.quote for c in answer.citations] == ["It costs 20% ~ 60% of onshore."]


def test_llm_reply_with_invented_number_falls_back() -> None:
    """A reply stating a number the sources lack is discarded for the deterministic answer."""
    answer = _composer("It costs 10% of onshore [1].").knowledge(
        read_question("How much does it cost?", LEXICON), [PASSAGE]
    )
    assert answer.direct == Statement(text="It costs 20% ~ 60% of onshore.", citations=(1,))


def test_prompt_file_with_wrong_variables_is_rejected(tmp_path: Path) -> None:
    """A prompt whose templates use undeclared variables fails at start-up with a clear message."""
    bad = tmp_path / "p.yaml"
    bad.write_text("input_variables: [question]\nsystem: hi\nhuman: '{question} {other}'\n")
    with pytest.raises(ConfigError, match=r"templates use \['other', 'question'\]"):
        load_chat_prompt(bad)


def test_provider_without_its_package_is_a_clear_config_error(tmp_path: Path) -> None:
    """Choosing a provider whose LangChain package is not installed fails with what to install."""
    import importlib.util

    from bot.config import Settings
    from bot.llm import build_llm_composer

    if importlib.util.find_spec("langchain_openai") is not None:
        pytest.skip("langchain-openai is installed here")
    fallback = _deterministic()
    settings = Settings(llm="openai", llm_model="gpt-x", data_dir=tmp_path)
    with pytest.raises(
        ConfigError, match=r"^SOURCING_LLM=openai needs `pip install langchain-openai`$"
    ):
        build_llm_composer(settings=settings, fallback=fallback)
    unnamed = Settings(llm="openai", data_dir=tmp_path)
    with pytest.raises(ConfigError, match=r"^SOURCING_LLM_MODEL: name the openai model to use$"):
        build_llm_composer(settings=unnamed, fallback=fallback)
