"""The deterministic composer: grounded, extractive answers with numbered citations (no LLM)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from bot.advisor import select
from bot.advisor.glossary import Definition, Glossary
from bot.advisor.intent import asking_sentences, asks_about_text, guessed_at
from bot.advisor.leads import (
    LEANS_BACK,
    Context,
    follows,
    join_sentences,
    kind_lead,
    rule_lead,
)
from bot.advisor.lexicon import CONCEPT_MARK, Lexicon
from bot.advisor.question import Question, asks_grid_place
from bot.advisor.replies import Declines, Replies
from bot.advisor.rules import RuleCondition
from bot.advisor.scenario_answer import (
    Citations,
    deciding_rule,
    factor_considerations,
    ground_note,
    grounds,
    moving_factors,
    referenced,
    standing,
)
from bot.advisor.select import (
    SIDED_KINDS,
    Candidate,
    Scored,
    candidates,
    grid_tables,
    question_weight,
    row_passage,
    score_candidates,
    supporting,
)
from bot.advisor.tables import (
    baseline_note,
    figures_statement,
    grid_statement,
    row_statement,
)
from bot.advisor.yes_no import (
    BASELINE_PHRASE,
    GIVES_BOTH,
    OPTION_OF,
    PARTICULAR,
    REPORTS_BELIEF,
    SETS_APART,
    YES_NO,
    PolarReader,
    asked_length,
    asks_same,
    claims_exclusive,
    claims_universal,
    reduces_claim,
    says_same_or_not,
    speaks_length,
)
from bot.models import (
    Answer,
    Evaluation,
    FiredRule,
    Passage,
    Route,
    Statement,
    TableRow,
)
from bot.scoring.labels import lower_first
from bot.text import drop_connective, split_sentences, words

# An explicit request for the advisor's pick ("what do you recommend?", "what should we do?").
_RECOMMEND = re.compile(
    r"\b(recommend\w*|what should (we|i) do|what would you (do|suggest|pick|choose)|"
    r"what do you (suggest|advise)|your (advice|pick|suggestion)|"
    r"what('s| is|s) the (play|move|call|plan|verdict)|what do we do)\b",
    re.IGNORECASE,
)

# A term in quotes: 'in-house', "offshoring", ‘insourcing’, “vendor”.
_QUOTED = re.compile(r"(^|[\s(])['‘\"“]([^'’\"”]{2,40})['’\"”](?=[\s,.?!:;)]|$)")
# A superlative a figures question asks for ("which is the cheapest?"): a sentence of the
# knowledge base that uses the same one gives the verdict the figures only imply.
_SUPERLATIVE = re.compile(
    r"\b(cheapest|costliest|priciest|most (?:expensive|affordable|cost-effective)|"
    r"least (?:expensive|costly)|lowest[- ]cost)\b",
    re.IGNORECASE,
)
# A question asking where to send the work ("which country is good for offshore outsourcing?",
# "an example of a good destination?") and a sentence naming such places ("Among those offshore
# outsourcing destinations, Vietnam is ...", "overseas locations like Vietnam").
_ASKS_PLACE = re.compile(
    r"\b(which|what|good|best|recommended|example of an?|any) ([\w-]+ ){0,3}?(country|countries|"
    r"destinations?|locations?|places?|regions?)\b|"
    r"\bwhere ((should|could|can|do) (we|i|you|companies) |to )"
    r"(offshore|outsource|send|build|hire|set up|go)\b",
    re.IGNORECASE,
)
_NAMES_PLACE = re.compile(
    r"\b(destinations?|(locations?|countries) (like|such as))\b", re.IGNORECASE
)
# A name after a sentence's first word ("..., Vietnam is ...").
_CAPITALISED_LATER = re.compile(r"(?<=\s)[A-Z][a-z]{2,}")
# A sentence announcing what the next one says ("..., however, they differ in nature.").
_ANNOUNCES = re.compile(
    r"\b(differ|vary)\s+(in\s+(nature|several ways|many ways|key ways|some ways|two ways)|"
    r"significantly|greatly)\s*[.!]?\s*$|\bas follows\s*[.:]?\s*$",
    re.IGNORECASE,
)
# "Which of the two approaches is the cheaper one?" asks for the cheapest of them.
_WHICH_CHEAPER = re.compile(
    r"\bwhich\b[^?.!]*\b(cheaper|less expensive|more affordable|lower[- ]cost)\b", re.IGNORECASE
)
# "What distinguishes X from Y?", "the difference between X and Y".
_ASKS_DIFFERENCE = re.compile(r"\b(differ\w*|diff|distinguish\w*|distinction)\b", re.IGNORECASE)

# A question asking how long a project may run ("how long should an outsourcing engagement
# run, max?", "is there a cut-off?"): a length it names is the plan it measures, not the one it
# asks which option suits.
_ASKS_DURATION = re.compile(
    r"\bhow long\b|\bhow many (?:months|years)\b|\bcut-?off\b|\b(?:max|maximum|longest) "
    r"(?:length|duration|term)\b",
    re.IGNORECASE,
)

# A question asking when an option is the wrong one ("when is offshoring a bad fit? what's the
# deal breaker"): the sentence saying so answers it, not the policy's condition for choosing it.
_ASKS_UNSUITED = re.compile(
    r"\b(?:bad|poor|wrong) (?:fit|match|choice)\b|\bdeal[- ]?breakers?\b|"
    r"\bnot (?:a )?(?:good )?(?:fit|suited|suitable)\b|\b(?:unsuitable|ill-suited)\b",
    re.IGNORECASE,
)

_SAYS_UNSUITED = re.compile(
    r"\bdeal[- ]?breakers?\b|\bnot (?:be )?(?:suitable|ideal|a good fit|the right fit)\b|"
    r"\bunsuitable\b",
    re.IGNORECASE,
)

# A question naming a table of the knowledge base ("in the model comparison table", "what
# does the chart say").
_NAMES_TABLE = re.compile(
    r"\b(?:the|that|this|their|its|comparison|definitions?) (?:table|chart|breakdown)\b",
    re.IGNORECASE,
)

_PER_OPTION = re.compile(
    r"\b(each|both|every) (one|option|model|approach|setup|set-up|strategy|of them|"
    r"of the (two|three|options|models))\b|"
    r"\bfor (each|both|all three|all 3)\b|\b(list|attribute|attributes)\b.*\b(each|both)\b|"
    r"\bper (option|model)\b",
    re.IGNORECASE,
)
"""A question asking something of every option in turn ("benefits of each model")."""
_BASELINE = re.compile(r"\b(?:than|compared (?:to|with)|relative to|unlike)\b", re.IGNORECASE)
"""Where a question names what it measures against: "higher than the offshore one"."""
_DENIED = re.compile(
    r"\b(not|never|rather than|instead of)\s+((a|an|the|some|any)\s+)?[\w-]+", re.IGNORECASE
)
"""What a set-up is said not to be: "not a vendor", "instead of an agency"."""
_SPARED_FROM = re.compile(
    r"\bwithout\b[^.;:–—]*?\b(?:associated with|typical of|that come with|of)\b[^,.;:–—]*",
    re.IGNORECASE,
)
"""What a sentence says one option spares you of another's: "without the communication delays
often associated with external partnerships"."""
_RULED_OUT = re.compile(
    r"\b(?:without|not|never|rather than|instead of|other than)\b[^,.;:?!]*", re.IGNORECASE
)
"""What a question rules out, to the end of its clause: "without going fully in-house"."""
# The two things a set-up is placed by in the strategy grid: who does the work and where.
_WHO = frozenset({"outsource", "inhouse"})
_WHERE = frozenset({"onshore", "offshore"})
TABLE_MATCH = 0.5
"""A table row joins the candidates when it holds this weighted share of the question."""
MAX_TABLE_ROWS = 3
"""At most this many rows join the candidates that way."""


class DeterministicComposer(Declines):
    """Writes answers only from retrieved passages and the scoring tool's output."""

    def __init__(
        self,
        *,
        document_titles: Mapping[str, str],
        lexicon: Lexicon,
        tables: Mapping[str, TableRow],
        replies: Replies | None = None,
        conditions: Sequence[RuleCondition] = (),
        preceding: Mapping[str, str] | None = None,
        intros: Mapping[str, Passage] | None = None,
        glossary: Glossary | None = None,
        quoted: Mapping[str, Passage] | None = None,
    ) -> None:
        """Compose from the knowledge base's titles, lexicon and tables; ``conditions`` are the
        policy's conditional rules (``bot.advisor.rules.rule_conditions``); ``preceding`` maps
        the id of a paragraph that opens leaning on the one before it ("It can be a deal
        breaker ...") to that paragraph's last sentence (``preceding_sentences``); ``intros``
        maps a table row's id to the sentence introducing its table (``table_intros``);
        ``glossary`` holds the knowledge base's definitions of its terms (``Glossary.build``);
        ``quoted`` maps each conditional rule's quote to the passage holding it
        (``rule_passages``)."""
        super().__init__(replies or Replies())
        self._titles = dict(document_titles)
        self._lexicon = lexicon
        self._tables = tables
        # Table rows are looked up by concept as well as retrieved: a figure or a grid answers
        # its question even when the row ranks low among prose passages.
        self._row_concepts = {
            cid: lexicon.concepts(f"{row.section} {row_statement(row)}")
            for cid, row in tables.items()
        }
        self._grid_tables = grid_tables(tables)
        self._polar = PolarReader(lexicon, conditions)
        self._context = Context(tables=tables, lexicon=lexicon, preceding=preceding or {})
        # A grid opens with the sentence introducing it, unless that speaks of the text itself
        # ("Here is our breakdown ...:").
        self._intros = {
            cid: intro
            for cid, intro in (intros or {}).items()
            if not lexicon.is_transition(intro.text)
        }
        self._grids = frozenset(self._grid_tables)
        self._grid_rows = [tables[cid] for cid in self._grid_tables]
        self._glossary = glossary or Glossary((), {})
        self._quoted = dict(quoted or {})
        self._postings: dict[str, list[str]] = {}
        for cid, found in self._row_concepts.items():
            for token in found:
                self._postings.setdefault(token, []).append(cid)

    def _table_rows_for(self, question: Question, best_score: float = 0.0) -> list[Passage]:
        """Rows that hold at least ``TABLE_MATCH`` of the question's concepts, best first; each
        scored as retrieval would have ranked it: its share of the question times
        ``best_score`` (the best retrieved passage's score)."""
        total = question_weight(question.concepts, self._lexicon) or 1.0
        reached = {cid for t in question.concepts for cid in self._postings.get(t, ())}
        scored = []
        for cid in reached:
            shared = question.concepts & self._row_concepts[cid]
            share = sum(self._lexicon.weight(t) for t in shared) / total
            if share >= TABLE_MATCH:
                scored.append((-share, cid))
        return [
            row_passage(self._tables[cid], score=-negative * best_score)
            for negative, cid in sorted(scored)[:MAX_TABLE_ROWS]
        ]

    # --- answers from the knowledge base -------------------------------------------------

    def knowledge(
        self,
        question: Question,
        passages: Sequence[Passage],
        *,
        parts: Sequence[tuple[Question, Sequence[Passage]]] = (),
    ) -> Answer:
        """Answer from passages: the sentence that best answers first, then 2-4 supports. Each
        further part of a multi-part message adds its own answer to the first paragraph."""
        cites = Citations(self._titles)
        direct, considerations = self._extract(question, passages, cites)
        for part, part_passages in parts:
            more, support = self._extract(part, part_passages, cites)
            # A sentence the first paragraph already says is not said again.
            new = [t for t in split_sentences(more.text) if t.lower() not in direct.text.lower()]
            if new:
                direct = Statement(
                    text=join_sentences([direct.text, " ".join(new)]),
                    citations=tuple(dict.fromkeys((*direct.citations, *more.citations))),
                )
            considerations += [s for s in support if s.text not in direct.text]
        items = cites.items
        if parts:
            unique = list({s.text: s for s in considerations}.values())
            kept = unique[: select.WEIGHTS.max_considerations + 1]
            direct, considerations, items = referenced(direct, kept, cites.items)
        return Answer(
            route="knowledge",
            kind=question.intent.kind,
            direct=direct,
            considerations=tuple(considerations),
            citations=tuple(items),
        )

    def _conditions_on(self, question: Question) -> list[RuleCondition]:
        """For a question asking when one named option fits ("when is in-house the right
        call?"), the policy's conditions on it, in policy order (they say when it fits); []
        for other questions, and for one asking which option to pick ("which option helps if
        we can't hire locally?")."""
        if (
            question.intent.kind != "when"
            or len(self._polar.options(question.text)) != 1
            or re.search(r"\bwhich\b", question.text, re.IGNORECASE)
        ):
            return []
        return self._polar.rules_on(question)

    def _about(self, cand: Candidate) -> set[str]:
        """The options a candidate is about: a sentence, the one option its own section's title
        names ("Why You Should Choose Outsourcing"), else the option it names first (for one
        leaning back on its paragraph, "Therefore, it ...", the option the paragraph names
        first); a table row, the options its columns name."""
        if cand.row is not None:
            return {o for header, _ in cand.row.cells for o in self._polar.options(header)}
        titled = self._titled(cand)
        if len(titled) == 1:
            return titled
        named = self._polar.sides(BASELINE_PHRASE.sub(" ", cand.text))
        if not named and LEANS_BACK.search(cand.text):
            # "Therefore, it is the preferred option for short-term tech projects" is about the
            # option its paragraph named first ("In terms of cost, outsourcing emerges ...").
            named = next(
                (
                    sides
                    for before in candidates([cand.passage], self._tables)
                    if before.index < cand.index
                    and (sides := self._polar.sides(BASELINE_PHRASE.sub(" ", before.text)))
                ),
                [],
            )
        return {OPTION_OF[named[0]]} if named else set()

    def _reduced_lead(self, question: Question, ranked: Sequence[Scored], lead: Scored) -> Scored:
        """For a claim that one thing is merely another: "Isn't the whole saving just the wage
        gap?" is the belief the article reports ("Businesses often think it's only about the
        cost gap ...") and then judges; "isn't a dedicated offshore team basically just
        outsourcing with extra steps?" is answered by what sets the two apart, naming both ("it
        remains an integral part of the company ... compared to traditional outsourcing")."""
        asked = self._polar.options(question.text)
        if (
            len(asked) > 1
            and self._polar.reduces_to_option(question)
            and (apart := self._setting_apart(ranked, lead, asked)) is not None
        ):
            return apart
        return _saying(ranked, lead, REPORTS_BELIEF)

    def _setting_apart(
        self, ranked: Sequence[Scored], lead: Scored, asked: set[str]
    ) -> Scored | None:
        """The lead when it sets the options asked about apart while naming them all, else the
        best sentence that does (``SETS_APART``) and scores at least ``belief_lead_share`` of
        the lead; None when none does."""

        def apart(s: Scored) -> bool:
            text = s.candidate.text
            return (
                s.candidate.row is None
                and SETS_APART.search(text) is not None
                and asked <= self._polar.options(text)
            )

        if apart(lead):
            return lead
        return _first_above(ranked, select.WEIGHTS.belief_lead_share * lead.score, apart)

    def _titled(self, cand: Candidate) -> set[str]:
        """The options the title of a candidate's own section names."""
        return self._polar.options(_own_title(cand))

    def _home(self, cand: Candidate) -> set[str]:
        """For a sentence of a section on why to choose an option ("Why You Still Go With
        Onshore In-house ..."), the options its title names; else none."""
        if cand.row is not None or not _own_title(cand).lower().startswith("why"):
            return set()
        return self._titled(cand)

    def _other_side(
        self, question: Question, ranked: Sequence[Scored], lead: Scored
    ) -> Candidate | None:
        """For a question naming two options, when the opening sentence is about one: the best
        sentence about the other, if it scores at least ``other_side_share`` of the opening."""
        asked = self._polar.options(question.text)
        about = self._about(lead.candidate)
        if len(asked) != 2 or len(about) != 1 or not about < asked:
            return None
        other = asked - about
        # A lead saying how long a project the option suits is paired with the other's length.
        length = speaks_length(lead.candidate.text)

        def of_other(s: Scored) -> bool:
            cand = s.candidate
            return (
                cand.row is None
                and cand.quote != lead.candidate.quote
                and self._about(cand) == other
                and (not length or speaks_length(cand.text) not in ("", length))
            )

        found = _first_above(ranked, select.WEIGHTS.other_side_share * lead.score, of_other)
        return found.candidate if found else None

    def _covering(
        self, question: Question, ranked: Sequence[Scored], lead: Scored
    ) -> Candidate | None:
        """The best sentence holding a synonym group the question names (one of its concept
        tokens) that the opening sentence does not, if it scores at least ``cover_share`` of
        it; else None."""
        held = self._lexicon.concepts(lead.candidate.text)
        unheld = question.concepts - held - self._lexicon.options
        wanted = {c for c in unheld if c.startswith(CONCEPT_MARK)}
        if not wanted:
            return None
        found = _first_above(
            ranked,
            select.WEIGHTS.cover_share * lead.score,
            lambda s: (
                s.candidate.row is None
                and s.candidate.quote != lead.candidate.quote
                and bool(self._lexicon.concepts(s.candidate.text) & wanted)
            ),
        )
        return found.candidate if found else None

    def _said_of_asked(
        self, question: Question, ranked: Sequence[Scored], lead: Scored
    ) -> Candidate | None:
        """For the risks or benefits of one option opened by a table row ("HR is a problem;
        Need time to build"): the best sentence about that option ("... building a dedicated
        offshore tech team requires a considerable upfront investment ..."), if it scores at
        least ``other_side_share`` of the row; else None."""
        asked = self._polar.options(question.text)
        if len(asked) != 1:
            return None
        found = _first_above(
            ranked,
            select.WEIGHTS.other_side_share * lead.score,
            lambda s: s.candidate.row is None and self._about(s.candidate) == asked,
        )
        return found.candidate if found else None

    def _about_asked(self, question: Question, ranked: list[Scored]) -> list[Scored]:
        """For a question on the benefits, risks or reasons of one option ("what are the risks of
        offshoring?"): candidates about another option lose ``off_side_penalty``. A sentence is
        about the one option its own section's title names ("Why You Should Choose Outsourcing"),
        else about the option it names first; a table row about the options its columns name."""
        if question.intent.kind == "when" and not question.intent.polar:
            return self._when_home(question, ranked)
        if question.intent.kind not in SIDED_KINDS:
            return ranked
        # the options the sentences that ask name ("reasons to stay inhouse only? cofounder not
        # convinced for offshore" asks about in-house)
        asked = self._polar.options(" ".join(asking_sentences(question.text)))
        if question.intent.kind != "reason" and (len(asked) > 1 or _EACH.search(question.text)):
            # "benefits of a vendor vs benefits of our own team abroad?", "what does each one
            # claim?": a table row setting the options side by side answers it, as a row
            # answers a comparison (no ``table_penalty``).
            back = select.WEIGHTS.table_penalty
            return _rescored(
                ranked,
                lambda s: (
                    back
                    if s.candidate.row is not None and len(self._about(s.candidate)) > 1
                    else 0.0
                ),
            )
        if len(asked) != 1:
            return ranked

        def bonus(item: Scored) -> float:
            cand = item.candidate
            about = self._about(cand)
            # a sentence naming the option only as what it measures against ("... compared to
            # hiring in-house tech talent") is about something else
            measured = (
                question.intent.kind == "benefits"
                and not about
                and cand.row is None
                and self._polar.options(cand.text) & asked
            )
            off = (about and not about & asked) or measured
            if off and question.intent.kind == "risks" and cand.row is None:
                # "... without the communication delays often associated with external
                # partnerships" names a drawback of the option it sets the other against.
                spared = _SPARED_FROM.search(cand.text)
                off = not (spared and self._polar.options(spared.group()) & asked)
            penalty = select.WEIGHTS.off_side_penalty if off else 0.0
            if question.intent.kind == "benefits" and self._home(cand) == asked:
                # A sentence of the section on that option ("Why You Still Go With Onshore
                # In-house ...") is about it whether or not it names it again.
                penalty -= select.WEIGHTS.home_bonus
            return -penalty

        return _rescored(ranked, bonus)

    def _when_home(self, question: Question, ranked: list[Scored]) -> list[Scored]:
        """For "who is it a good fit for?" about one option (named, or carried from the thread):
        a sentence of the section on why to choose that option saying whom it suits ("Thus, it
        is a viable strategy for businesses that have the budget ...") gains ``home_bonus``
        over a general one ("what works for others may not be suitable for you")."""
        # not an option it rules out: "which setup ... without going fully in-house?"
        asked = self._polar.options(_RULED_OUT.sub(" ", question.search_text))
        if len(asked) != 1:
            return ranked
        return _rescored(
            ranked,
            lambda s: (
                select.WEIGHTS.home_bonus
                if self._home(s.candidate) == asked
                and select.gives_kind(s.candidate.text, "when", self._lexicon)
                else 0.0
            ),
        )

    def _defined(self, question: Question) -> list[Definition]:
        """For a "what is X?" question, the knowledge base's definitions of X: the one term the
        sentence that asks names ("... 'offshore insourcing' ... What is insourcing supposed to
        mean?" asks about insourcing), else the one term the whole message names; for a term
        made of two defined ones ("offshore insourcing?"), one definition of each
        (``Glossary.compound``)."""
        if question.intent.kind != "definition" or question.intent.polar:
            # "does that matter for choosing a vendor vs our own team?" asks yes or no, not
            # what insourcing is
            return []
        # "what's insourcing? is that the same as onshoring?" asks about insourcing
        sentence = guessed_at(question.text) or asking_sentences(question.text)[-1]
        glossary, lexicon = self._glossary, self._lexicon
        # Several terms are defined together only for "what is the difference between ...?"
        # ("are they the same thing?", a yes/no, is answered by "... two distinct concepts").
        several = bool(_ASKS_DIFFERENCE.search(question.text))
        # A term in quotes is the one asked about ("When the article says 'in-house', does it
        # mean onshore insourcing ...?").
        quoted = " ".join(m.group(2) for m in _QUOTED.finditer(question.text))
        # A term the knowledge base names ("..., commonly known as the 'in-house' approach")
        # is defined by that sentence, not by a synonym's ("Insourcing involves ...").
        name = quoted or glossary.named_in(sentence)
        return (
            (glossary.defining(lexicon.question_concepts(quoted), name=quoted) if quoted else [])
            or glossary.defining(lexicon.question_concepts(sentence), several=several, name=name)
            or glossary.compound(sentence, lexicon)
            or glossary.defining(question.concepts, several=several)
            or glossary.compound(question.text, lexicon)
        )

    def _extra(
        self,
        question: Question,
        passages: Sequence[Passage],
        defined: Sequence[Definition],
        conditions: Sequence[RuleCondition],
    ) -> list[Passage]:
        """Candidates retrieval did not return: table rows that match the question, the
        passages defining the term a "what is X?" asks about (``defined``), the passage quoting
        a policy rule the facts of a yes/no question meet, and the passages quoting the
        policy's ``conditions`` on the option a "when" question asks about."""
        ids = {p.id for p in passages}
        best = max((p.score for p in passages), default=0.0)
        extra = [p for p in self._table_rows_for(question, best) if p.id not in ids]
        if not question.intent.polar and _PER_OPTION.search(question.text):
            # "What benefits does each approach get you?": the row named for what it asks.
            seen = ids | {p.id for p in extra}
            extra += [
                row_passage(row, score=best)
                for cid, row in self._tables.items()
                if cid not in seen and row.label and self._names_aspect(row.label, question)
            ]
        if self._asks_category(question):  # the grid places a set-up wherever it ranks
            seen = ids | {p.id for p in extra}
            extra += [row_passage(r, score=best) for r in self._grid_rows if r.chunk_id not in seen]
        for definition in defined:  # a term's definition answers "what is X?" wherever it ranks
            if definition.chunk_id not in ids | {p.id for p in extra}:
                extra.append(self._glossary.passage(definition, best))
        # A rule the question's facts meet (or stated and not met) answers its yes/no ("a
        # dedicated offshore team for a 3-month prototype?" meets "... typically exceeding one
        # year") wherever it ranks.
        rules = list(conditions)  # "when should we build a team abroad?"
        if question.intent.polar and (rule := self._polar.stated_rule(question)) is not None:
            rules.append(rule)
        elif not question.intent.polar:  # "a 6-month build: a vendor or our own team abroad?"
            rules += self._polar.stated_rules(question)
        for rule in rules:
            passage = self._quoted.get(rule.quote)
            if passage is not None and passage.id not in ids | {p.id for p in extra}:
                extra.append(passage.model_copy(update={"score": best}))
        return extra

    def _lead(
        self,
        question: Question,
        ranked: Sequence[Scored],
        defined: Sequence[Definition],
        conditions: Sequence[RuleCondition],
    ) -> Scored:
        """The candidate that opens the answer: the one the kind of question calls for
        (``kind_lead``), a policy condition on the option a "when" question asks about, a
        definition of the term asked about, a policy rule that decides a yes/no question
        (``rule_lead``), else the best."""
        lead = kind_lead(question, ranked, self._lexicon) or ranked[0]
        if self._asks_category(question):
            return next((s for s in ranked if s.candidate.row in self._grid_rows), lead)
        if not question.intent.polar and _ASKS_PLACE.search(asking_sentences(question.text)[-1]):
            # "Which country ...?" is answered by a sentence naming one, not by the table row
            # on where each option's people are.
            lead = next(
                (
                    s
                    for s in ranked
                    if s.candidate.row is None
                    and _NAMES_PLACE.search(s.candidate.text)
                    and _CAPITALISED_LATER.search(s.candidate.text)
                ),
                lead,
            )
        lead = _table_lead(question, ranked, self._length_lead(question, ranked, lead))
        if not question.intent.polar and _PER_OPTION.search(question.text):
            # "Benefits of each model?" is answered option by option by the table row named
            # for what is asked ("Benefits — Outsourcing ...: Cost Saving; ...").
            lead = next(
                (
                    s
                    for s in ranked
                    if s.score >= select.WEIGHTS.per_option_share * lead.score
                    and s.candidate.row is not None
                    and s.candidate.row.label
                    and self._names_aspect(s.candidate.row.label, question)
                ),
                lead,
            )
        if (
            lead.candidate.row is None
            and not question.intent.polar
            and question.intent.kind in ("figures", "comparison")
            and (verdict := _superlative(question, ranked)) is not None
        ):
            # "Which of the two is cheaper?" is answered by the article's "cheapest" sentence.
            lead = next(s for s in ranked if s.candidate is verdict)
        if conditions:
            lead = self._condition_lead(question, ranked, lead, conditions)
        if defined and not any(_holds(lead.candidate, d) for d in defined):
            lead = next((s for s in ranked if any(_holds(s.candidate, d) for d in defined)), lead)
        if reduces_claim(question):
            lead = self._reduced_lead(question, ranked, lead)
        if question.intent.polar and asks_same(question):
            # "Is a dedicated offshore team the same as outsourcing?" is answered by what says
            # whether they are: a row setting the options' cells side by side, or a sentence
            # saying they are the same or distinct.
            lead = _answering_same(ranked, lead)
        for says in _to_be_said(question):
            lead = _saying(ranked, lead, says)
        if (
            question.intent.polar
            and lead.candidate.row is None
            and question.intent.kind != "definition"
        ):
            # "Aren't they the same thing? I've mixed them up for two years" asks what the
            # terms mean: no policy rule on a project's length decides it.
            lead = rule_lead(question, ranked, lead, self._polar)
        if question.intent.polar and lead is ranked[0] and self._prose_or_grid(lead):
            lead = self._row_lead(question, ranked, lead)
        return lead

    def _condition_lead(
        self,
        question: Question,
        ranked: Sequence[Scored],
        lead: Scored,
        conditions: Sequence[RuleCondition],
    ) -> Scored:
        """For "when ...?" on an option: the sentence quoting the policy's first condition on it
        that ranks ("... typically exceeding one year" before the upfront cost), unless the lead
        itself says whom the option suits and that sentence scores below ``rule_lead_share``
        of it ("This is especially enticing for companies that do not want to be involved too
        much with the technical side ..." for "what type of company is outsourcing attractive
        for, in terms of control?") or the question asks whom it does not suit ("It can be a
        deal breaker for those who only need simple manpower ..." for "when is offshoring a
        bad fit?"); else the lead."""
        quotes = [r.quote.lower() for r in conditions]
        ruled = next(
            (
                s
                for quote in quotes
                for s in ranked
                if s.candidate.row is None and quote in s.candidate.quote.lower()
            ),
            lead,
        )
        says_whom = lead.candidate.row is None and select.gives_kind(
            lead.candidate.text, "when", self._lexicon
        )
        if says_whom and (
            _ASKS_UNSUITED.search(question.text)
            or ruled.score < select.WEIGHTS.rule_lead_share * lead.score
        ):
            return lead
        return ruled

    def _length_lead(self, question: Question, ranked: Sequence[Scored], lead: Scored) -> Scored:
        """For "when ..." and "which ...?" questions on a project of some length ("a multi-year
        platform: which model?", "ok and if it drags past 12 months?"): the best sentence
        speaking of that length, when the lead does not and that sentence scores at least
        ``length_lead_share`` of it ("offshoring ... for important tech projects with longer
        ... timelines, typically exceeding one year" over "limit outsourcing to short-term
        tech projects"), or quotes a policy rule on the length it states; else the lead."""
        wanted = asked_length(question.text)
        if (
            not wanted
            or _ASKS_DURATION.search(question.text)
            or question.intent.polar
            or question.intent.kind not in ("when", "comparison", "other")
            or speaks_length(lead.candidate.text) == wanted
        ):
            return lead
        floor = select.WEIGHTS.length_lead_share * lead.score
        # A policy rule on the length the question states reads it wherever it ranks.
        rules = [r.quote.lower() for r in self._polar.stated_rules(question)]
        return next(
            (
                s
                for s in ranked
                if s.candidate.row is None
                and (s.score >= floor or any(q in s.candidate.quote.lower() for q in rules))
                and speaks_length(s.candidate.text) == wanted
            ),
            lead,
        )

    def _names_aspect(self, label: str, question: Question) -> bool:
        """Whether a row label names an aspect the question asks about ("Benefits" for "what
        benefits does each approach get you?"), not only an option ("Team members" for "each
        option: local team / agency / own offshore team")."""
        named = self._lexicon.question_concepts(label) - self._lexicon.options
        return bool(named & question.concepts)

    def _asks_category(self, question: Question) -> bool:
        """Whether a question asks where a set-up sits in the strategy grid ("which quadrant
        is an agency in our own country?", or another case put to such a thread question: see
        ``asks_grid_place``); a yes/no question ("does that count as offshoring?") is answered
        Yes or No instead."""
        return bool(self._grid_tables) and not question.intent.polar and asks_grid_place(question)

    def _placed(self, question: Question, grid: Sequence[TableRow]) -> TableRow | None:
        """For a question asking where a set-up sits in the grid, naming who does the work
        (a vendor, our own people) and where (at home, abroad): the grid cell naming both, as
        a one-cell row ("Onshore Outsource" for "an agency here in our own country"); None
        when the question names fewer, or is not such a question."""
        if not self._asks_category(question):
            return None
        # Any mention counts ("our own employees abroad" names in-house and abroad); naming
        # both of a pair ("a branch office ... abroad": office is at home) places nothing.
        # What the set-up is not ("our own people, not a vendor") names nothing about it.
        text = _DENIED.sub(" ", question.text)
        sides = set(self._polar.sides(text))
        named = sides | self._polar.mentions(text)
        # who the sides name first ("a software house": a vendor, though "house" is a word of
        # "in-house"); any mention when they name none ("our own employees abroad")
        who, where = (sides & _WHO) or (named & _WHO), named & _WHERE
        if len(who) != 1 or len(where) != 1:
            return None
        for row in grid:
            for header, cell in row.cells:
                if who | where <= set(self._polar.sides(cell)):
                    return row.model_copy(update={"cells": ((header, cell),)})
        return None

    def _introduced(self, cand: Candidate) -> TableRow | None:
        """The first row of the grid table a sentence introduces ("... can be grouped into 4
        different groups based on how you execute them and the location:"): such a sentence
        ends on a colon and says nothing without the table after it."""
        if cand.row is not None or not cand.text.rstrip().endswith(":"):
            return None
        return next(
            (
                self._tables[row_id]
                for row_id, intro in self._intros.items()
                if intro.id == cand.passage.id
                and intro.text == cand.text
                and row_id in self._grid_tables
            ),
            None,
        )

    def _prose_or_grid(self, lead: Scored) -> bool:
        """Whether a lead is a sentence or a row of a grid (the four strategies): "can
        outsourcing be done in our own country?" is answered by the option's own row, not by
        the grid's cell for it."""
        row = lead.candidate.row
        return row is None or row.chunk_id in self._grids

    def _row_lead(self, question: Question, ranked: Sequence[Scored], lead: Scored) -> Scored:
        """For a yes/no question on where an option's people are: a labelled table row scoring
        close to the best sentence (``row_lead_share``) whose cell for the option asked about
        answers it ("does outsourcing always mean another country?" by "Location —
        Outsourcing ...: Can within and outside home country"), else the lead."""
        if not self._polar.asked_where(question):
            return lead
        for item in ranked:
            if item.score < select.WEIGHTS.row_lead_share * lead.score:
                break
            row = item.candidate.row
            if row is not None and self._polar.where_answer(question, row):
                return item
        return lead

    def _prose_direct(
        self,
        question: Question,
        ranked: Sequence[Scored],
        lead: Scored,
        defined: Sequence[Definition],
    ) -> list[Candidate]:
        """The sentences of a first paragraph led by a sentence (or a row outside a grid): the
        lead (with the sentence it leans on), then at most one more: the other part's
        definition for a term of two defined terms, the runner-up when it scores close and
        reads on, or the best sentence about the other option a comparison names."""
        standalone = drop_connective(lead.candidate.text)
        if (
            (
                question.intent.kind == "when"
                or (question.intent.kind == "comparison" and speaks_length(standalone))
            )
            and not question.intent.polar
            and standalone != lead.candidate.text
            and not LEANS_BACK.search(standalone)  # "Thus, it is ...": "it" still leans back
            and select.gives_kind(standalone, "when", self._lexicon)
        ):
            # "Therefore, offshoring ... is typically preferred for ... exceeding one year"
            # says when by itself (and, to a comparison, how long a project each option
            # suits): the reasoning it concludes would push the answer down.
            direct_cands = [replace(lead.candidate, text=standalone)]
        else:
            direct_cands = [self._context.of(lead.candidate)]
        # A second sentence joins only the best one, not a lead chosen over it.
        runner = ranked[1] if len(ranked) > 1 and lead is ranked[0] else None
        if len({d.concepts for d in defined}) == 2:
            # "offshore insourcing?": each part's definition, in the order it is named.
            direct_cands = _definition_pair(ranked, defined) or direct_cands
        elif question.intent.kind == "reason" and (
            reasons := self._context.reasons(lead.candidate)
        ):
            # "why never outsource core IT?" is answered by the reasons "For such reasons, we
            # advise ..." sums up, then by that conclusion: one quote of the sentences in a row.
            text = " ".join(c.text for c in [*reasons, lead.candidate])
            direct_cands = [replace(lead.candidate, index=reasons[0].index, text=text, quote=text)]
        elif REPORTS_BELIEF.search(lead.candidate.text) and (
            verdict := self._context.after(lead.candidate)
        ):
            # "Businesses often think it's only about the cost gap ..." is half an answer: the
            # sentence after it says whether they are right.
            direct_cands.append(verdict)
        elif (
            not question.intent.polar
            and not select.gives_kind(lead.candidate.text, question.intent.kind, self._lexicon)
            and (then := self._context.after(lead.candidate)) is not None
            and LEANS_BACK.search(then.text)
            and select.gives_kind(then.text, question.intent.kind, self._lexicon)
        ):
            # "Outsourcing ... liberates businesses from ... project management" is followed
            # by what a "which kind of company ...?" asks: "This is especially enticing for
            # companies that ...", which leans on it.
            direct_cands.append(then)
        elif _ANNOUNCES.search(lead.candidate.text) and (
            told := self._context.after(lead.candidate)
        ):
            # "Both models offer great scalability; however, they differ in nature." says that
            # they differ; the sentence after it says how.
            direct_cands.append(told)
        elif (
            runner is not None
            and not question.intent.polar
            and runner.candidate.row is None
            and lead.candidate.row is None
            and runner.score >= select.WEIGHTS.second_share * lead.score
            and runner.match >= select.WEIGHTS.second_match * lead.match
            and runner.candidate.quote not in direct_cands[0].quote
            and follows(runner.candidate, lead.candidate)
        ):
            direct_cands.append(runner.candidate)
        elif (
            not question.intent.polar
            and lead.candidate.row is None
            and (other := self._other_side(question, ranked, lead)) is not None
        ):
            direct_cands.append(self._context.of(other))
        elif (
            question.intent.kind == "reason"
            and not question.intent.polar
            and lead.candidate.row is None
            and (cover := self._covering(question, ranked, lead)) is not None
        ):
            # "Why do people mix up outsourcing and offshoring?": "... used interchangeably due
            # to some similarities and overlap ..." then "This can lead to confusion, as ...".
            leaned = self._context.of(cover)
            direct_cands.append(cover if lead.candidate.text in leaned.text else leaned)
        elif (
            not question.intent.polar
            and lead.candidate.row is not None
            and question.intent.kind in ("risks", "benefits")
            and (said := self._said_of_asked(question, ranked, lead)) is not None
        ):
            direct_cands.append(said)
        # A second sentence that does not follow the first in the text loses the connective
        # that would lean on it ("In contrast, ..." after a sentence saying the same).
        return [
            c
            if i == 0
            or (
                c.passage.id == direct_cands[i - 1].passage.id
                and c.index == direct_cands[i - 1].index + 1
            )
            else replace(c, text=drop_connective(c.text))
            for i, c in enumerate(direct_cands)
        ]

    def _extract(
        self, question: Question, passages: Sequence[Passage], cites: Citations
    ) -> tuple[Statement, list[Statement]]:
        defined = self._defined(question)
        conditions = self._conditions_on(question)
        extra = self._extra(question, passages, defined, conditions)
        ranked = score_candidates(
            candidates([*passages, *extra], self._tables),
            concepts=question.concepts,
            intent=question.intent,
            lexicon=self._lexicon,
            grids=self._grids,
            about_text=asks_about_text(question.text),
        )
        if not ranked:
            return Statement(text=""), []
        ranked = _in_named_section(question, self._about_asked(question, ranked))
        if question.intent.kind != "example":
            # A case study ("V-key, a global leader in ... payment gateways, ...") answers only
            # a request for an example, however many words it shares ("payment platform",
            # "tl;dr" and its place in the conclusion): it neither opens nor supports another,
            # unless the question names what it is about ("Who is V-key?").
            asked = question.text.casefold()
            ranked = [
                s
                for s in ranked
                if s.candidate.row is not None
                or not select.gives_kind(s.candidate.text, "example", self._lexicon)
                or any(
                    name.casefold() in asked
                    for name in self._lexicon.proper_names(s.candidate.text)
                )
            ] or ranked
        lead = self._lead(question, ranked, defined, conditions)
        lead_row = lead.candidate.row or self._introduced(lead.candidate)
        grid = self._grid_tables.get(lead_row.chunk_id, []) if lead_row else []
        if lead_row is not None and grid:
            # The grid's rows as found, else all of them (a lead introducing the table).
            direct_cands = [c.candidate for c in ranked if c.candidate.row in grid] or candidates(
                [row_passage(r) for r in grid], self._tables
            )
            intro = self._intros.get(lead_row.chunk_id)
            text = grid_statement(lead_row.table, grid, intro=intro.text if intro else "")
            if placed := self._placed(question, grid):
                # "Which quadrant is an agency in our own country?": that cell, then the grid.
                text = join_sentences([grid_statement(lead_row.table, [placed]), text])
            if intro is not None:  # "... grouped into 4 groups based on ...: Onshore ..."
                direct_cands.insert(
                    0, Candidate(intro, lead.candidate.rank, 0, intro.text, intro.text)
                )
        else:
            direct_cands = self._prose_direct(question, ranked, lead, defined)
            text = join_sentences([c.text for c in direct_cands])
        row = lead.candidate.row
        figures = question.intent.kind == "figures"
        # A figures question answered by a table row gets its Yes or No from the figures.
        polar = question.intent.polar and not (figures and row is not None)
        if row is not None and not grid:
            text = self._row_text(question, row, text)
            text = self._verdict_first(question, ranked, text, direct_cands)
        before = self._context.preceding.get(lead.candidate.passage.id, "")
        context = f"{before} " if before and text.startswith(f"{before} ") else ""
        if polar and row is None and context:
            # The Yes or No is read from the passage's own sentences, not from the paragraph
            # before that they lean on ("It can be a deal breaker ...", not "... requires a
            # considerable upfront investment"); the sentence leaned on still comes first.
            answer = self._polar.opening(question, text[len(context) :]).partition(": ")[0]
            text = f"{answer}: {drop_connective(text)[:1].lower()}{drop_connective(text)[1:]}"
        elif polar and row is None:
            text = self._polar.opening(question, text)
        elif polar and row is not None and (answer := self._polar.row_answer(question, row)):
            # A row comparing options answers by the cell of the option asked about.
            text = f"{answer}: {text}"
        elif (
            question.intent.polar
            and row is not None
            and not YES_NO.match(text)
            and (
                answer := self._polar.figures_answer(question, row)
                or self._polar.stated_figures_answer(question, row)
            )
        ):
            # "is outsourcing cheaper than ...?", "an offshore team costs 20-60%, right?" by the
            # figures
            text = f"{answer}: {text}"
        else:
            text = drop_connective(text)  # "Conversely, offshoring ..." opens nothing
        direct = Statement(
            text=text, citations=tuple(dict.fromkeys(cites.add_candidate(c) for c in direct_cands))
        )
        return direct, self._considerations(ranked, direct_cands, cites)

    def _verdict_first(
        self,
        question: Question,
        ranked: Sequence[Scored],
        text: str,
        direct_cands: list[Candidate],
    ) -> str:
        """For "which is the cheapest?" answered by a row of figures: the sentence using the
        same superlative ("outsourcing emerges as the 'cheapest' option") before the figures
        that qualify it (and first among ``direct_cands``); "is outsourcing the cheapest?" gets
        that sentence's Yes, "is an offshore team the cheapest?" a No. ``text`` unchanged for
        other questions."""
        if question.intent.kind != "figures":
            return text
        verdict = _superlative(question, ranked)
        if verdict is None:
            return text
        direct_cands.insert(0, verdict)
        said = drop_connective(verdict.text)
        # The one option asked about against the option the sentence names first ("overseas
        # outsourcing service providers" is outsourcing still).
        asked, named = self._polar.options(question.text), self._polar.sides(said)
        if question.intent.polar and len(asked) == 1 and named and OPTION_OF[named[0]] not in asked:
            said = f"No: {lower_first(said)}"
        elif question.intent.polar:
            said = self._polar.opening(question, verdict.text)
        return join_sentences([said, text])

    def _row_text(self, question: Question, row: TableRow, text: str) -> str:
        """The first paragraph led by a row outside a grid, the row said as the question needs
        it: one option's cell for a question on that option's benefits, risks or reasons; a
        figures row as a sentence, baseline first (or with a note on what its percentages are
        shares of)."""
        figures = question.intent.kind == "figures"
        if (narrowed := self._asked_cells(question, row)) and row_statement(row) in text:
            # "the risks of offshoring?": the offshore team's cell, not every option's.
            return text.replace(row_statement(row), narrowed, 1)
        statement = self._figures_statement(question, row) if figures else ""
        if statement and row_statement(row) in text:
            # The baseline first, then the options the question asks about, in a sentence.
            text = text.replace(row_statement(row), statement.removesuffix("."), 1)
            return text if text.endswith((".", "!", "?")) else f"{text}."
        if figures and (note := baseline_note(row)):
            return join_sentences([text, note])  # what the percentages are shares of
        return text

    def _asked_cells(self, question: Question, row: TableRow) -> str:
        """For a question on the benefits, risks or reasons of one option answered by a row
        comparing options ("General Considerations"): the row as a statement of that option's
        cell alone, verbatim ("Model Comparison, General Considerations — Offshore Team
        (offshore insourcing): HR is a problem; Need time to build"); "" for other questions,
        or when not exactly one column is the option's."""
        if question.intent.kind not in SIDED_KINDS:
            return ""
        # "why is it higher than the offshore one?" asks about "it": the option it is
        # measured against is not the one asked about.
        asked = self._polar.options(_BASELINE.split(question.text, maxsplit=1)[0])
        if len(asked) != 1:
            return ""
        cells = [(h, c) for h, c in row.cells if asked <= self._polar.options(h)]
        if len(cells) != 1 or len(row.cells) < 2:
            return ""
        return row_statement(row.model_copy(update={"cells": tuple(cells)}))

    def _figures_statement(self, question: Question, row: TableRow) -> str:
        """A row of figures against its baseline as a sentence (``figures_statement``), the
        columns of the options the question names first, in the order it names them; "" for
        a row without a label or without a 100% baseline."""
        columns = [set(self._polar.sides(header)) for header, _ in row.cells]
        first = [
            next(i for i, sides in enumerate(columns) if side in sides)
            for side in self._polar.sides(question.text)
            if any(side in sides for sides in columns)
        ]
        return figures_statement(row, first=first)

    def _considerations(
        self, ranked: Sequence[Scored], direct: Sequence[Candidate], cites: Citations
    ) -> list[Statement]:
        """The supporting points after the first paragraph: a point that leans back ("Therefore,
        it is ...") is shown with what it leans on; one that repeats (or holds) what is already
        said is left out."""
        said = [d.text for d in direct]
        out = []
        for scored in supporting(ranked, direct=direct):
            cand = self._context.of(scored.candidate)
            if any(cand.text in t or t in cand.text for t in said):
                continue
            said.append(cand.text)
            out.append(Statement(text=cand.text, citations=(cites.add_candidate(cand),)))
        return out

    def _verdict(
        self, question: Question, verdict: str, evaluation: Evaluation, cites: Citations
    ) -> Statement:
        """The ranking's Yes or No, with the quoted policy rule that fired on the strategy asked
        about ("... limit outsourcing to short-term tech projects lasting less than one year"),
        when one did."""
        asked = self._polar.asked(question)
        rule = next((r for r in evaluation.rules_fired if set(r.strategies) & asked), None)
        if rule is None:
            return Statement(text=verdict)
        return Statement(
            text=f"{verdict} {_rule_note(rule)}", citations=(cites.add(rule.citation),)
        )

    # --- scenarios ------------------------------------------------------------------------

    def _ranking(
        self,
        question: Question,
        evaluation: Evaluation,
        cites: Citations,
        considerations: list[Statement],
    ) -> Statement:
        """The first paragraph of a scenario answered by its ranking alone: the verdict for a
        yes/no question, else the ranking's first sentence with the article's words behind it
        ("Project duration: 8 months (less than one year) — “... the preferred option for
        short-term tech projects ...”"), else the summary. What the direct answer leaves of
        the summary (what would change it) is appended to ``considerations``."""
        verdict = self._polar.verdict(question, evaluation)
        if verdict:
            considerations.append(Statement(text=evaluation.summary))
            return self._verdict(question, verdict, evaluation, cites)
        ground = grounds(evaluation, question.stated)
        if ground is None:
            return Statement(text=evaluation.summary)
        head, *rest = split_sentences(evaluation.summary)
        considerations.append(Statement(text=" ".join(rest)))
        return Statement(
            text=join_sentences([head, ground_note(ground)]),
            citations=(cites.add(ground.citation),),
        )

    def scenario(
        self,
        question: Question,
        evaluation: Evaluation,
        *,
        fields: Sequence[str],
        passages: Sequence[Passage] = (),
        follow_up: bool = False,
        choice: bool = False,
    ) -> Answer:
        """A scenario answer: the policy's rule when one decides a yes/no question ("Should we
        outsource our core platform?" -> No, with the rule's source), else the best passage
        (mixed) or the evaluation's summary; then the summary, warnings and the factors that
        moved the recommendation. Assumed values are listed as assumed, never as reasons.

        ``follow_up``: the question is a thread reply about the thread's scenario ("what about
        an offshore team?"); the strategies it names (if any) open the answer with their place
        in the ranking. ``choice``: the question asks which of two options; the ranking's
        first sentence opens the answer."""
        cites = Citations(self._titles)
        considerations: list[Statement] = []
        rule = deciding_rule(question, evaluation, self._polar.asked(question))
        placed = ""
        if follow_up:  # the options the reply itself names, not those it carries
            own = replace(question, concepts=self._lexicon.question_concepts(question.text))
            named = self._polar.asked(own)
            placed = standing(evaluation, named) if len(named) < 4 else ""
        factors = factor_considerations(evaluation, cites)
        reasons = moving_factors(evaluation)[:2]
        if placed:
            direct = Statement(text=placed)
            considerations.append(Statement(text=evaluation.summary))
        elif follow_up and question.intent.kind == "reason" and reasons:
            # "why?" after a scenario: the ranking's first sentence and the reasons of the
            # factors behind it; the rest of the summary follows.
            head, *rest = split_sentences(evaluation.summary)
            direct = Statement(
                text=join_sentences([head, *(f.reason for f in reasons)]),
                citations=tuple(cites.add(f.citation) for f in reasons),
            )
            considerations.append(Statement(text=" ".join(rest)))
        elif rule is not None:
            direct = Statement(
                text=self._polar.opening(question, rule.citation.quote, answer="No"),
                citations=(cites.add(rule.citation),),
            )
            considerations.append(Statement(text=evaluation.summary))
            if passages:
                _, support = self._extract(question, passages, cites)
                considerations += support
        elif passages:
            direct, support = self._extract(question, passages, cites)
            verdict = self._polar.verdict(question, evaluation)
            if verdict:
                # "Should we outsource?" is answered by the ranking the same answer shows; the
                # passage (read without its own Yes/No) supports it.
                considerations.append(
                    Statement(text=YES_NO.sub("", direct.text, count=1), citations=direct.citations)
                )
                direct = self._verdict(question, verdict, evaluation, cites)
            elif choice or _RECOMMEND.search(question.text):
                # "outsource or offshore for a 6 month MVP?" asks which, "what do you recommend
                # and what are the risks?" asks for the pick first: the ranking's first
                # sentence answers, with the passage; the rest of the summary follows.
                head, *rest = split_sentences(evaluation.summary)
                considerations.append(Statement(text=" ".join(rest)))
                direct = Statement(
                    text=join_sentences([head, drop_connective(direct.text)]),
                    citations=direct.citations,
                )
            else:
                considerations.append(Statement(text=evaluation.summary))
            considerations += support
        else:
            direct = self._ranking(question, evaluation, cites, considerations)
        # A factor the direct answer already gives (its reason, or itself with the article's
        # words behind it) is not repeated.
        considerations += [
            f for f in factors if not any(part in direct.text for part in f.text.split(" — "))
        ]
        assumed = [lower_first(i.label) for i in evaluation.inputs if i.assumed]
        notes = ("Assumed (not stated, so it moved no score): " + ", ".join(assumed) + ".",)
        route: Route = "mixed" if passages or rule is not None else "scenario"
        # Only the sources the answer cites, numbered by first use.
        direct, considerations, items = referenced(direct, considerations, cites.items)
        return Answer(
            route=route,
            kind=question.intent.kind,
            direct=direct,
            considerations=tuple(considerations),
            citations=tuple(items),
            evaluation=evaluation,
            scenario_fields=tuple(fields),
            notes=notes if assumed else (),
        )


# "each one", "both", "the two": a question about every option it names (or all of them)
_EACH = re.compile(r"\b(each|both|the two|either one)\b", re.IGNORECASE)


def _rule_note(rule: FiredRule) -> str:
    """A fired rule's source, quoted: 'The knowledge base: “... less than one year”.'"""
    return f"The knowledge base: “{rule.citation.quote.strip().rstrip('.')}”."


def _superlative(question: Question, ranked: Sequence[Scored]) -> Candidate | None:
    """The best sentence (not a table row) that uses a superlative the question asks for
    (``_SUPERLATIVE``: "cheapest"), if one was found."""
    asked = {m.group(0).casefold() for m in _SUPERLATIVE.finditer(question.text)}
    if _WHICH_CHEAPER.search(question.text):
        asked.add("cheapest")  # "which of the two is the cheaper one?"
    if not asked:
        return None
    return next(
        (
            s.candidate
            for s in ranked
            if s.candidate.row is None
            and asked & {m.group(0).casefold() for m in _SUPERLATIVE.finditer(s.candidate.text)}
        ),
        None,
    )


def _table_lead(question: Question, ranked: Sequence[Scored], lead: Scored) -> Scored:
    """For a question naming a table ("how does the table rate outsourcing ...?"): the best
    table row, if it scores at least ``table_lead_share`` of the lead; else the lead."""
    if lead.candidate.row is not None or not _NAMES_TABLE.search(question.text):
        return lead
    floor = select.WEIGHTS.table_lead_share * lead.score
    return next((s for s in ranked if s.candidate.row is not None and s.score >= floor), lead)


_MIN_TITLE_WORDS = 3
"""A section title of at least this many words, said in a question, names that section."""


def _in_named_section(question: Question, ranked: list[Scored]) -> list[Scored]:
    """For a question that says a section's title ("what did the article mean by 'modern
    problems require modern solutions'?"): that section's sentences gain ``home_bonus``."""
    asked = f" {' '.join(words(question.text.lower()))} "

    def named(cand: Candidate) -> bool:
        title = words(_own_title(cand).lower())
        return len(title) >= _MIN_TITLE_WORDS and f" {' '.join(title)} " in asked

    return _rescored(ranked, lambda s: select.WEIGHTS.home_bonus if named(s.candidate) else 0.0)


def _rescored(ranked: Sequence[Scored], bonus: Callable[[Scored], float]) -> list[Scored]:
    """``ranked`` with each candidate's score raised by ``bonus`` of it (lowered when
    negative), ranked again: best score first, then retrieval rank, then position."""
    out = [Scored(s.candidate, s.match, s.score + bonus(s)) for s in ranked]
    out.sort(key=lambda s: (-s.score, s.candidate.rank, s.candidate.index))
    return out


def _to_be_said(question: Question) -> list[re.Pattern[str]]:
    """What the sentence answering a question must say, in order of precedence: whom an
    option does not suit, for "so when is that upfront cost a deal-breaker?" ("It can be a
    deal breaker for those who only need ..."); that both options have it, for "only
    offshoring really scales, right?" ("both models offer great scalability"); that it depends
    on the company, for "is there one right answer that suits every business?" ("Since every
    company is unique ...", not the conditions on an option a remark names: "my pal swears by
    his team in Asia")."""
    said = []
    if _ASKS_UNSUITED.search(question.text):
        said.append(_SAYS_UNSUITED)
    if claims_exclusive(question):
        said.append(GIVES_BOTH)
    if claims_universal(question):
        said.append(PARTICULAR)
    return said


def _first_above(
    ranked: Sequence[Scored], floor: float, keep: Callable[[Scored], bool]
) -> Scored | None:
    """The best of ``ranked`` (best first) that scores at least ``floor`` and ``keep``
    accepts; None when none does."""
    return next((s for s in ranked if s.score >= floor and keep(s)), None)


def _own_title(cand: Candidate) -> str:
    """The title of a candidate's own section (the last part of its heading path)."""
    return cand.passage.section.rpartition(" > ")[2]


def _answering_same(ranked: Sequence[Scored], lead: Scored) -> Scored:
    """The lead, or when it neither sets options side by side (a row of two or more cells)
    nor says whether two things are the same, the best candidate that does and scores at
    least ``belief_lead_share`` of the lead."""

    def answers(s: Scored) -> bool:
        row = s.candidate.row
        return (row is not None and len(row.cells) > 1) or says_same_or_not(s.candidate.text)

    if answers(lead):
        return lead
    floor = select.WEIGHTS.belief_lead_share * lead.score
    return next((s for s in ranked if s.score >= floor and answers(s)), lead)


def _saying(ranked: Sequence[Scored], lead: Scored, says: re.Pattern[str]) -> Scored:
    """The lead, or when it does not say what ``says`` matches, the best sentence (not a table
    row) that does and scores at least ``belief_lead_share`` of the lead."""
    if says.search(lead.candidate.text):
        return lead
    floor = select.WEIGHTS.belief_lead_share * lead.score
    return next(
        (
            s
            for s in ranked
            if s.candidate.row is None and s.score >= floor and says.search(s.candidate.text)
        ),
        lead,
    )


def _definition_pair(ranked: Sequence[Scored], defined: Sequence[Definition]) -> list[Candidate]:
    """The candidates quoting each definition, in the order given, one sentence once; [] when
    either is not among ``ranked``."""
    found = [next((s.candidate for s in ranked if _holds(s.candidate, d)), None) for d in defined]
    if None in found:
        return []
    return list({c.quote: c for c in found if c is not None}.values())


def _holds(cand: Candidate, definition: Definition) -> bool:
    """Whether a candidate is the definition: its sentence, or its table row."""
    if cand.passage.id != definition.chunk_id:
        return False
    return cand.row is not None if not definition.quote else cand.quote == definition.quote


__all__ = ["DeterministicComposer", "Replies"]
