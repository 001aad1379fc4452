"""The domain's one tokeniser, sentence splitter and Slack message normaliser."""

from __future__ import annotations

import pytest

from bot.text import (
    clean_text,
    first_holding,
    normalise_message,
    quote_in,
    split_sentences,
    stem,
    terms,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Who should stick with an onshore team? :pray:", "Who should stick with an onshore team?"),
        (
            "Who should stick with an onshore team? cc <@U0COLLEAG1>",
            "Who should stick with an onshore team?",
        ),
        ("cc <@U1> and <@U2|ann> what is offshoring?", "what is offshoring?"),
        (
            "<@U0BOT> is offshore cost &lt; outsourcing cost?",
            "is offshore cost < outsourcing cost?",
        ),
        (
            "Who should stay onshore? (see <https://wiki.example.com/rfp|our RFP>)",
            "Who should stay onshore?",
        ),
        ("read <https://wiki.example.com/x|the vendor doc> first", "read the vendor doc first"),
        ("costs? <https://example.com/a>", "costs?"),
        ("ask in <#C024BE7LR|sourcing> or <!subteam^S1|@leads> <!here>", "ask in #sourcing or"),
        (
            "*bold* and _italic_ and ~strike~ and `code` but snake_case",
            "bold and italic and strike and code but snake_case",
        ),
        ("*is offshore cheaper? :moneybag:*", "is offshore cheaper?"),
        # a blockquote's last line ends its sentence (set D3: "> ... did" then "thoughts?")
        ("&gt; quoted line\nthe question", "quoted line. the question"),
        ("&gt; one\n&gt; two\nthoughts?", "one two. thoughts?"),
        # ... after a mention of the bot or a bold mark too (the eval's markup variants)
        ("<@U0BOT> &gt; do we keep control\nthoughts?", "do we keep control. thoughts?"),
        ("*&gt; do we keep control\nthoughts?*", "do we keep control. thoughts?"),
        ("a &gt; b", "a > b"),
        ("hey there 👋", "hey there"),
        ("R&amp;D teams abroad?", "R&D teams abroad?"),
        ("cost &amp;lt; 50%?", "cost < 50%?"),  # a pasted "&lt;", escaped again by Slack
        ("<!date^1392734382^{date_short}|Feb 18, 2014> deadline", "Feb 18, 2014 deadline"),
        ("<@U0BOT>", ""),
        # an emoji used as a full stop, or a line break, between a word and a capital letter
        # ends the sentence (set F2, dev)
        (
            "I keep picturing oil rigs :oil_drum: What does offshore mean?",
            "I keep picturing oil rigs. What does offshore mean?",
        ),
        # ... or a wh-word (set Q2); "is" may go on the sentence
        (
            "they think I mean a vendor in India :upside_down_face: why the mix-up?",
            "they think I mean a vendor in India. why the mix-up?",
        ),
        ("our team :flag-vn: is in Vietnam", "our team is in Vietnam"),
        (
            "we're a 12-person agency\nShould we hire abroad?",
            "we're a 12-person agency. Should we hire abroad?",
        ),
        (
            "&gt; Our CFO says offshore is cheap\nIs that right?",
            "Our CFO says offshore is cheap. Is that right?",
        ),
        ("cheaper? :moneybag: Really", "cheaper? Really"),
        ("line one\nline two", "line one line two"),
    ],
)
def test_slack_markup_is_undone(raw: str, expected: str) -> None:
    """Mentions, links, emoji, entities and marks are undone; the user's words stay."""
    assert normalise_message(raw) == expected


def test_terms_drop_stopwords_and_stem_with_snowball() -> None:
    """Content terms are lower-cased Snowball stems without stop words; -ise reads as -ize."""
    assert terms("Should we outsource our core teams?") == ["outsourc", "core", "team"]
    assert stem("outsourcing") == stem("outsourced") == stem("outsources") == "outsourc"
    assert stem("specialised") == stem("specialized")
    assert terms("20% ~ 60%") == ["20", "60"]
    # A channel's name is not a topic ("#eng-leads" holds no "lead"); "#1" stays.
    assert terms("someone in #eng-leads asked about C# and #1") == ["someon", "ask", "1"]


def test_split_sentences_keeps_exact_wording() -> None:
    """Sentences come back verbatim, typographic quotes included."""
    text = "Outsourcing is the ‘cheapest’ option. Moreover,  businesses pay per project."
    assert split_sentences(text) == [
        "Outsourcing is the ‘cheapest’ option.",
        "Moreover, businesses pay per project.",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("what is out\u200bsourcing?", "what is outsourcing?"),
        ("what is out\u00adsourcing?", "what is outsourcing?"),
        ("\ufeffhello\u2060", "hello"),
        ("ＷＨＡＴ ＩＳ ＯＵＴＳＯＵＲＣＩＮＧ？", "WHAT IS OUTSOURCING?"),
        ("\ud800 outsourcing", "\ufffd outsourcing"),
        ("\udcff\udcfe outsourcing", "\ufffd\ufffd outsourcing"),
        ("offshore – 20% ~ 60%", "offshore – 20% ~ 60%"),
    ],
)
def test_clean_text_removes_invisible_and_broken_characters(raw: str, expected: str) -> None:
    """Zero-width and other invisible characters go, lone surrogates become U+FFFD, full-width
    letters fold to ASCII; ordinary punctuation and figures are untouched."""
    assert clean_text(raw) == expected


def test_first_holding_finds_each_quote_in_the_first_text_that_holds_it() -> None:
    """As ``quote_in`` reads a quote (whitespace runs collapsed, nothing else), in one pass:
    the first text holding it wins, a quote across two texts or a blank one is in none."""
    texts = ["Outsourcing is  paid per\nproject.", "An offshore team costs 20% ~ 60%.", "paid per"]
    quotes = ["paid per project", "paid per", "20% ~ 60%", "project. An offshore", "  ", "PAID"]
    found = first_holding(texts, quotes)
    assert found == [0, 0, 1, None, None, None]
    for quote, at in zip(quotes, found, strict=True):
        holding = [i for i, text in enumerate(texts) if quote_in(text, quote)]
        assert at == (holding[0] if holding else None)
    assert first_holding([], ["x"]) == [None]
