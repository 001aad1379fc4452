"""Yes/no questions: the Yes or No that opens the answer, read from the quoted sentence or, for
a question about a strategy with scenario facts, from the ranking the answer shows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from bot.advisor.intent import JUDGEMENT, asking_sentences, asks_wh
from bot.advisor.lexicon import Lexicon
from bot.advisor.question import Question
from bot.advisor.rules import RuleCondition
from bot.advisor.tables import figure_range, row_label
from bot.models import Evaluation, Strategy, TableRow
from bot.scoring.labels import lower_first
from bot.text import STOPWORDS, collapse_whitespace, drop_connective, split_sentences, stem, words

YES_NO = re.compile(r"^(Yes|No): ")
"""The opening this module gives an answer."""

# A discourse connective that opens a quoted sentence reads oddly after "Yes:" or "No:".
_CLAUSE = re.compile(r"\s[–—-]\s|;\s|:\s")
# Cues that the quoted sentence says no to what a yes/no question proposes.
# "Not only ... but also" adds; it does not deny. "Without the need for X" says X is not needed.
_SAYS_NO = re.compile(
    r"\b(never|not(?! only)|no|cannot|can't|won't|should limit|deal breaker|may not|"
    r"without (the|any) need|without having to)\b",
    re.IGNORECASE,
)
# A relative clause describes something ("skills that may not be available locally"): a cue
# inside it does not answer the question.
_RELATIVE = re.compile(r"\b(that|which|who)\b[^,;–—]*", re.IGNORECASE)
# "limit outsourcing to short-term projects" says yes to short-term projects.
_LIMIT_TO = re.compile(r"\blimit\b.*?\bto\b(.*)", re.IGNORECASE)
# "Is it a bad idea to ...?" asks the opposite of "should we ...?": its Yes is the other's No.
_ASKS_BAD = re.compile(
    r"\b(bad|terrible|stupid|dumb|wrong) (idea|move|call|choice|decision)\b|\ba mistake\b|"
    r"\b(overkill|a waste|too (much|big|expensive|risky|heavy)|deal[- ]?breaker)\b",
    re.IGNORECASE,
)
# "Is it risky to ...?" asks whether not to, when a judgment answers it.
_ASKS_RISKY = re.compile(r"\b(risky|dangerous)\b", re.IGNORECASE)
# A negative auxiliary opening a question ("Isn't outsourcing ...?", "Doesn't offshoring mean
# ...?") asks for agreement with the positive statement: it negates nothing. So does a
# negation that only asks for an answer ("... or not?", "yes or no?"), hedges ("not sure if")
# or limits ("not just the money?").
_NEGATIVE_AUX = r"(?:is|are|was|were|do|does|did|wo|would|should|could|can|ca|has|have|had)n[’']?t"
"""A negative auxiliary: "isn't", "wouldn't", "dont"."""
_NEGATIVE_OPENING = re.compile(
    r"^\W*(?:\w+(?:\s+\w+)?\s*,\s*)?(?:(?:so|and|but|ok|okay|hmm|wait|also)\W+)*"
    rf"{_NEGATIVE_AUX}\b",
    re.IGNORECASE,
)
_NOT_NEGATING = re.compile(
    r"\bor (?:not|no|nah)\b|\byes or no\b|\bnot (?:sure|certain|clear|just|only|simply|"
    r"merely)\b|\bno (?:idea|clue)\b|\bnot that\b|"
    # a tag asking for agreement: "they are the same thing, no?"; "nothing more to it" limits
    r"[\s,]no\W*$|\bnothing (?:more|else)\b|\bno more than\b|"
    # "always the right call no matter what?" claims it for everyone; it negates nothing
    r"\bno matter\b|"
    # a negative tag: "..., wouldn't it?"
    rf"\b{_NEGATIVE_AUX} (?:it|that|this|they|we|you|he|she|there|i)\W*$",
    re.IGNORECASE,
)
_NEGATES = re.compile(
    r"\b(?:never|not|no|cannot|without|avoid(?:ing)?|stay away from|steer clear of)\b|n[’']t\b|"
    r"\bw/o\b",
    re.IGNORECASE,
)
# "more control than", "cheaper than", "better than": a question comparing two options.
_COMPARES = re.compile(
    r"\b(more|less|fewer|better|worse|cheaper|higher|lower|faster|greater|tighter|stronger)\b"
    r".*\bthan\b"
)
_LESS = frozenset({"less", "lower", "fewer"})
# A percentage or range of them a question states: "around 20-60%", "30 to 70 percent".
_STATED_FIGURE = re.compile(
    r"\b(\d{1,3})\s*%?\s*(?:(?:-|–|~|to)\s*(\d{1,3})\s*)?(?:%|percent|per cent)", re.IGNORECASE
)
# A sentence giving its subject more of something ("... offers increased control"), no
# baseline named.
_GIVES_MORE = re.compile(
    r"\b(?:increased|more|higher|greater|better|tighter|stronger|improved)\b", re.IGNORECASE
)
# A yes/no question that asks to decide ("should we outsource?", "good idea?"), not about a
# property ("do we lose control if we outsource?").
_DECIDES = re.compile(
    # not "should I be worried?" (a risk, not a decision)
    r"\b(should (we|i)(?! be (worried|concerned|scared|afraid|nervous|wary))|shall we|"
    r"(good|bad) idea|right (move|call|choice)|worth it|make sense|"
    r"(is|would) it (be )?(ok|okay|wise|smart|worth|fine)|go (for|with)|recommend)\b|"
    r"\b(ok|okay|fine)\s*\?",  # "outsource ok?"
    re.IGNORECASE,
)
# A sentence reporting what people believe ("businesses often think it's only about the cost
# gap"): the sentence after it says whether they are right ("This perspective merely scratches
# the surface", "..., which is technically still correct").
REPORTS_BELIEF = re.compile(
    r"\b(often|commonly|usually|many|most|people|businesses|companies|firms) "
    r"(think|believe|assume)s?\b|\bit is (often|commonly|widely) (thought|believed|assumed)\b",
    re.IGNORECASE,
)
# A sentence judging the belief reported before it.
_REBUTS = re.compile(
    r"\b(merely|scratches the surface|misconception|myth|not (quite |entirely )?(true|right|"
    r"correct|the case)|in reality|oversimplif\w*|wrong)\b",
    re.IGNORECASE,
)
_CONFIRMS = re.compile(r"\b(correct|true|right|accurate|the case)\b", re.IGNORECASE)
# "Is it wrong to call an agency abroad 'offshoring'?" / "Is he right?" asks whether a usage is
# correct; "..., which is technically still correct" answers it.
_ASKS_WRONG = re.compile(
    r"\b(wrong|incorrect(ly)?|misus\w*|mistaken|a mistake|inaccurate(ly)?|misnomer)\b",
    re.IGNORECASE,
)
_ASKS_RIGHT = re.compile(r"\b(right|correct(ly)?|accurate(ly)?|proper(ly)?|legit)\b", re.I)
_SAYS_CORRECT = re.compile(
    r"\b(technically (still )?(correct|right|accurate)|"
    r"which is (still )?(correct|right|accurate))\b",
    re.IGNORECASE,
)
# A claim that one thing is merely another ("isn't an offshore team basically just another
# vendor?", "is the saving only the wage gap?") or equal to it ("just as complete as at HQ?") ...
_REDUCES = re.compile(
    r"(?:\b(?:is|are|isn[’']?t|aren[’']?t|was|be|(?:it|that|this|there)['’]s)\b|=)"
    r"(?:\s+[\w-]+){0,8}?\s+(?:really\s+)?(?:just|basically|merely|simply|essentially|"
    r"nothing (?:more |else )?(?:but|than))\b"
    # not "just as", "just about" (nearly), "just need", "is that just us?"
    r"(?! (?:as|about|for|to|like|need|me|us|we|i)\b)|"
    r"\b(?:just|every bit|equally|exactly|quite) as (?:[\w-]+ ){1,3}?as\b|"
    # "give me as much control as the team in my back office?"
    # "as easy to control as ppl sitting in our actual office?" (not "as well as", "as soon as")
    r"\bas (?!(?:well|soon|long|far|such|if|though|per|of|to|for)\b)[\w-]+ (?:[\w-]+ ){0,2}?as\b|"
    r"\bthe same (?:level|amount|degree) of\b|\b(?:only|purely|solely) (?:about|because)\b|"
    # "is that really the whole cost story?", "is that all there is to it?"
    r"\b(?:is|isn[’']?t|was) (?:that|this|it) (?:really )?(?:the whole|all there is)\b",
    re.IGNORECASE,
)
# What a sentence measures something against or contrasts it with: "... the cost gap advantage
# compared to hiring in-house tech talent" is not about the in-house team.
_MEASURED_AGAINST = (
    r"compared (?:to|with)|in comparison (?:to|with)|than|rather than|instead of|as opposed to"
)
BASELINE_PHRASE = re.compile(rf"\b(?:{_MEASURED_AGAINST})\b[^,.;:–—]*", re.IGNORECASE)
CONTRASTED = re.compile(rf"\b(?:{_MEASURED_AGAINST}|unlike|whereas)\b[^,.;:–—]*", re.IGNORECASE)
"""A contrast within a sentence, up to the next punctuation."""
# ... is answered No by a sentence setting the two apart ("it remains an integral part of the
# company, ... compared to traditional outsourcing", "this level of control may not match that
# of an in-house team") or judging the claim partial ("merely scratches the surface").
SETS_APART = re.compile(
    r"\b(?:distinct|different|differs?|difference|whereas|unlike|in contrast|as opposed to|"
    r"compared (?:to|with)|may not match|not match|not as|less than|more than|beyond|"
    r"integral part|scratches the surface|deeper|not only|but also)\b",
    re.IGNORECASE,
)
# A claim that only one option has something ("only offshoring really scales, and outsourcing
# doesn't?", "one of them doesn't really scale, right?") is answered No by a sentence giving it
# to both ("both models offer great scalability").
_EXCLUSIVE = re.compile(
    r"\bonly (?:one (?:of (?:them|the two|these))?|(?:an? |the |our own )?"
    r"(?:offshor\w*|outsourc\w*|in-?house|onshore|insourc\w*))\b|"
    r"\b(?:one|either) of (?:them|the two|these) (?:really )?(?:doesn[’']?t|does not|can[’']?t|"
    r"cannot|won[’']?t|isn[’']?t|is not)\b",
    re.IGNORECASE,
)
GIVES_BOTH = re.compile(
    r"\bboth (?:models|options|approaches|strategies|of them)\b|\beach (?:model|option)\b",
    re.IGNORECASE,
)
# A claim that one option suits everyone ("is there one model that's best for every company?")
# is answered No by a sentence making it depend on the company ("... weighed against the
# specific needs and goals of the organization", "every company is unique").
_FOR_ALL = (
    r"independent(?:ly)? of|regardless of|no matter (?:what|who|which)|one[- ]size[- ]fits[- ]all|"
    r"universal(?:ly)?|silver bullet"
)
"""Words that put a claim for everyone outright ("regardless of the company")."""
_UNIVERSAL = re.compile(
    rf"\b(?:{_FOR_ALL}|"
    r"every(?:one|body| company| organi[sz]ation| business| firm| team| case)|"
    r"all (?:companies|organi[sz]ations|businesses|firms|cases)|in (?:all|every) cases?)\b",
    re.IGNORECASE,
)
PARTICULAR = re.compile(
    r"\b(?:specific needs|unique|depends? on|depending on|weighed against|case[- ]by[- ]case|"
    r"not be suitable|distinct advantages)\b",
    re.IGNORECASE,
)
# Giving something up against keeping it: "Do we keep full control if we outsource?" is answered
# No by "... means giving up full control", as "do we lose control with our own team abroad?"
# is by "it remains an integral part of the company".
_GIVES_UP = re.compile(
    r"\b(?:giv(?:e|es|ing) up|gave up|los(?:e|es|ing)|lost|lack\w*|sacrific\w*|"
    r"surrender\w*|relinquish\w*)\b",
    re.IGNORECASE,
)
_KEEPS = re.compile(
    r"\b(?:keep\w*|kept|retain\w*|maintain\w*|remains?|full control|still (?:have|has|offers?)|"
    r"(?:fully|completely|totally|still) in control|in (?:full|complete|total) control)\b",
    re.IGNORECASE,
)
# "Is there more to it than the wage gap?" asks the opposite of "is it just the wage gap?".
# ("nothing more to it?" asks the first.)
_MORE_THAN = re.compile(
    r"(?<!nothing )(?<!no )\bmore to\b|\bmore than (just|only|simply)\b|\bbeyond\b", re.I
)
# A yes/no question asking whether something may be done ("can we outsource our app?").
_MAY = re.compile(r"\b(can|could|may|might) (we|i|you|one|a company|businesses)\b", re.IGNORECASE)
# A follow-up referring to what the thread spoke of: "so are those people our employees?"
_REFERS_BACK = re.compile(r"\b(those|these|they|them|that one|this one|such)\b", re.IGNORECASE)
# Asking what something is called ("can I technically call that offshoring too?", "both labels
# ok?", "does it count as outsourcing?") decides nothing: the terms' definitions answer it.
_NAMING = re.compile(
    rf"\bcall(?:ed|ing)? (?:it|that|this|them|those|these|ourselves)\b(?! {JUDGEMENT})|"
    r"\bcounts? as\b|"
    r"\blabels?\b|\bdescrib(?:e|ing) (?:it|that|this|them) as\b",
    re.IGNORECASE,
)
# A cost comparison: the first option costs less ("cheaper than"), or more.
_CHEAPER = re.compile(
    r"\b(cheaper|more cheap|less expensive|lower cost|costs? less|save more)\b", re.I
)
_DEARER = re.compile(r"\b(more expensive|pricier|costlier|costs? more|higher cost)\b", re.I)
# Words of opposite sense, each side as a claim and as what a sentence says: "does the article
# treat the economy as stable?" is answered No by "... faces a period of uncertainty", "is the
# upfront investment small?" by "a considerable upfront investment".
_OPPOSITES = (
    (_CHEAPER, _DEARER),
    (
        re.compile(r"\b(stable|steady|calm|predictable|certain)\b", re.I),
        re.compile(r"\b(uncertain\w*|unstable|volatile|turbulent|unpredictable)\b", re.I),
    ),
    (
        re.compile(r"\b(small|minor|minimal|modest|negligible|little|low|nothing|zero)\b", re.I),
        re.compile(r"\b(considerable|significant|substantial|large|huge|exorbitant)\b", re.I),
    ),
    (
        re.compile(r"\b(longer|slower)\b", re.I),
        re.compile(r"\b(shorter|faster|quicker)\b", re.I),
    ),
    (
        re.compile(r"\b(simple|easy|straightforward|effortless)\b", re.I),
        re.compile(r"\b(complex|complicated|difficult|challenging|time-consuming)\b", re.I),
    ),
)
# Project length: "good for long-term projects?" is answered No by "should limit outsourcing to
# short-term tech projects" (the trial), as "cheaper?" is by "more expensive".
_LONG = re.compile(
    r"\b(long[- ]term( tech)? (projects?|work|engagements?)|long[- ]running|multi-?year|"
    r"long projects?|longer than (one|1|a) year|exceeding one year|"
    r"(several|many|\d+|two|three|five) years?)\b",
    re.I,
)
_SHORT = re.compile(
    r"\b(short[- ]term( tech)? (projects?|work|engagements?)|short projects?|"
    r"less than (one|1|a) year|under a year|(a few|\d+|two|three|six)[- ]months?)\b",
    re.I,
)


_MONTHS = re.compile(r"\b(\d{1,3})\s*(?:-\s*\d{1,3}\s*)?(?:months?|mos?)\b", re.I)
_YEARS = re.compile(
    r"\b(?:\d{1,2}|one|two|three|four|five|six|several|many|a few|a couple of)"
    r"(?:\s*-\s*\d{1,2})?\+?\s*(?:years?|yrs?)\b|\b(?:past|over|beyond|longer than|more than|"
    r"exceed\w*)\s+(?:a|one|1)\s+year\b|\blong[- ]term\b|\bfor (?:a )?long time\b",
    re.I,
)

# Short projects said in words (a number of months is read by its value instead).
_UNDER_A_YEAR = re.compile(
    r"\bshort[- ]term\b|\bless than (?:a|one|1) year\b|\bunder a year\b", re.I
)


def asked_length(text: str) -> str:
    """The project length a question asks about: "long" (a year or more: "3-4 yrs", "drags
    past 12 months", "multi-year", "long-term"), "short" (under a year: "a 6 month MVP",
    "short-term"), or "" when it names none or both."""
    months = [int(m.group(1)) for m in _MONTHS.finditer(text)]
    long = bool(_LONG.search(text) or _YEARS.search(text) or any(n >= 12 for n in months))
    short = bool(_UNDER_A_YEAR.search(text) or any(n < 12 for n in months))
    return "long" if long and not short else "short" if short and not long else ""


def speaks_length(sentence: str) -> str:
    """The project length a sentence of the knowledge base speaks of ("longer than 1 year":
    "long"; "less than one year": "short"), or "" for none or both."""
    long, short = bool(_LONG.search(sentence)), bool(_SHORT.search(sentence))
    return "long" if long and not short else "short" if short and not long else ""


def _other_length(question: str, sentence: str) -> bool:
    """Whether a sentence speaks of short projects only when the question asks of long ones, or
    the other way round."""
    return bool(
        (_LONG.search(question) and _SHORT.search(sentence) and not _LONG.search(sentence))
        or (_SHORT.search(question) and _LONG.search(sentence) and not _SHORT.search(sentence))
    )


_COMPARED_TO = re.compile(r"\b(?:compared (?:to|with)|than|unlike)\b", re.IGNORECASE)
# "the same country" names a place, not a likeness.
_ASKS_SAME = re.compile(
    r"\b(same(?!\s+(?:country|city|town|place|location|office|building|region|time))|"
    r"identical|interchangeabl\w*|synonyms?|one (?:and the same|concept|thing))\b|"
    # "outsourcing == offshoring?"
    r"\w\s*==\s*\w",
    re.IGNORECASE,
)
_SAYS_SAME = re.compile(
    r"\b(same|identical|interchangeabl\w*|also means?|synonyms?|no different|"
    r"(?:commonly|also|often|usually) (?:known|called|referred to) as)\b",
    re.IGNORECASE,
)
# A sentence setting two things against each other ("Insourcing involves ..., whereas
# outsourcing is ...") says they are not the same.
_SAYS_DIFFERENT = re.compile(
    r"\b(distinct|different|differs?|difference|whereas|unlike|in contrast|as opposed to)\b",
    re.IGNORECASE,
)


def asks_same(question: Question) -> bool:
    """Whether a question asks if two things are the same ("is a dedicated offshore team the
    same as outsourcing?")."""
    return bool(_ASKS_SAME.search(question.text))


def says_same_or_not(text: str) -> bool:
    """Whether a sentence says two things are the same ("... also means ...") or sets them
    apart ("... two distinct concepts", "..., whereas ...", "this level of control may not
    match that of an in-house team")."""
    return bool(_SAYS_SAME.search(text) or _SAYS_DIFFERENT.search(text) or SETS_APART.search(text))


# A table cell that negates what a yes/no question asks of its option ("Non-employees, who work
# for the outsourcing service provider", "Outside home country") ...
_CELL_SAYS_NO = re.compile(r"\b(non-|not\b|no\b|never\b|outside\b|without\b)", re.IGNORECASE)
# ... unless it also allows it ("Can within and outside home country").
_CELL_ALLOWS = re.compile(r"\b(can|both|either|within and outside)\b", re.IGNORECASE)
_LOCATIONS = frozenset({"onshore", "offshore"})
"""The grid sides that say where the people are."""
_ONLY = re.compile(
    r"\b(always|only|must|ha(ve|s) to|necessarily|exclusively|require[sd]?|by definition|"
    r"inherently|automatically|per se)\b",
    re.IGNORECASE,
)
"""A question asking whether an option is limited to one location ("always abroad?", "by
definition overseas?")."""
_SEPARATORS = frozenset(
    {"or", "and", "vs", "versus", "than", "instead", "compared", "nor", "unlike", "against"}
)
_BREAK = "|"
_QUALIFIES = 3
"""An offshore word at most this many content words after an in-house one qualifies it."""
_STRATEGY_WORDS = {
    "outsource": ("outsource", "outsourcing service provider"),
    "offshore": ("offshore", "offshoring"),
    "onshore": ("onshore",),
    "inhouse": ("in-house", "insourcing"),
}
"""Words naming the sides of the strategy grid (matched as the vocabulary's concepts, so
"vendor", "abroad" or "our own team" count too)."""
OPTION_OF = {
    "outsource": "outsource",
    "offshore": "offshore",
    "onshore": "inhouse",
    "inhouse": "inhouse",
}
"""The option each grid side stands for: onshore and in-house both mean the home team."""
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


class PolarReader:
    """Reads the answer to yes/no questions, with the vocabulary's concepts."""

    def __init__(self, lexicon: Lexicon, conditions: Sequence[RuleCondition] = ()) -> None:
        """Compile the strategy-grid words against the lexicon (no I/O).

        Args:
            lexicon: The vocabulary's concepts.
            conditions: The policy's conditional rules (``rule_conditions``).
        """
        self._lexicon = lexicon
        self._conditions = tuple(conditions)
        # A phrase counts by its synonym group, not by its words ("providing" is not a provider).
        self._markers = {
            name: frozenset(
                t
                for phrase in phrases
                for t in lexicon.concepts(phrase) - lexicon.generic
                if " " not in phrase or t.startswith("~")
            )
            for name, phrases in _STRATEGY_WORDS.items()
        }

    def opening(self, question: Question, text: str, *, answer: str = "") -> str:
        """Open a yes/no answer with its answer: given, or from a policy rule the text quotes
        (see ``_by_rule``), or read from the clause that shares most with the question, in the
        text's sentence that shares most with it ("it only makes sense for non-IT ...").

        Returns:
            ``"Yes: <text>"`` or ``"No: <text>"``, the text's opening connective dropped.
        """
        body = text
        judged = True  # False for a Yes read only from the absence of a negation
        ruled = False  # a policy rule's answer (it read the question's facts)
        if not answer and (answer := _correctness(question, text)):
            judged = False  # the claim's own negation is read by _correctness
        concepts = self._lexicon.concepts
        sentences = split_sentences(text) or [""]
        # Of two sentences, the one that shares most with the question answers it ("do we need
        # our own infrastructure?" is answered by "... without the need for extensive internal
        # infrastructure", the second).
        first = max(sentences, key=lambda t: len(question.concepts & concepts(t)))
        at = sentences.index(first)
        if not answer and REPORTS_BELIEF.search(first) and at + 1 < len(sentences):
            # What people believe is answered by the sentence that judges it: "This perspective
            # merely scratches the surface" says No to "is it just the wage gap?".
            answer = _judged(sentences[at + 1])
            if answer and _MORE_THAN.search(_before_or(question.text)):
                answer = _opposite(answer)  # "is there more to it than ...?"
        if not answer:
            clauses = [c for c in _CLAUSE.split(first) if c.strip()] or [first]
            clause = max(clauses, key=lambda c: len(question.concepts & concepts(c)))
            # The clause that answers may quote a policy rule ("NEVER outsource core IT").
            answer = self._by_rule(question, clause) or self._by_met_rule(question, first)
            # A rule's answer reads the question's stated facts, negations included ("no
            # upfront cost" is a low upfront investment): it is not turned again.
            judged = not answer or self.negates_option(question)
            ruled = bool(answer)
            if answer and _other_length(question.text, first):
                answer = "No"  # "good for long-term projects?" by "... limit ... to short-term"
        if not answer:
            answer = self._by_comparison(question, first) or self._by_claim(question, first)
        if not answer:
            says_no = _SAYS_NO.search(_RELATIVE.sub(" ", clause)) or _holds_otherwise(
                question, clause
            )
            # "Are they the same thing?" is answered no by "... two distinct concepts", yes by
            # "... also means ...", and not at all by a sentence that says neither.
            same = _ASKS_SAME.search(question.text)
            differs = same and (_SAYS_DIFFERENT.search(first) or SETS_APART.search(first))
            if same and not differs and not says_no and not _SAYS_SAME.search(first):
                return drop_connective(text)
            # "Getting cheaper?" is answered No by "... significantly more expensive".
            opposite = _opposite_sense(question.text, first) or _other_length(question.text, first)
            answer = "No" if says_no or differs or opposite else "Yes"
            judged = answer == "No"
            asked, named = set(self.sides(question.text)), set(self.sides(clause))
            if says_no and asked and named and not asked & named:
                # "NEVER outsource core IT" says no to outsourcing, so yes to the in-house team
                # the question asks about ("is in-house always better for core stuff?").
                answer = "Yes"
                judged = True
            if clause is not clauses[0] and first == sentences[0]:
                # The answer is read from a later clause ("... – it only makes sense for non-IT
                # companies to outsource"): it opens the answer, not the clause before it.
                rest = text[len(first) :] if text.startswith(first) else ""
                body = f"{clause.strip()}{rest}"
        if judged and _asks_negated(question):
            answer = _opposite(answer)
        if (judged or ruled) and _ASKS_RISKY.search(_before_or(question.text)):
            # "Isn't it risky to outsource core IT?" asks the opposite of "should we?": the
            # rule's No is its Yes. A quoted risk read without a judgment stays a Yes.
            answer = _opposite(answer)
        answer = _turned(question, answer)
        body = drop_connective(body)
        body = body[:1].lower() + body[1:] if body[1:2].islower() else body
        return f"{answer}: {body}"

    def _by_met_rule(self, question: Question, sentence: str) -> str:
        """ "Yes" or "No" from a policy rule the question's facts meet, quoted anywhere in the
        sentence ("... is fine as long as the vendor is trustworthy?" about core IT, answered by
        "NEVER outsource their core IT capabilities – it only makes sense for ... a trustworthy
        third party"); "" when there is none."""
        if self.settled_rule(question) is None:
            return ""
        answer = self._by_rule(question, sentence)
        return answer if answer in ("Yes", "No") else ""

    def _by_claim(self, question: Question, sentence: str) -> str:
        """ "No" to a claim that one thing is merely or just as much another ("isn't an offshore
        team basically just another vendor?", "just as complete as at HQ?") when the sentence sets
        the two apart (``SETS_APART``), to a claim that one option suits everyone when the
        sentence makes it depend on the company (``PARTICULAR``), and to a claim that only one
        option has something when the sentence gives it to both (``GIVES_BOTH``); "" otherwise."""
        if (
            reduces_claim(question)
            and SETS_APART.search(sentence)
            and not self._names_reduced(question, sentence)
        ):
            return "No"
        claim = _before_or(asking_sentences(question.text)[-1])
        if _UNIVERSAL.search(claim) and PARTICULAR.search(sentence):
            return "No"
        if claims_exclusive(question) and GIVES_BOTH.search(sentence):
            return "No"
        return ""

    def _names_reduced(self, question: Question, sentence: str) -> bool:
        """Whether the sentence names what a reducing claim makes the thing ("is the distinction
        essentially a geographical one?" by "... making it more of a geographical
        differentiation"): it then says the claim, however it contrasts other things. An option
        reduced to another ("outsourcing == offshoring?") is answered by what sets them apart, not
        by a sentence that merely names both."""
        # not where the sentence sets it apart: "... compared to traditional outsourcing"
        said = {stem(w) for w in words(CONTRASTED.sub(" ", sentence.lower()))}
        for reduced in _reduced_to(question):
            after = [w for w in reduced if w not in STOPWORDS]
            if after and not self.sides(after[0]) and stem(after[0]) in said:
                return True
        return False

    def reduces_to_option(self, question: Question) -> bool:
        """Whether a reducing claim makes one option merely (or just as much) another ("isn't a
        dedicated offshore team basically just outsourcing with extra steps?", "aren't they
        basically the same thing?"), not something else ("is the cost merit of outsourcing and
        offshoring simply the salary gap?")."""
        for reduced in _reduced_to(question):
            after = [w for w in reduced if w not in STOPWORDS or w in _SAME_WORDS]
            if after and (self.sides(after[0]) or after[0] in _SAME_WORDS):
                return True
        return False

    def unsettled_rule(self, question: Question) -> RuleCondition | None:
        """For a request to decide about a strategy ("should we outsource our payments
        platform?"): the first conditional policy rule on that strategy whose condition the
        question leaves unsaid: its answer depends on it ("Not if it were a core IT
        capability"). None for other questions."""
        if not _decides(question):
            return None
        asked = self.asked(question)
        return next(
            (
                c
                for c in self._conditions
                if c.strategies & asked
                and (question.facts is None or c.field not in question.stated)
            ),
            None,
        )

    def rules_on(self, question: Question) -> list[RuleCondition]:
        """The conditional policy rules on the strategies a question names, in policy order."""
        asked = self.asked(question)
        return [c for c in self._conditions if c.strategies & asked]

    def settled_rule(self, question: Question) -> RuleCondition | None:
        """For a yes/no question about a strategy whose stated facts meet a policy rule against
        it ("can we outsource a project that is core to our business?", "is a dedicated
        offshore team a good fit for a 3-month prototype?"): the first such rule; its quote
        answers No. None when no stated fact meets one."""
        asked = self.asked(question)
        if question.facts is None or not asked:
            return None
        return next(
            (
                c
                for c in self._conditions
                if c.strategies & asked
                and c.field in question.stated
                and c.holds(getattr(question.facts, c.field))
            ),
            None,
        )

    def stated_rule(self, question: Question) -> RuleCondition | None:
        """For a yes/no question about a strategy that states a fact a policy rule on it reads
        ("an ~8 month build: the sweet spot for outsourcing?" and "limit outsourcing to
        short-term tech projects lasting less than one year"): the rule the facts meet
        (``settled_rule``, answering No), else the first rule whose fact it states (answering
        Yes). None when it states none."""
        settled = self.settled_rule(question)
        if settled is not None:
            return settled
        return next(iter(self.stated_rules(question)), None)

    def stated_rules(self, question: Question) -> list[RuleCondition]:
        """The policy rules on the strategies a question names whose fact it states, met or
        not, in policy order ("a 6-month build: outsource it or build an offshore team?" states
        the project length both length rules read)."""
        if question.facts is None:
            return []
        asked = self.asked(question)
        return [c for c in self._conditions if c.strategies & asked and c.field in question.stated]

    def _by_rule(self, question: Question, text: str) -> str:
        """The opening a policy rule quoted in the text gives about the strategy asked of: "No"
        when the question states that the rule's condition holds, "Yes" when it states that it
        does not, "Not if <condition>" when it does not say ("Should we outsource our app?"
        meets "NEVER outsource core IT capabilities"); "" when no such rule is quoted, or the
        question names the rule's own scope ("good for short-term projects?": "Yes")."""
        asked = self.asked(question)
        quoted = [
            c
            for c in self._conditions
            if c.strategies & asked
            and (c.quote.lower() in text.lower() or text.lower().strip(" .") in c.quote.lower())
        ]
        if not quoted:
            return ""
        rule = quoted[0]
        if question.facts is not None and rule.field in question.stated:
            return "No" if rule.holds(getattr(question.facts, rule.field)) else "Yes"
        scope = _LIMIT_TO.search(text)
        if scope:
            named = question.concepts & self._lexicon.concepts(scope.group(1))
            if named - self._lexicon.options - self._lexicon.domain:
                return "Yes"
        if _asks_bad(question):
            return f"Only if {rule.clause}"  # "is an in-house team a bad idea?"
        if not _decides(question):
            # "Does an offshore team take a big investment?" asks what the rule's quote
            # states ("requires a considerable upfront investment"), not whether to do it.
            return ""
        return f"Not if {rule.clause}"

    def _by_comparison(self, question: Question, sentence: str) -> str:
        """For "Does X give more control than Y?" answered by "Y ... a higher level of control
        compared to X": Yes when the sentence puts the question's first option before its
        "compared to" / "than" and the other after it, No when the other way round; by a
        sentence naming no baseline ("Y offers increased control ..."), Yes when it opens with
        the first option and No when with the other; the other way round when the question
        asks for less of it ("less control than"); "" when neither is so."""
        asked = _COMPARES.search(question.text)
        if not asked:
            return ""
        # "Does X give *less* control than Y?" claims the opposite of "more": a sentence giving
        # one option more of it answers it the other way round.
        less = asked.group(1) in _LESS and bool(_GIVES_MORE.search(sentence))
        order = self.sides(question.text)
        split = _COMPARED_TO.split(sentence, maxsplit=1)
        if len(order) >= 2 and len(split) < 2:
            answer = self._by_subject(question, sentence, order)
            return _opposite(answer) if less else answer
        if len(order) < 2:
            return ""
        before, after = (set(self.sides(part)) for part in split)
        first, other = order[0], order[1]
        answer = ""
        if first in before - after and other in after - before:
            answer = "Yes"
        elif other in before - after and first in after - before:
            answer = "No"
        return _opposite(answer) if less else answer

    def _by_subject(self, question: Question, sentence: str, order: Sequence[str]) -> str:
        """For "Does X give tighter control than Y?" answered by a sentence naming no baseline
        ("Building an offshore tech team offers increased control ..."): the option it opens
        with has more of what it names; Yes when that is the question's first option and the
        thing compared ("tighter control", not "more delay"), No when it is the other; ""
        otherwise."""
        gives = _GIVES_MORE.search(sentence)
        asked = _COMPARES.search(question.text)
        if gives is None or asked is None:
            return ""
        concepts = self._lexicon.question_concepts
        compared = concepts(" ".join(words(question.text[asked.end(1) :])[:2]))
        if not compared & concepts(" ".join(words(sentence[gives.end() :])[:2])):
            return ""
        named = self.sides(sentence)
        first = named[0] if named else ""
        return "Yes" if first == order[0] else "No" if first == order[1] else ""

    def row_answer(self, question: Question, row: TableRow) -> str:
        """For a yes/no question answered by a table row whose columns are options ("Team
        members — Outsourcing ...: Non-employees, ...; Offshoring ...: In-house employees
        ..."): "Yes" or "No" read from the cell of the one option the question names.

        The cell says No when it negates what is asked ("Non-employees", "Outside home
        country") without also allowing it ("Can within and outside home country"), or when
        it shares nothing with the question while another cell does (a benefit listed for the
        other option only); Yes when it shares what is asked and negates nothing.

        When the option the question asks about (the one it names first) has no column, only
        a comparison is answered: "is in-house faster than outsourcing?" is No when the
        compared option's cell holds what is asked. "Is X the same as Y?" is No when their
        cells differ (``_same_answer``).

        Returns:
            "Yes", "No" (as the question asks it: see ``_turned``) or "" when the question names
            no single column's option or no cell speaks to it.
        """
        columns = [(set(self.sides(header)), cell) for header, cell in row.cells]
        asked = self._thread_sides(question, columns)
        named = _with_column(asked, columns)
        same = self._same_answer(question, columns)
        if same or not named:
            return same
        cell = next(text for sides, text in columns if named[0] in sides)
        # What is asked of the option: not the options themselves ("abroad" in "an agency
        # abroad, is that outsourcing?" names a side, it asks nothing of a cell).
        aspect = question.concepts.difference(*self._markers.values())
        concepts = self._lexicon.concepts
        read = self.where_answer(question, row) or self._side_answer(
            question, asked, columns, named[0], cell
        )
        if read:
            return read
        if not aspect:
            return ""
        if named[0] != asked[0]:
            # The option asked about has no column of its own: "is in-house faster than
            # outsourcing?" is No when the benefit is the compared option's, else unanswered.
            compared = _COMPARED_TO.search(question.text) and aspect & concepts(cell)
            return _turned(question, "No") if compared else ""
        if not aspect & concepts(cell):
            others = any(aspect & concepts(text) for _, text in columns if text != cell)
            return _turned(question, "No") if others else ""
        says_no = _CELL_SAYS_NO.search(cell) and not _CELL_ALLOWS.search(cell)
        return _turned(question, "No" if says_no else "Yes")

    def _thread_sides(
        self, question: Question, columns: Sequence[tuple[set[str], str]]
    ) -> list[str]:
        """The grid sides a question asks about (``sides``), led by the first option with a
        column that the thread's last turn named when the question names none and points
        back to it ("so are those people actually our employees?" after "what does offshoring
        mean?" asks of offshoring)."""
        own = self.sides(question.text)
        if (
            _with_column(own, columns)
            or not question.history
            or not _REFERS_BACK.search(question.text)
        ):
            return own
        return _with_column(self.sides(question.history[-1]), columns)[:1] + own

    def _side_answer(
        self,
        question: Question,
        asked: Sequence[str],
        columns: Sequence[tuple[set[str], str]],
        option: str,
        cell: str,
    ) -> str:
        """For "are outsourced devs on our payroll?" (is the option asked about, named first,
        the other grid side the question names, one with no column of its own?): Yes when the
        option's cell names that side ("In-house employees but located ..."), No when the cell
        negates without allowing ("Non-employees, who work for the outsourcing service
        provider"); "" otherwise. ``asked``: the sides the question asks about, in order."""
        others = [s for s in asked if s != option and not any(s in sides for sides, _ in columns)]
        if not others or asked[0] != option or others[0] in _LOCATIONS:
            return ""
        # Any mention counts: "In-house employees but located in a different country" names
        # the home team's kind of employment, though sides() reads it as the offshore team.
        names_it = others[0] in self.mentions(cell)
        if names_it and not _CELL_SAYS_NO.search(cell):
            return _turned(question, "Yes")
        if _CELL_SAYS_NO.search(cell) and not _CELL_ALLOWS.search(cell):
            return _turned(question, "No")
        return ""

    def _same_answer(self, question: Question, columns: Sequence[tuple[set[str], str]]) -> str:
        """For "is a dedicated offshore team the same as outsourcing?": No when the options it
        names have different cells in the row ("Contracting an external party ..." vs
        "Building a dedicated team in a different country ..."); "" otherwise."""
        if not _ASKS_SAME.search(question.text):
            return ""
        asked = set(self.sides(question.text))
        cells = {collapse_whitespace(cell) for sides, cell in columns if sides & asked}
        return _turned(question, "No") if len(cells) > 1 else ""

    def _location_answer(self, question: Question, row: TableRow, cell: str, option: str) -> str:
        """For a yes/no question that asks only where an option's people are ("can outsourcing
        be local?", "does offshoring always mean abroad?"), read from a labelled row's cell for
        that option: Yes when the cell names the location asked about ("Can within and outside
        home country (onshore or offshore)"), No when it does not ("Outside home country");
        for "always"/"only"/"have to", Yes only when it names that location alone. "" when the
        sentence that asks names no location besides the option, the cell names none, or the
        row's label was lost (what its cells measure is unknown)."""
        if not row.label:
            return ""
        where = self.asked_where(question, option)
        if not where:
            return ""
        said = set(self.sides(cell)) & _LOCATIONS
        if not said:  # the cell says nothing of where ("Non-employees, who work for ...")
            return ""
        # "Does it always ..." holds only where the cell names that location alone.
        only = _ONLY.search(_before_or(question.text))
        holds = said == {where[0]} if only else where[0] in said
        return _turned(question, "Yes" if holds else "No")

    def where_answer(self, question: Question, row: TableRow) -> str:
        """The Yes or No a labelled row gives a question on where its option's people are
        (see ``_location_answer``); "" for another question, or a row whose cell for that
        option names no location."""
        # The first option with a column that the asking sentence names, else the question:
        # "We contract domestic suppliers easily. Must outsourcing involve a provider abroad?"
        # asks of outsourcing, not of the home team; "Can we outsource to a local vendor? Is
        # local ok?" of outsourcing too.
        columns = [(self.sides(header), text) for header, text in row.cells]
        asking = asking_sentences(question.text)[-1]
        # "if we hire a dev shop at home, does that count as offshoring?" asks of offshoring:
        # the set-up before it is what is placed.
        counted = _COUNTS_AS.search(asking)
        named = (asking[counted.end() :],) if counted else ()
        for text in (*named, asking, question.text):
            for side in self.sides(text):
                cell = next((cell for sides, cell in columns if side in sides), "")
                if cell:
                    return self._location_answer(question, row, cell, side)
        return ""

    def asked_where(self, question: Question, option: str = "") -> list[str]:
        """The locations (onshore, offshore) the sentence that asks names besides ``option``
        (default: the first side it names): ["onshore"] for "can outsourcing be local?", []
        for "we can't hire locally. would offshoring help?" (the location is a remark)."""
        named = self.sides(asking_sentences(question.text)[-1])
        option = option or (named[0] if named else "")
        return [s for s in named if s in _LOCATIONS and s != option]

    def figures_answer(self, question: Question, row: TableRow) -> str:
        """For "is outsourcing cheaper than an offshore team?" answered by a cost row of
        percentages: "Yes" when the first option's range is below the other's at both ends
        (30% ~ 70% against 20% ~ 60% is not), "No" when above at both, "" when the ranges
        cross, a side has no figure, or the question or row is not about cost."""
        lower = _CHEAPER.search(question.text)
        if not (lower or _DEARER.search(question.text)) or "cost" not in row_label(row).lower():
            return ""
        asked = self.sides(question.text)[:2]
        ranges = _column_ranges(row, asked, self.sides)
        if len(asked) < 2 or len(ranges) < 2:
            return ""
        (a_low, a_high), (b_low, b_high) = ranges[asked[0]], ranges[asked[1]]
        below, above = a_low < b_low and a_high < b_high, a_low > b_low and a_high > b_high
        if not (below or above):
            return ""
        return _turned(question, "Yes" if below == bool(lower) else "No")

    def stated_figures_answer(self, question: Question, row: TableRow) -> str:
        """For "wouldn't you agree an offshore team lands around 20-60% of what an onshore team
        costs?" answered by a row of percentages: "Yes" when the figure the question states
        for the option it names first lies within that option's range (20% ~ 60%), "No" when
        it lies outside; "" when the question states no percentage or the option has no
        figure in the row."""
        stated = _STATED_FIGURE.search(question.text)
        asked = self.sides(question.text)[:1]
        ranges = _column_ranges(row, asked, self.sides)
        if stated is None or not asked or asked[0] not in ranges:
            return ""
        low = float(stated.group(1))
        high = float(stated.group(2) or low)
        have_low, have_high = ranges[asked[0]]
        return _turned(question, "Yes" if have_low <= low <= high <= have_high else "No")

    def sides(self, text: str) -> list[str]:
        """The grid sides (outsource, offshore, onshore, inhouse) a text names, in the order it
        first names them."""
        # Words that set two things side by side stay in as a break ("in-house or abroad").
        own = [
            _BREAK if w in _SEPARATORS else stem(w)
            for w in words(text)
            if w in _SEPARATORS or (w not in STOPWORDS and len(w) > 1)
        ]
        named: list[tuple[int, str]] = []
        for i, concepts in enumerate(self._lexicon.concepts_by_term(own, nested=False)):
            named += [(i, name) for name, markers in self._markers.items() if concepts & markers]
        # "Our own team abroad" is one team, the offshore one: an in-house mention that an
        # offshore one follows closely, nothing setting them apart, is not the home team.
        named = [
            (i, name)
            for i, name in named
            if name != "inhouse"
            or not any(
                other == "offshore" and 0 < j - i <= _QUALIFIES and _BREAK not in own[i:j]
                for j, other in named
            )
        ]
        found: dict[str, int] = {}
        for i, name in named:
            found.setdefault(name, i)
        return sorted(found, key=found.__getitem__)

    def mentions(self, text: str) -> set[str]:
        """Every grid side a text mentions, "our own employees abroad" naming in-house as well
        as offshore (``sides`` reads it as the offshore team alone)."""
        found = self._lexicon.concepts(text)
        return {name for name, markers in self._markers.items() if found & markers}

    def negates_option(self, question: Question) -> bool:
        """Whether a yes/no question negates doing one of the options ("you should never
        outsource core IT, right?"), not a fact about it ("no upfront cost, right?", which the
        scenario facts already read as a low upfront investment): a negation followed, within
        two words, by a word naming an option."""
        statement = _negated_statement(question)
        return any(
            self.sides(" ".join(statement[m.end() :].split()[:3]))
            for m in _NEGATES.finditer(statement)
        )

    def options(self, text: str) -> set[str]:
        """The options a text names, as ``OPTION_OF`` reads its grid sides: "outsource",
        "offshore" (an own team abroad) and "inhouse" (onshore or in-house alike)."""
        return {OPTION_OF[side] for side in self.sides(text)}

    def verdict(self, question: Question, evaluation: Evaluation) -> str:
        """For a yes/no question about a strategy ("We're a tech company, should we
        outsource?"): Yes when the ranking puts it first (or all of a tie at the top), No when
        it does not.

        Returns:
            E.g. "No: for this scenario the scoring ranks Offshore insourcing (...) first (60)
            and onshore outsourcing third (45)."; "" when the question asks no decision
            (``_DECIDES``), names no strategy, or a tie leaves it open.
        """
        if not question.intent.polar or not _decides(question):
            return ""  # "do we lose control if we outsource?" asks no decision
        asked = self.asked(question)
        if not asked:
            return ""
        top = set(evaluation.tied or (evaluation.recommended,))
        if top <= asked:
            answer = "Yes"
        elif not top & asked:
            answer = "No"
        else:
            return ""
        answer = _turned(question, answer)
        first = evaluation.ranking[0]
        names = " and ".join(r.label for r in evaluation.ranking if r.strategy in top)
        tie = ", a tie" if len(top) > 1 else ""
        text = f"{answer}: for this scenario the scoring ranks {names} first ({first.score}{tie})"
        if answer == "No":
            best = next(s for s in evaluation.ranking if s.strategy in asked)
            place = _ORDINALS.get(best.rank, f"#{best.rank}")
            text += f" and {lower_first(best.label)} {place} ({best.score})"
        return text + "."

    def asked(self, question: Question) -> set[Strategy]:
        """The strategies a question names: outsourcing (onshore or offshore, narrowed when it
        says which), else an offshore team, else an in-house team; none when it names none."""
        has = {name: bool(question.concepts & found) for name, found in self._markers.items()}
        if has["outsource"]:
            if has["offshore"] and not has["onshore"]:
                return {"offshore_outsourcing"}
            if has["onshore"] and not has["offshore"]:
                return {"onshore_outsourcing"}
            return {"onshore_outsourcing", "offshore_outsourcing"}
        if has["offshore"]:
            return {"offshore_insourcing"}
        if has["inhouse"] or has["onshore"]:
            return {"onshore_insourcing"}
        return set()


def _with_column(sides: Sequence[str], columns: Sequence[tuple[set[str], str]]) -> list[str]:
    """The sides, in order, that exactly one column's header names (``row_answer``'s
    columns: each header's sides and its cell)."""
    return [s for s in sides if sum(s in c for c, _ in columns) == 1]


def _column_ranges(
    row: TableRow, asked: Sequence[str], sides: Callable[[str], list[str]]
) -> dict[str, tuple[float, float]]:
    """The figure range of the column each asked side names: the column whose header names
    it first ("Offshore Team (offshore insourcing)" is the offshore side's), else the leftmost
    column naming it that no other asked side took ("in-house" -> the onshore team)."""
    headers = [(sides(header), cell) for header, cell in row.cells]
    taken: dict[str, str] = {}
    for side in asked:
        first = [cell for named, cell in headers if named[:1] == [side]]
        if first:
            taken[side] = first[0]
    for side in asked:
        if side not in taken:
            rest = [c for named, c in headers if side in named and c not in taken.values()]
            if rest:
                taken[side] = rest[0]
    return {side: r for side, cell in taken.items() if (r := figure_range(cell)) is not None}


# What a set-up is asked to count as: "does that count as offshoring?", "is it classed as ...".
_COUNTS_AS = re.compile(
    r"\b(?:counts?|count(?:ed|ing)|qualif(?:y|ies|ied)|class(?:ed|ified)?|considered|"
    r"regarded|seen|treated|called)\s+(?:as\s+)?(?=\w)",
    re.IGNORECASE,
)


def _before_or(text: str) -> str:
    """What a question asks first: "Is it ok to ..., or is it a bad idea?" asks whether it is
    ok, "Does it always ..., or can it ...?" whether it always does."""
    return re.split(r"\bor\b", text, maxsplit=1)[0]


def _judged(sentence: str) -> str:
    """ "No" when a sentence judges the belief before it wrong or partial ("This perspective
    merely scratches the surface"), "Yes" when right ("which is technically still correct"),
    "" when it does neither."""
    if _REBUTS.search(sentence):
        return "No"
    if _CONFIRMS.search(sentence):
        return "Yes"
    return ""


def _correctness(question: Question, text: str) -> str:
    """For a question on whether a usage is correct ("is it wrong to call a vendor abroad
    'offshoring'?", "is he right?") answered by a text saying it is ("..., which is technically
    still correct"): "No" to "wrong", "Yes" to "right" (whichever the asking sentence names
    first, before any "or"), turned when the claim reported before the asking sentence is
    negative ("he says it isn't offshoring. Is he right?"); "" otherwise."""
    if not _SAYS_CORRECT.search(text):
        return ""
    asking = asking_sentences(question.text)[-1]
    first = _before_or(asking)
    wrong, right = _ASKS_WRONG.search(first), _ASKS_RIGHT.search(first)
    if not (wrong or right):
        return ""
    answer = "No" if wrong and (not right or wrong.start() < right.start()) else "Yes"
    claim = _NOT_NEGATING.sub(" ", question.text.replace(asking, " "))
    return _opposite(answer) if _NEGATES.search(claim) else answer


def claims_exclusive(question: Question) -> bool:
    """Whether a question claims that only one option has something ("only offshoring really
    scales, and outsourcing doesn't?", "one of them doesn't really scale, right?")."""
    return bool(_EXCLUSIVE.search(_before_or(" ".join(asking_sentences(question.text)))))


# One option for everyone, said outright: "is there one right answer that suits every
# business?", "a one-size-fits-all model?" (not "why is everybody talking about it?").
_SUITS_ALL = re.compile(
    r"\b(?:(?:suits?|fits?|works? for|right for|best for|good for|ideal for) (?:every|all|any)\w*|"
    # not "always better": "is in-house always better for core stuff?" claims it for core work
    rf"{_FOR_ALL}|one (?:right|best|true) (?:answer|model|option|way|choice))\b",
    re.IGNORECASE,
)


def claims_universal(question: Question) -> bool:
    """Whether a yes/no question claims that one option suits everyone ("is there one right
    answer that suits every business?")."""
    asking = _before_or(asking_sentences(question.text)[-1])
    return question.intent.polar and bool(_SUITS_ALL.search(asking))


# What a claim reduces two options named before it to: "basically the same thing".
_SAME_WORDS = frozenset(
    {"same", "identical", "equivalent", "interchangeable", "synonyms", "synonymous", "alike"}
)
# A claim put as the whole story, anywhere in the message: "Offshore value = wage arbitrage,
# full stop. Does the article agree or call that simplistic?"
_WHOLE_STORY = re.compile(
    r"\bfull stop\b|\b(?:too |overly |a bit )?simplistic\b|\boversimplif\w*|"
    r"\bnothing else to it\b|\bend of story\b|\bperiod\.?[\"”']",
    re.IGNORECASE,
)
# An asking sentence putting a claim of its own ("article says outsourcing comes out cheaper,
# no?"): what it asks is that claim, not the whole-story remark it answers ("<@U05> reckons
# offshoring's the cheapest route full stop.").
_OWN_CLAIM = re.compile(r"\b(?:says|said|claims|states)\s+(?:that\s+)?\w+\s+\w+", re.IGNORECASE)
# A wh-question asking what to make of a claim the message quotes ("... end of story". what's
# the article's take on that?): it asks whether the claim holds.
_TAKE_ON_CLAIM = re.compile(
    r"\b(?:take|view|verdict|stance|position|opinion|say|think)\b[^?]*\b(?:on|about|of) "
    r"(?:that|this|it)\b",
    re.IGNORECASE,
)


def reduces_claim(question: Question) -> bool:
    """Whether one of a question's asking sentences claims that one thing is merely another
    ("isn't the whole saving just the wage gap?", "savings = just the wage gap?") or just as
    much, or the message puts a claim as the whole story ("..., full stop. Agree, or is that
    simplistic?") and asks no claim of its own ("article says outsourcing comes out cheaper,
    no?"); a wh-question ("what's the catch with just hiring onshore?") claims nothing."""
    asked = asking_sentences(question.text)
    if _WHOLE_STORY.search(question.text) and not any(
        (asks_wh(a) and not _TAKE_ON_CLAIM.search(a))
        or (_OWN_CLAIM.search(a) and not _WHOLE_STORY.search(a))
        for a in asked
    ):
        return True
    return any(not asks_wh(asking) and _REDUCES.search(_before_or(asking)) for asking in asked)


def _reduced_to(question: Question) -> Iterator[list[str]]:
    """For each asking sentence that reduces one thing to another ("isn't an offshore team
    basically just outsourcing?"), the lower-cased words after the reducing word, stop words
    kept; wh-questions reduce nothing."""
    for asking in asking_sentences(question.text):
        if not asks_wh(asking) and (found := _REDUCES.search(_before_or(asking))):
            yield words(asking[found.end() :].lower())


def _opposite_sense(question: str, sentence: str) -> bool:
    """Whether the sentence says the opposite of a word the question claims (``_OPPOSITES``):
    "cheaper?" by "more expensive", "stable?" by "uncertainty". A sentence saying both sides
    says neither."""
    for one, other in _OPPOSITES:
        for claimed, said in ((one, other), (other, one)):
            if claimed.search(question) and said.search(sentence) and not claimed.search(sentence):
                return True
    return False


def _holds_otherwise(question: Question, clause: str) -> bool:
    """Whether a clause gives up what the question keeps ("do we keep full control?" by "...
    giving up full control"), or keeps what it gives up ("do we lose control?" by "it remains
    an integral part ..."); a clause that does as the question does says nothing against it."""
    asks_give, says_give = _GIVES_UP.search(question.text), _GIVES_UP.search(clause)
    if says_give:
        return not asks_give and bool(_KEEPS.search(question.text))
    return bool(asks_give and _KEEPS.search(clause))


def _decides(question: Question) -> bool:
    """Whether a question asks to decide ("should we outsource it?", "is it ok to ...?") or
    whether one may ("can we outsource our app?"), not about a property ("do we lose control
    if we outsource?") or a name ("can I call that offshoring?")."""
    if _NAMING.search(question.text):
        return False
    return bool(_DECIDES.search(question.text) or _MAY.search(question.text))


def _asks_bad(question: Question) -> bool:
    """Whether a question asks if something is a bad idea ("Is it a bad idea to ...?");
    "Is it ok to ..., or is it a bad idea?" asks the first, so only what precedes "or" counts,
    and only in the sentences that ask: "would it make sense to build an offshore team for
    that? ... I want to know if I'm crazy for thinking it's overkill" asks whether it makes
    sense."""
    asked = " ".join(asking_sentences(question.text))
    return bool(_ASKS_BAD.search(_before_or(asked)))


def _negated_statement(question: Question) -> str:
    """The asking sentence of a yes/no question with the negations that negate nothing
    removed (``_NEGATIVE_OPENING``, ``_NOT_NEGATING``)."""
    asked = _NEGATIVE_OPENING.sub(" ", asking_sentences(question.text)[-1])
    return _NOT_NEGATING.sub(" ", asked)


def _asks_negated(question: Question) -> bool:
    """Whether the statement a yes/no question asks about is itself negative ("is there no
    need for our own infrastructure if we outsource?", "so those people are not our
    employees?"): agreeing with it is Yes where the positive one gets No. A claim that only
    one option has something ("only offshoring scales, and outsourcing doesn't?") is not a
    negative statement: its "doesn't" is part of the claim."""
    if claims_exclusive(question):
        return False
    return bool(_NEGATES.search(_negated_statement(question)))


def _opposite(answer: str) -> str:
    """No for Yes, Yes for No; any other opening ("Not if ...") as it is."""
    return {"Yes": "No", "No": "Yes"}.get(answer, answer)


def _turned(question: Question, answer: str) -> str:
    """The answer as the question asks it: "Is it a bad idea to ...?" gets the opposite of
    what "Should we ...?" gets."""
    if not _asks_bad(question):
        return answer
    return _opposite(answer)
