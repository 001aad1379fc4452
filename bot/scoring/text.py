"""Read scenario fields out of free text with deterministic keyword and regex rules."""

from __future__ import annotations

import re
from fractions import Fraction

from bot.errors import InputError
from bot.models import MAX_MONTHS, MIN_MONTHS, SCENARIO_FIELDS, Scenario
from bot.scoring._values import amount, months_from_units, shown
from bot.scoring.fields import parse_scenario_values
from bot.scoring.pairs import extract_pairs

_Rules = tuple[tuple[re.Pattern[str], object], ...]

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36,
    "forty-eight": 48, "sixty": 60, "a couple of": 2, "a couple": 2,
}  # fmt: skip
_NUM = r"\d+(?:\.\d+)?|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
# Single-letter units ("18m", "2y") are left out on purpose: in prose "$2m" is money.
_DURATION = re.compile(
    r"(?:\b(?P<mod>more than|longer than|exceeding|beyond|less than|shorter than|under|below)\s+"
    r"|(?P<sym>[<>≤≥]=?)\s*)?"
    rf"(?<![\w$€£.])(?P<num>{_NUM})\+?(?P<half>\s+and\s+(?:a\s+)?half)?[\s-]*"
    rf"(?:(?P<years>years?|yrs?)\b(?:\s+(?:and\s+)?(?P<num2>{_NUM})[\s-]*(?:months?|mos|mths?)\b)?"
    r"|(?P<unit>months?|mos|mths?|mnths?|weeks?|wks?)\b)"
    r"(?P<half2>\s+and\s+(?:a\s+)?half)?"
)
_COMPACT = re.compile(r"(?<![\w.])(?P<y>\d{1,2})\s*y\s*(?P<m>\d{1,2})\s*m\b")
# A single-letter unit counts when a project follows it: "a 2y project", "6m MVP" ("$2m" is money).
_UNIT_PROJECT = re.compile(
    r"(?<![\w$€£.])(?P<n>\d{1,3})\s*(?P<u>y|m)\s+(?:long\s+)?"
    r"(?:project|build|rebuild|engagement|contract|mvp|programme|program)s?\b"
)
_HALF_YEAR = re.compile(r"\bhalf (?:a|one) year\b|\bhalf-year\b")
# Durations that describe something else: "10 years ago", "a 5 year old company", "every 2 weeks",
# "been hiring 6 months", "recruiting for 4 months", "has been our ward sister for 30 years".
_NOT_PROJECT_BEFORE = re.compile(
    r"\b(?:every|per|each|for the (?:last|past)|since|been \w+ing(?: for)?|"
    # "she has been our ward sister for 30 years", "we've been around for 12 years", "she's
    # been here 22 years"
    r"been\b[^.?!;]{0,40}?\bfor|been (?:here|there|around|in business|with (?:us|them|the \w+))|"
    r"(?:hiring|recruiting|searching|looking|trying|waiting)(?: for)?)\s*$"
)
# (or a length of something else: "a short lease vs a 30-year mortgage")
_NOT_PROJECT_AFTER = re.compile(
    r"^\s*(?:old|ago|of experience|in business|mortgages?|loans?|leases?|bonds?|warrant(?:y|ies)|"
    r"anniversar(?:y|ies)|careers?|veterans?|track record)\b"
)
# "over" is left out: "built over 3 years" states a length, not a lower bound.
_LONGER = ("more than", "longer than", "exceeding", "beyond")
_STRICT = {">": 1, "<": -1}


_TYPOGRAPHIC = str.maketrans("’‘“”–", "''\"\"-")


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_NOT_QUITE = r"(?:really |actually |truly |exactly |strictly )?"
_CORE: _Rules = (
    (_c(rf"\bnon-?core\b|\bnot {_NOT_QUITE}(?:a |an |our |part of (?:our |the )?)?core\b"), False),
    (
        _c(
            rf"\b(?:isn't|is not|aren't|are not|wasn't|was not) {_NOT_QUITE}"
            r"(?:a |an |our |part of (?:our |the )?)?core\b"
        ),
        False,
    ),
    (_c(r"\bnot (?:a |our )?(?:main|key|flagship) product\b|\bside project\b"), False),
    # "a partner portal, nothing core"
    (_c(rf"\b(?:nothing|none of it|no part of it|not anything) {_NOT_QUITE}core\b"), False),
    (
        _c(
            r"\bcore\b|\b(?:our|the) (?:main|flagship|own) product\b|\bmission-critical\b"
            r"|\b(?:central|critical|essential|vital) to (?:how we (?:operate|work|run)|our "
            r"(?:business|operations|company))\b|\bthe heart of our (?:business|operations)\b"
        ),
        True,
    ),
)
# Phrases where "core" is not about this project ("focus on our core business", "core team").
_CORE_OTHER = re.compile(
    r"\bfocus (?:on|our \w+ on) (?:our |the )?core \w+|\bcore (?:team|hours|values)\b"
)

_NON_IT_EXPLICIT = _c(
    r"\bnon-?(?:it|tech)\b|\bnot an? (?:tech|it|software) (?:company|firm|business)\b"
    r"|\bnot in (?:the )?(?:tech|it|software) (?:business|industry)\b"
)
_TECH = _c(
    r"\b(?:[a-z]+[ -])?(?:start-?ups?|scale-?ups?|saas)\b|\bfintech\b|\bsoftware (?:company|firm"
    r"|house|business|product company)\b|\btech(?:nology)? (?:company|co|firm|business)\b"
)
_IT_COMPANY = re.compile(r"\bIT (?:company|firm|business|consultancy|services company)\b")
_NON_IT = _c(
    r"\b(?:bank(?:s|ing)?|insurer|insurance|retailer|retail|hospital|clinic|healthcare"
    r"|health care|manufacturer|manufacturing|factory|logistics|shipping company|airline"
    r"|hotel|restaurant|law firm|government|ministry|municipality|university|school|charity"
    r"|non-?profit|ngo|utility|energy company|pharma(?:ceutical)?s?|construction|real estate"
    r"|supermarket|grocer)\b"
)

_BUDGET: _Rules = (
    (_c(r"\bbudget (?:is not|isn't|will not be|won't be) (?:very |that |so |too )?(?:high|big"
        r"|large|generous|huge)\b|\b(?:money|cash|funding) is (?:tight|limited|short)\b"), "low"),
    (_c(r"\b(?:don't|do not|doesn't|does not) have (?:the |a |much |enough )?(?:budget|money)"
        r"|\bno budget\b|\bnot much (?:budget|money)\b"), "low"),
    (_c(r"\b(?:tight|limited|small|low|modest|tiny|constrained|restricted|lean|shoestring) budget"
        r"|\bbudget (?:is |will be |remains )?(?:tight|limited|small|low|constrained)\b"
        r"|\bon a budget\b|\bcash-strapped\b|\bas cheap as possible\b|\bcut(?:ting)? costs?\b"),
     "low"),
    (_c(r"\b(?:moderate|medium|reasonable|average|normal|mid-sized|mid) budget\b"
        r"|\bbudget (?:is |will be |remains )?(?:moderate|medium|reasonable|average|normal|ok|"
        r"okay|mid|middling|so-so)\b"), "medium"),
    (_c(r"\b(?:big|large|generous|healthy|huge|high|ample|substantial|decent) budget\b"
        r"|\bwell[- ]?funded\b|\bdeep pockets\b"
        r"|\b(?:plenty|lots|a lot|loads) of (?:money|budget|funding|cash)\b"
        r"|(?<!front )\b(?:budget|money|cost) (?:is not|isn't) (?:an? |the )?"
        r"(?:issue|problem|concern)\b"
        r"|\bhave the budget\b|\bbudget (?:is |will be |remains )?(?:high|big|large|generous"
        r"|healthy|huge|ample|substantial|decent)\b"), "high"),
)  # fmt: skip

_CONTROL: _Rules = (
    (_c(r"\b(?:happy|fine|ok|okay|willing|glad) to (?:give up|hand over|cede) (?:\w+ )?control\b"),
     "low"),
    (_c(r"\b(?:don't|do not|can't|cannot|won't|not) (?:want to |afford to )?(?:give up|lose)"
        r" (?:\w+ )?control\b|\bwithout (?:giving up|losing) (?:\w+ )?control\b"), "high"),
    (_c(r"\b(?:don't|do not|doesn't|does not) (?:really |much |particularly )?care (?:\w+ ){0,2}?"
        r"about (?:\w+ ){0,2}?control\b|\bcontrol (?:\w+ ){0,3}?(?:is not|isn't|doesn't|does not) "
        r"(?:\w+ ){0,2}?"
        r"(?:matter|a priority|important|an issue|a concern)\b|\bnot (?:too |that |very |really )?"
        r"(?:worried|bothered|concerned|fussed) about (?:\w+ ){0,2}?control\b"), "low"),
    (_c(r"\bhands-? ?off\b|\b(?:don't|do not|doesn't|does not|won't|not) (?:want|need|wish|plan)"
        r" (?:to be )?(?:\w+ ){0,2}(?:involved|control)\b|\bnot (?:be )?involved\b"
        r"|\bleave (?:it|everything|the details) to (?:the |a )?(?:vendor|provider|partner)\b"
        r"|\b(?:little|low|minimal) control\b|\bturnkey\b"), "low"),
    (_c(r"\b(?:some|moderate|medium) control\b"), "medium"),
    (_c(r"\bcontrol (?:really )?(?:matters|is (?:\w+ )?(?:important|key|critical|crucial|"
        r"essential|a priority|non-negotiable))\b|\bcare (?:a lot |most |deeply )?about control\b"
        r"|\b(?:tight|full|close|strict|total|complete|high|direct|maximum) control\b"
        r"|\b(?:need|want|keep|retain|maintain) (?:\w+ ){0,3}control\b|\bcontrol over\b"
        r"|\bhands-on\b|\bown the (?:code|ip)\b"), "high"),
)  # fmt: skip

_UPFRONT = r"up-? ?front"
_UPFRONT_RULES: _Rules = (
    (_c(r"\b(?:can't|cannot|can not|unable to|not able to|won't|not willing to|unwilling to"
        r"|reluctant to|don't want to|do not want to) (?:\w+ ){0,3}?invest\w*\b"), "low"),
    (_c(r"\b(?:can't|cannot|can not|unable to|not able to|won't|don't|do not) (?:[\w$]+ ){0,5}?"
        rf"{_UPFRONT}|\b(?:no|little|limited|low|small|minimal) (?:\w+ )?{_UPFRONT}\b"
        rf"|\bwithout (?:an? |any |much |big |large )*{_UPFRONT}\b"), "low"),
    (_c(r"\b(?:can|could|able to|happy to|willing to|prepared to|ready to) (?:put|spend|invest"
        rf"|commit|pay|afford) (?:[\w$]+ ){{0,4}}?{_UPFRONT}\b"
        rf"|\b{_UPFRONT} (?:\w+ ){{0,2}}(?:is not|isn't) (?:an? |the )?"
        r"(?:issue|problem|concern)\b"),
     "high"),
    (_c(r"\b(?:willing|ready|happy|able|prepared|plan|planning|can afford) to invest\b"
        r"|\bcan invest\b|\b(?:big|large|significant|substantial|considerable) "
        rf"{_UPFRONT} (?:investment|budget|capital)\b"), "high"),
)  # fmt: skip

_SETTLED = r"(?:fixed|stable|frozen|well-? ?defined|clear|locked|settled|final|set in stone)"
_CHANGE: _Rules = (
    (_c(r"\b(?:requirements|scope|specs?|specifications) (?:are |is |will )?(?:not|aren't|isn't"
        rf"|won't be|never) (?:\w+ ){{0,2}}?{_SETTLED}\b"), "high"),
    (_c(r"\b(?:fixed|clear|clearly defined|well-? ?defined|frozen|stable|locked) (?:scope"
        r"|requirements|specs?|specifications?)\b|\b(?:scope|requirements|specs?|specifications)"
        rf" (?:is |are |will be )?(?:\w+ ){{0,2}}?{_SETTLED}\b|\b(?:won't|will not"
        r"|unlikely to|rarely|seldom|shouldn't|should not) change\b|\bfew changes\b"), "low"),
    (_c(r"\b(?:some|occasional|moderate) changes\b"), "medium"),
    (_c(r"\b(?:requirements?|scope|specs?|priorities) (?:\w+ ){0,2}(?:change|changes|changing"
        r"|shift|shifts|evolve|evolves|evolving)\b|\bchang(?:e|es|ing) (?:often|frequently|a lot"
        r"|constantly|all the time|quickly|rapidly|fast)\b|\b(?:changing|shifting|unclear"
        r"|fluid|volatile) (?:requirements|scope|priorities)\b|\bevolving\b|\biterat\w+\b"
        r"|\bfrequent (?:changes|updates|releases)\b|\blots of changes\b|\bfast-? ?moving\b"
        r"|\bin flux\b"), "high"),
)  # fmt: skip

_TALENT: _Rules = (
    (_c(r"\b(?:talent|skills|developers|engineers) (?:is |are )?not scarce\b|\bno shortage\b"
        r"|\bnot (?:hard|difficult) to (?:hire|find|recruit)\b"), "available"),
    (_c(r"\b(?:can't|cannot|can not|unable to|struggl\w* to|hard to|difficult to|impossible to)"
        r" (?:\w+ ){0,2}?(?:hire\b|recruit\b|find (?:\w+ ){0,2}?(?:developers|engineers|talent"
        r"|people|staff|skills|devs|programmers|candidates)\b)|\btalent shortage\b"
        r"|\bshortage of\b|\bscarce\b"
        r"|\bscarcity\b|\black of (?:local )?(?:talent|developers|engineers|skills)\b"
        r"|\bhiring is (?:hard|difficult|slow|a problem)\b|\bnot (?:readily )?available "
        r"locally\b"), "scarce"),
    (_c(r"\b(?:can|could|able to) (?:easily )?(?:hire|recruit|find) (?:\w+ ){0,2}locally\b"
        r"|\beasy to (?:hire|find|recruit)\b|\bplenty of (?:local )?(?:developers|engineers"
        r"|talent|candidates)\b|\b(?:local )?talent is (?:readily )?available\b"), "available"),
)  # fmt: skip


def parse_scenario_text(text: str) -> tuple[Scenario | None, tuple[str, ...]]:
    """Read scenario fields from free text, e.g. "we're a bank with a 6-month app, not core".

    ``key=value`` pairs naming a scenario field ("duration=18m core=no company=non-it") are read
    first, exactly as ``/sourcing evaluate`` reads them (same keys, values and limits); the
    rest of the text is read with deterministic keyword and regex rules, and a pair wins over a
    phrase about the same field. A field is set only when the text says something about it.
    The first duration mentioned wins ("more than a year" reads as 13 months, "less than a
    year" as 11; in a range "6-12 months" the upper end is read).

    Args:
        text: The message as written.

    Returns:
        The scenario with only the fields read set, and those field names in field order;
        ``(None, ())`` when no field could be read.

    Raises:
        InputError: A ``key=value`` pair names a field with a value it does not allow, or a
            field twice, or the only project length stated is out of range; the message is
            the one ``/sourcing evaluate`` gives.
    """
    original, pairs = extract_pairs(_normalise(text, lower=False))
    lowered = original.lower()
    found: dict[str, object] = {}
    duration = _duration(lowered)
    if duration is not None:
        found["duration_months"] = duration
    core = _first(_CORE, _CORE_OTHER.sub(" ", lowered))
    if core is not None:
        found["core"] = core
    company = _company(lowered, original=original)
    if company is not None:
        found["company"] = company
    for field, rules in (
        ("budget", _BUDGET),
        ("control", _CONTROL),
        ("upfront_investment", _UPFRONT_RULES),
        ("change_rate", _CHANGE),
        ("local_talent", _TALENT),
    ):
        value = _first(rules, lowered)
        if value is not None:
            found[field] = value
    if pairs:
        given = parse_scenario_values(pairs)
        found.update({f: getattr(given, f) for f in given.model_fields_set})
    if not found:
        return None, ()
    fields = tuple(f for f in SCENARIO_FIELDS if f in found)
    return Scenario.model_validate(found), fields


def _normalise(text: str, *, lower: bool = True) -> str:
    text = text.translate(_TYPOGRAPHIC)
    text = re.sub(r"\s+", " ", text.replace("—", " - "))
    return text.lower() if lower else text


def _first(rules: _Rules, text: str) -> object | None:
    for pattern, value in rules:
        if pattern.search(text):
            return value
    return None


def _company(text: str, *, original: str) -> str | None:
    if _NON_IT_EXPLICIT.search(text):
        return "non_it"
    hits = [(m.start(), 0) for m in _TECH.finditer(text)]
    hits += [(m.start(), 0) for m in _IT_COMPANY.finditer(original)]
    hits += [(m.start(), 1) for m in _NON_IT.finditer(text)]
    if not hits:
        return None
    # The earliest mention describes the speaker ("a bank working with a startup"); at the
    # same position a tech phrase wins ("healthcare startup").
    return "tech" if min(hits)[1] == 0 else "non_it"


def _duration(text: str) -> int | None:
    """The project's length in months; a message whose only project length is out of range
    (a 310-digit number of years) gets the range message the slash command gives."""
    compact = _COMPACT.search(text)  # "1y6m", as /sourcing evaluate takes it
    if compact is not None:
        total = int(compact["y"]) * 12 + int(compact["m"])
        if MIN_MONTHS <= total <= MAX_MONTHS:
            return total
    unit = _UNIT_PROJECT.search(text)
    if unit is not None:
        total = int(unit["n"]) * (12 if unit["u"] == "y" else 1)
        if MIN_MONTHS <= total <= MAX_MONTHS:
            return total
    half = _HALF_YEAR.search(text)
    out_of_range = ""
    for match in _DURATION.finditer(text):
        if half is not None and half.start() <= match.start("num"):
            break
        if _NOT_PROJECT_BEFORE.search(text[: match.start("num")]):
            continue
        if _NOT_PROJECT_AFTER.match(text[match.end() :]):
            continue
        months = _months(match)
        if months is not None and MIN_MONTHS <= months <= MAX_MONTHS:
            return months
        out_of_range = out_of_range or match.group(0).strip()
    if half:
        return 6
    if out_of_range:
        limits = f"{MIN_MONTHS} to {MAX_MONTHS} months"
        msg = f'duration_months: "{shown(out_of_range)}" is outside {limits}'
        raise InputError(msg, field="duration_months")
    return None


def _months(match: re.Match[str]) -> int | None:
    """The match in months, or None when a number is far too large to be a project length."""
    number = _number(match["num"])
    extra = _number(match["num2"]) if match["num2"] else Fraction(0)
    if number is None or extra is None:
        return None
    size = number + (Fraction(1, 2) if match["half"] or match["half2"] else 0)
    unit = match["unit"] or ""
    years, months = Fraction(0), size
    if match["years"]:
        years, months = size, Fraction(0)
    elif unit.startswith("w"):
        months = size * 12 / 52
    total = months_from_units(years=years, months=months + extra)
    if unit.startswith("w") and size > 0:
        # "a two-week sprint" is a short project, not an out-of-range one: a length in weeks
        # is at least the shortest the scoring takes.
        total = max(total, MIN_MONTHS)
    mod = match["mod"]
    if mod:
        total += 1 if mod in _LONGER else -1
    elif match["sym"] in _STRICT:  # "<1 year" is 11 months, ">1 year" 13; "<=" and "≥" as given
        total += _STRICT[match["sym"]]
    return total


def _number(word: str) -> Fraction | None:
    return Fraction(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else amount(word)
