"""The one tokeniser and sentence splitter of the domain, and Slack message normalisation.

Everything that compares words (routing, coverage, answer selection, BM25) goes through
:func:`terms`, so "outsourced", "Outsourcing" and "outsources" are one term everywhere. Slack
markup is undone once, by :func:`normalise_message`, before a message is routed or searched.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

import snowballstemmer

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“\"(])")
_WHITESPACE = re.compile(r"\s+")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn doing don
    down during each few for from further had hadn has hasn have haven having he her here hers
    herself him himself his how i if in into is isn it its itself just let ll me might more most
    must mustn my myself no nor not now of off on once only or other our ours ourselves out over
    re s same shall she should shouldn so some such t than that the their theirs them
    themselves then there these they this those through to too under until up us ve very was
    wasn we were weren what when where which while who whom why will with won would wouldn you
    your yours yourself yourselves get got go going want wants need needs tell know think thing
    things really much many may please thanks thank hi hello hey ok okay something anything way
    ways one d m y lets whats hows whos wheres whens thats im ive dont doesnt isnt arent ur pls plz
    thru bc cuz coz abt rn idk tbh ngl lol imo imho btw
    """.split()
)
"""English function words and chat filler (also as typed in chat: "whats", "dont", "pls",
"thru", "abt", "tbh");
they carry no topic."""

# --- Slack markup -----------------------------------------------------------------------------
# Slack wraps mentions and links in angle brackets: <@U123>, <@U123|name>, <#C123|general>,
# <!subteam^S123|@team>, <!here>, <https://url|label>, <mailto:a@b.c|label>, <https://url>.
_ANGLE = re.compile(r"<([^<>]*)>")
_MENTION = "\x00MENTION\x00"
# "cc @someone" addresses colleagues, not the question: dropped with the mentions it names.
_CC = re.compile(
    r"\b(?:cc|fyi)\b\s*[:,]?\s*(?:\x00MENTION\x00\s*(?:[,&]|\band\b)?\s*)+",
    re.IGNORECASE,
)
# "(see <https://...|our RFP>)": a reference to a link, not part of the question.
_REFERENCE = re.compile(
    r"\(\s*(?:see|cf\.?|ref\.?|via|from|source:?)?\s*<(?:https?|mailto):[^<>]*>\s*\)",
    re.IGNORECASE,
)
_EMOJI = re.compile(r":[a-z0-9_+'-]+:(?::skin-tone-\d:)?", re.IGNORECASE)
_PICTOGRAPH = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0000fe0f\U0000200d\U0001f1e6-\U0001f1ff]"
)
# *bold*, _italic_, ~strike~ and `code` marks around words (not inside them: snake_case stays).
_MARKS = re.compile(r"(?<![\w*_~`])([*_~`]{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_~`])")
_FENCE = re.compile(r"```")
# Where a person ends a sentence without a stop: a line break, or an emoji used as the full
# stop ("... fishing boats :ship: What do they mean?"), between a word and a capital letter
# or a wh-word ("... in India or something :upside_down_face: why this confusion happens?").
_UNSTOPPED = re.compile(
    r"(?<=[^\W_]|\))[ \t]*(?:\n|(?:[ \t]*(?:"
    + _EMOJI.pattern
    + "|"
    + _PICTOGRAPH.pattern
    + r"))+)\s*(?=[A-Z]|(?:why|what|how|which|who|when|where)\b)"
)
# A blockquote's mark opens a line, after any mention of the bot or bold mark ("@bot > ...").
_LINE_START = rf"^[ \t]*(?:{re.escape(_MENTION)}[ \t]*)*[*_~]*"
_QUOTE_PREFIX = re.compile(rf"({_LINE_START})(?:&gt;|>)[ \t]?", re.MULTILINE)
# The last line of a blockquote ends its sentence: "> ... what our competitor did" then
# "thoughts?" on a line of its own are two sentences.
_QUOTE_END = re.compile(
    rf"({_LINE_START}(?:&gt;|>)[^\n]*?[^\W_])[ \t]*\n(?!{_LINE_START}(?:&gt;|>))", re.MULTILINE
)


def _angle(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith(("@", "!subteam")):
        return _MENTION
    if target.startswith("#"):
        return f"#{label}" if label else ""
    if target.startswith("!"):
        # <!here>, <!channel>, <!everyone>; <!date^...|fallback> keeps its fallback text.
        return label if target.startswith("!date") else _MENTION
    return label or ""  # a link keeps its label; a bare URL says nothing about the question


_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text safe to read and to encode: lone surrogates (invalid UTF-8 on a command line, a
    broken escape in JSON) become U+FFFD, invisible characters pasted with text (zero-width
    spaces and joiners, soft hyphens, direction marks, byte-order marks) are removed, and
    compatibility forms are folded by NFKC (full-width "ＷＨＡＴ" reads "WHAT", "ﬁ" reads "fi")."""
    out = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", out))


def normalise_message(text: str) -> str:
    """The words a person typed, with Slack's markup undone.

    User, channel and user-group mentions and broadcasts are dropped (a "cc @x" addressed to
    colleagues with them), ``<url|label>`` keeps its label, a bare ``<url>`` and a parenthesised
    reference such as "(see <url|our RFP>)" are dropped, ``:emoji:`` codes and emoji characters
    are dropped (one between a word and a capital letter, like a line break there, ends the
    sentence: a full stop takes its place), HTML entities (``&lt;`` ``&gt;`` ``&amp;``) are
    decoded (twice: an entity a person pasted arrives escaped again), and bold, italic, strike
    and code marks and quote prefixes are removed (a blockquote's last line ends its sentence).
    Whitespace is collapsed. Nothing else changes: the words stay the user's.

    Args:
        text: A message as Slack delivers it (``event.text``), or plain text.

    Returns:
        The normalised text (may be empty).
    """
    out = _REFERENCE.sub(" ", text)
    out = _ANGLE.sub(_angle, out)
    out = _QUOTE_END.sub(r"\1.\n", out)
    out = _UNSTOPPED.sub(". ", out)
    out = _EMOJI.sub(" ", out)
    out = _PICTOGRAPH.sub(" ", out)
    out = _QUOTE_PREFIX.sub(r"\1", out)
    out = _FENCE.sub(" ", out)
    # Twice: Slack escapes the & of an entity a person pasted ("&amp;lt;" for a typed "&lt;").
    out = collapse_whitespace(html.unescape(html.unescape(out)))
    out = _CC.sub(" ", out)
    out = collapse_whitespace(out.replace(_MENTION, " "))
    previous = None
    while previous != out:  # nested marks: *_bold italic_*
        previous, out = out, _MARKS.sub(r"\2", out)
    return collapse_whitespace(out.strip("*_~` "))


# --- words -----------------------------------------------------------------------------------


def collapse_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip both ends."""
    return _WHITESPACE.sub(" ", text).strip()


def quote_in(text: str, quote: str) -> bool:
    """Whether ``quote`` occurs in ``text`` once runs of whitespace are collapsed in both.

    Nothing else is normalised: typographic quotes, dashes and case must match. A blank quote
    occurs nowhere.
    """
    needle = collapse_whitespace(quote)
    return bool(needle) and needle in collapse_whitespace(text)


def first_holding(texts: Sequence[str], quotes: Sequence[str]) -> list[int | None]:
    """For each quote, the index of the first text that holds it as ``quote_in`` reads it
    (whitespace runs collapsed), or None.

    Each text is collapsed once and all are searched as one string, so the cost of a quote is
    the length of text before its first occurrence (``quote_in`` per pair collapsed every text
    again for every quote: 0.12 s for 536 quotes over 47 chunks).
    """
    flat = [collapse_whitespace(text) for text in texts]
    joined = "\0".join(flat)
    starts = list(accumulate((len(text) + 1 for text in flat[:-1]), initial=0))
    out: list[int | None] = []
    for quote in quotes:
        needle = collapse_whitespace(quote)
        at = joined.find(needle) if needle else -1
        out.append(bisect_right(starts, at) - 1 if at >= 0 else None)
    return out


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits; apostrophes and punctuation split words)."""
    return _WORD.findall(text.casefold())


_BRITISH = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter2) English stem of a lower-case word: outsourcing -> outsourc.

    British -ise spellings are read as -ize first, so "specialised" and "specialized" (or
    "organisation" and "organization") share a stem.
    """
    return str(_stemmer().stemWord(_BRITISH.sub(r"iz\1", word)))


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


# A channel's name ("#eng-leads", what a channel link leaves) names a place, not a topic.
_CHANNEL = re.compile(r"(?<![\w#])#[^\W\d_][\w-]*")


def terms(text: str) -> list[str]:
    """Content terms of a text, in order: words minus stop words and channel names, stemmed
    (duplicates kept)."""
    kept = words(_CHANNEL.sub(" ", text))
    return [stem(w) for w in kept if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def quoted_phrase(entry: str) -> tuple[str, ...] | None:
    """A vocabulary entry written in double quotes ('"what changed"', '"why now"') is matched
    as written: its words stemmed, stop words kept, so "what changed" is not every "change".
    Returns those stems, or None for an entry without quotes."""
    flat = entry.strip()
    if len(flat) < 2 or not (flat.startswith('"') and flat.endswith('"')):
        return None
    return tuple(stem(w) for w in words(flat[1:-1]))


def stems(text: str) -> list[str]:
    """Every word of a text stemmed, stop words kept, channel names dropped: what a quoted
    vocabulary entry (see `quoted_phrase`) is matched against."""
    return [stem(w) for w in words(_CHANNEL.sub(" ", text))]


EVERYDAY_ZIPF = 4.5
"""A word at least this frequent in general English (Zipf scale: 4.5 = 30 per million words,
wordfreq's "small" English list) is an everyday word: "always", "boss", "month", "fine"."""


@lru_cache(maxsize=4)
def common_words(min_zipf: float) -> frozenset[str]:
    """English words at least this frequent (Zipf scale) in wordfreq's "small" English list,
    which starts at Zipf 3. Loads the list (about 0.3 s) on first use."""
    import wordfreq

    buckets = wordfreq.get_frequency_list("en", "small")
    # Bucket i holds the words of frequency 10 ** (-i / 100); Zipf = 9 - i / 100.
    last = round((9 - min_zipf) * 100)
    return frozenset(w for bucket in buckets[: last + 1] for w in bucket)


def everyday_terms(text: str) -> frozenset[str]:
    """The stems of a text's everyday English words (see ``EVERYDAY_ZIPF``): words that say
    how someone talks, not what they ask about. Loads the word list on first use."""
    common = common_words(EVERYDAY_ZIPF)
    return frozenset(stem(w) for w in words(text) if w in common and w not in STOPWORDS)


def term_set(text: str) -> frozenset[str]:
    """The distinct content terms of a text."""
    return frozenset(terms(text))


def overlap(query_terms: Iterable[str], text: str) -> int:
    """How many distinct query terms occur in the text."""
    return len(frozenset(query_terms) & term_set(text))


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences, whitespace collapsed, wording otherwise kept.

    A sentence ends at ``.``, ``!`` or ``?`` followed by whitespace and a capital letter, a
    digit, an opening quote or a parenthesis.

    Returns:
        The sentences in order; [] for blank text.
    """
    flat = collapse_whitespace(text)
    if not flat:
        return []
    return [s for s in _SENTENCE_END.split(flat) if s]


# Discourse connectives that open a sentence and lean on the one before it.
_CONNECTIVE = re.compile(
    r"^(however|thus|therefore|hence|additionally|moreover|conversely|on the other hand|"
    r"in contrast|for such reasons|in light of these considerations|in a nutshell),\s+",
    re.IGNORECASE,
)


def drop_connective(text: str) -> str:
    """The text without the discourse connective that opens it ("Moreover, ..."), which leans on
    a sentence the answer does not show; the next word is capitalised."""
    body = _CONNECTIVE.sub("", text, count=1)
    return body if body == text else body[:1].upper() + body[1:]
