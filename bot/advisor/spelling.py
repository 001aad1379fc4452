"""Misspelt words read as the knowledge base's own: "hiden costs with outsorcing" is asked as
"hidden costs with outsourcing", and "off shoring" (split by dictation) as "offshoring", before
anything is searched or decided."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from bot.text import common_words, stem

MIN_CHARS = 5
"""Shorter words are left alone: at one edit, "wat", "abt" or "deck" could be many words."""
COMPOUND_PART_CHARS = 2
"""A word is read as split in two only at a point leaving at least this many letters each side
("off shoring", "in sourcing"; never "o ffshoring")."""
LONG_CHARS = 8
"""Words of at least this many letters may be two edits away from the intended word, shorter
ones one edit (an edit inserts, deletes or replaces a letter, or swaps two neighbours)."""
COMMON_ZIPF = 3.0
"""A word at least this frequent in general English (wordfreq's "small" list starts here) is a
real word, spelt as meant, even when the knowledge base never uses it ("munich", "retainer")."""

_LETTERS = re.compile(r"[^\W\d_]+")


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The lower-case words (letters only) of some texts."""
    return frozenset(w for text in texts for w in _LETTERS.findall(text.casefold()))


@dataclass(frozen=True, eq=False)
class Speller:
    """Corrects words the knowledge base does not use to the closest word it does.

    A word is corrected only when it has at least ``MIN_CHARS`` letters, is neither a word of
    the knowledge base or the vocabulary (in any form: same stem) nor a common English word,
    and exactly one such word (sharing its first letter) is closest to it within the allowed
    edits, or, among the closest, or one edit further, exactly one is the word with letters
    left out ("ofshore" is offshore, not onshore; "outsoce" is outsource). Everything else is
    kept as typed.

    Before that, two words that together start with one of ``compounds`` are one word: speech
    to text and fast typing split "offshoring" into "off shoring" and "insourcing" into "in
    sourcing", which no single-word correction can mend.

    Attributes:
        vocabulary: Lower-case words of the knowledge base's text and of the vocabulary.
        compounds: Lower-case stems of words read back when found split in two (the options'
            names: "offshor" for "off shore", "off shoring", "off shored").
    """

    vocabulary: frozenset[str]
    compounds: frozenset[str] = frozenset()

    @cached_property
    def _split(self) -> re.Pattern[str] | None:
        """A word starting with one of ``compounds`` split in two by spaces (built on first
        use), or None."""
        splits = sorted(
            (
                rf"{re.escape(start[:i])}\s+{re.escape(start[i:])}[^\W\d_]*"
                for start in self.compounds
                for i in range(COMPOUND_PART_CHARS, len(start) - COMPOUND_PART_CHARS + 1)
            ),
            key=len,
            reverse=True,
        )
        if not splits:
            return None
        return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(splits)})(?![^\W\d_])", re.IGNORECASE)

    @cached_property
    def _by_initial(self) -> dict[str, tuple[str, ...]]:
        """The words a misspelling may be corrected to, by first letter (built on first use)."""
        by_initial: dict[str, list[str]] = {}
        for word in sorted(self.vocabulary):
            if len(word) >= MIN_CHARS - 1:
                by_initial.setdefault(word[0], []).append(word)
        return {k: tuple(v) for k, v in by_initial.items()}

    @cached_property
    def _stems(self) -> frozenset[str]:
        """The stems of the vocabulary: another form of a known word is not misspelt."""
        return frozenset(stem(w) for w in self.vocabulary)

    def correct(self, text: str) -> str:
        """The text with each misspelt word replaced by its correction (in lower case).

        Args:
            text: Any text; punctuation, case and spacing of the other words are kept.

        Returns:
            The corrected text; the same string when nothing needed correcting.
        """
        if self._split is not None:
            text = self._split.sub(self._joined, text)
        return _LETTERS.sub(lambda m: self._word(m.group(0)), text)

    def _joined(self, found: re.Match[str]) -> str:
        """Two words found by ``_split`` as one, when that is a form of the compound ("off
        shoring" -> "offshoring"), else as they were ("on short-term" is no "onshort")."""
        joined = "".join(found.group(0).split()).lower()
        return joined if stem(joined) in self.compounds else found.group(0)

    def _word(self, word: str) -> str:
        lower = word.casefold()
        if len(lower) < MIN_CHARS or lower in self.vocabulary or stem(lower) in self._stems:
            return word  # known, or another form of a known word ("outsourcer", "downsides")
        from rapidfuzz.distance import OSA  # loaded the first time a word might be misspelt
        from rapidfuzz.process import extract

        limit = 2 if len(lower) >= LONG_CHARS else 1
        choices = self._by_initial.get(lower[0], ())
        found = extract(lower, choices, scorer=OSA.distance, score_cutoff=limit + 1, limit=None)
        best = min((distance for _, distance, _ in found), default=limit + 1)
        closest = [choice for choice, distance, _ in found if distance == best]
        if best > limit or len(closest) > 1:
            # Letters left out are the commonest slip of fast typing: "ofshore" is offshore
            # (not onshore, as close by one edit), "outsoce" is outsource (two letters out).
            closest = [choice for choice in closest if _left_out(lower, choice)]
        # Checked last: most words have no close word at all, so most questions never load
        # the English word list (about 9 MB).
        if len(closest) != 1 or lower in common_words(COMMON_ZIPF):
            return word
        return closest[0]


def _left_out(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with some letters left out (a subsequence of it)."""
    letters = iter(word)
    return all(letter in letters for letter in typed)
