"""What a message is before anything is searched: small talk, another language, the kind of
question it asks, and whether it asks yes or no."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.models import QuestionKind
from bot.text import STOPWORDS, words

# Each kind's cue, checked in this order; the first that matches names the question's kind.
_KINDS: tuple[tuple[QuestionKind, re.Pattern[str]], ...] = (
    # Asking for numbers outright comes first ("ballpark, what % ... and why not lower?") ...
    # ("figure out" is to understand).
    (
        "figures",
        re.compile(r"\b(how much|how many|percent\w*|ballpark|numbers?|figures?(?! out\b))\b|%"),
    ),
    # A cost word on its own ("and cost?", "what about pricing?") asks how much.
    (
        "figures",
        re.compile(
            r"^((and|so|ok|okay|what about|how about)\s+)*(the\s+)?"
            r"(costs?|pricing|prices?|rates?|cost-?wise|price-?wise)\s*\?*$"
        ),
    ),
    # Why someone would choose an option asks what it brings: "why would anyone still go with
    # an onshore in-house team?", "the case for keeping everything in-house".
    (
        "benefits",
        re.compile(
            r"\bwhy (would|do|does|did|should|will) (anyone|anybody|someone|people|companies|"
            r"businesses|firms|a company|a business|you|we|i|they) (still |ever |even |then )?"
            r"(choose|go|pick|keep|stick|stay|hire|opt|prefer|want|build|run|have|bother)\b|"
            r"\b(the|a|your|any) (case|argument|arguments) for\b",
        ),
    ),
    # ... then the interrogative, which outranks the topic: "where do the savings come from?"
    # asks for a reason, not for figures.
    (
        "reason",
        re.compile(
            r"\b(why|how come|reasons?|what for|where( \w+)? do(es)?\b.*\bcome from|"
            # "where the saving comes from", "where does offshoring save $$ from?"
            r"where\b[^?.!]{0,50}\bcom(e|es|ing) from|where\b[^?.!]{0,40}\bsav\w* [^?.!]{0,20}from|"
            # what drives it: "what's pushing companies to change how they staff tech work?"
            r"what('?s| is| are) (pushing|driving|behind|causing|fu?elling)|"
            r"what (led|leads|drove|drives|pushed|pushes|caused|causes|changed)\b)\b"
        ),
    ),
    (
        "figures",
        re.compile(
            r"\b(cheaper|cheapest|expensive|pricier|savings?|save|productiv\w*|output|wages?|"
            r"cost of|costs? (vs|versus|compared|than|as)|(what|how) (does|do|would|will|much)\b"
            r".{0,40}\bcost|(vs\.?|versus)\b.{0,40}\bcosts?)\b",
        ),
    ),
    # What an option brings, the mirror of its risks ("what's actually good about in-house?");
    # before the definition cue, since "upsides of outsourcing vs offshoring" asks for upsides.
    (
        "benefits",
        re.compile(
            r"\b(benefits?|advantages?|upsides?|pros|good (about|abt)|great (about|abt)|"
            r"selling points?|"
            r"perks?|strengths?|plus side|pluses|plus points?|in favou?r of|ammo|ammunition|"
            r"good points?|merits?|positives|"
            r"what (do|would|will|does) (we|i|you|they|a company|companies)"
            r"( actually| really)? (get|gain)|what (does|do|would|will) [\w' -]{2,40} "
            r"(give|bring|offer) (us|me|you))\b(?! and cons)",
        ),
    ),
    (
        "definition",
        re.compile(
            # not "what does that mean for quality?" (what follows from it)
            r"\b(what('?s| (is|are|does|do))\b.*\b(mean|means|meaning)\b(?! for\b)|"
            r"what (is|was) meant\b|"
            r"^what means\b|what('s| is) (that|this|it) (supposed to be|exactly)\b|"
            r"(what|wetin) (is|are|be) (an? )?"
            r"(insourcing|outsourcing|offshoring|onshoring|onshore|offshore|nearshoring)\b|"
            # "what is a dedicated offshore team?": a short name of an option, nothing more
            r"^what('s|s| is| are) (an? |the )?(?!.*\b(best|cheapest|right|better|worse)\b)"
            r"((?!of\b|for\b|with\b)[\w-]+ ){0,2}"
            r"(insourc|outsourc|offshor|onshor|nearshor|in-house)[\w-]*"
            r"( team| model| strategy| approach| development)?\s*\?*$|"
            # "outsourcing in 1 sentence pls": a term put in a few words
            r"^((?!of\b|for\b)[\w-]+ ){0,2}(insourc|outsourc|offshor|onshor|nearshor|in-house)"
            r"[\w-]*( \w+)? in (1|one|a|2|two|few|a few|simple|plain) (sentences?|lines?|words?)\b|"
            r"\bdefin(?!ite\b|itely\b)\w*|\bdefn?\b(?=\s+(of|pls|plz|please)\b|\s*[?.!]*$)|\bmeaning\b|difference|differ\b|diff\b|"
            r"distinguish\w*|distinction|"
            # a term put in quotes to ask what it means ("when the article says 'in-house',
            # does it mean ...?"); "does that mean we own the code?" asks yes or no
            r"\b(does|do) (the term|the word) (really |actually |just )?mean\b|"
            r"\bsays? ['‘\"“][^'’\"”]{2,40}['’\"”],? (does|do|is|are) (it|that|this|they)\b|"
            r"same thing|\bthe same\s*\?|2 ?x ?2|matrix|quadrants?|axes|"
            r"mixing (up|these)|confus\w*|explain|(^|[:,] ?)[\w' -]{2,40}= ?\?)",
        ),
    ),
    (
        "when",
        re.compile(
            r"\b(when (should|does|do|is|would|to)|which (model|one|option|setup|approach|way)|"
            r"who should|who (does|do|would) [\w' -]{2,30} (think|say|reckon) should|"
            r"(what|which) (kind|type|sort)s? of (compan(y|ies)|business(es)?|projects?|"
            r"firms?|organi[sz]ations?)|"
            # "who is outsourcing even meant for?"
            r"who( is| are|'s|s) [\w' -]{2,30} (even |really |actually )?(meant|made|designed|"
            r"intended|ideal|suited|good|best|right)( fit| match)? for|"
            # "is outsourcing the model aimed at companies like us?"
            r"(aimed|geared|targeted|meant|made|designed|intended) (at|for|towards) "
            r"(compan(y|ies)|business(es)?|firms?|organi[sz]ations?|teams?|people like|us)\b|"
            r"fits? (us|best)|suits?|"
            r"right (move|call|choice)|makes? (it )?sense|go with|stick with|choose|pick|"
            r"in (which|what) (cases?|situations?|scenarios?|circumstances)|"
            r"under what (circumstances|conditions)|at what point|"
            # what the article advises doing: "what does it recommend we limit outsourcing to?"
            r"what (do|does|would) (you|it|the article|they|the author) "
            r"(recommend|suggest|advise))\b",
        ),
    ),
    (
        "risks",
        re.compile(
            r"\b(risks?|risky|downsides?|drawbacks?|cons|gotchas?|pitfalls?|problems?|"
            r"disadvantages?|hidden|go wrong|bite|catch|worr\w*|danger\w*|lose|losing|"
            r"give up|giving up|sacrific\w*|trade-?offs?|"
            r"cut corners|what happens if|what(?:'s| is|s) (?:actually |really )?wrong with)\b",
        ),
    ),
    (
        "example",
        # "an example of a country" asks where, not for a company that did it
        re.compile(
            r"\b(examples?(?! of (an? )?([\w-]+ ){0,3}(country|countries|places?|locations?|"
            r"destinations?|city|cities|regions?)\b)|case stud\w*|"
            r"real(-| )?(world |life )?(compan(y|ies)|cos?\b)|success stor(y|ies)|anyone who|"
            r"who has|proof points?|"
            # "is there an actual company that did this?" ("focus on the actual business" is
            # the asker's own)
            r"(?<!\bthe )(?<!\bour )(?<!\bmy )(actual|concrete|specific|named) "
            r"(compan(y|ies)|firms?|business(es)?|case)|"
            r"(compan(y|ies)|firms?) (that|which|who) (actually |really )?(did|has done|tried) "
            r"(this|it|that))\b"
        ),
    ),
    (
        "yes_no",
        re.compile(
            r"^(is|are|was|were|do|does|did|can|could|should|shall|will|would|has|have|may|"
            r"might|isn't|aren't|doesn't|don't|won't|wouldn't|shouldn't|isnt|arent|doesnt|dont|"
            r"wouldnt|shouldnt)\b|good idea|"
            r"\b(right|ok|okay|fine|wise|smart) (to|move|idea)\b",
        ),
    ),
    ("comparison", re.compile(r"\b(compare|comparison|better|worse|more|less|than|or)\b")),
)

# What could go worst: a risk, whatever else the sentence names.
_WORST = re.compile(r"\b(worst[- ]case|worst that could happen|what could go wrong)\b")
# A difference in one respect ("what's the difference in how they scale?", "do they differ in
# cost?"), not between two terms.
_DIFFERENCE_IN = re.compile(r"\b(difference|diff|differ|differs) (in|of|on|regarding)\b")
# "besides the cost savings, what else ...", "apart from saving money, ..." up to the clause's end.
# What a question sets aside or concedes is not what it asks: "besides the cost savings, ...",
# "given all the cost stuff why would anyone keep an in-house team", "despite the price, ...".
_SET_ASIDE = re.compile(
    # "beyond" after a verb of searching goes on asking: "why look beyond local engineers?"
    r"\b(besides|apart from|aside from|other than|"
    r"(?<!\blook )(?<!\blooks )(?<!\blooking )(?<!\bgo )(?<!\bgoing )(?<!\breach )"
    r"(?<!\bsearch )(?<!\bhire )(?<!\bhiring )beyond|despite|in spite of|even though|"
    r"given (all|how))\b.*?(?=[,?;]|\s(why|what|whats|what's|how|which|who|when|where)\b|$)",
    re.IGNORECASE,
)
# A negated question ("aren't they the same thing?") is answered like the plain one: "No"
# says they are not.
_POLAR_START = re.compile(
    r"^(am|is|are|r|do|does|can|could|should|will|would|has|have|may|might|must|isn't|aren't|"
    r"doesn't|don't|won't|wouldn't|shouldn't|can't|couldn't|mustn't|"
    # typed without the apostrophe
    r"isnt|arent|doesnt|dont|wont|wouldnt|shouldnt|cant|couldnt)\b",
    re.IGNORECASE,
)
# A request put as a question ("can you give me the benefits of each?") asks for the thing,
# not for a yes or no.
_REQUEST = re.compile(
    r"^(can|could|would|will) (you|u|someone|somebody|anyone|anybody) "
    r"(please |pls |plz |just |quickly |briefly |kindly )?(give|tell|explain|list|"
    r"show|summari[sz]e|break|walk|describe|share|clarify|compare|outline|provide|recommend|"
    r"suggest|sum|spell|lay|point|help me understand|name)\b"
)
# "Is there a rule of thumb ...?" asks for the rule.
_ASKS_FOR_RULE = re.compile(
    r"^(is|are) there (a|an|any) (general |simple |good |particular |specific )?"
    r"(rule of thumb|rules? of thumb|guidelines?|benchmarks?|threshold|cut-?off|recommended|"
    r"recommendation|typical|best practices?|general rule|formula|reasons?|explanation)\b"
)
_POLAR_ANYWHERE = re.compile(
    r"\bgood idea\b|\b(is|would) it (ok|okay|wise|smart|fine)\b|"
    # "... that's basically our core IT. ok to outsource that?"
    r"(?:^|[.!?]\s+)(?:so |and |but )?(?:ok|okay|fine|safe|wise|alright) to \w+[^.!?]*\?"
)
# Words that open a turn without asking anything ("ok but would it ...?", "so is that ...?").
_OPENER = re.compile(
    r"^((ok(ay)?|so|and|but|also|then|hmm+|wait|right|honestly|btw|lol|quick (q|question)|"
    r"one more thing|got it|i see)\b[\s,.!:-]*)+"
)
# A tag that asks to confirm what was said ("..., thats it cost-wise right?").
_TAG = re.compile(
    r"[\s,](right|correct|yeah|yes|no|true|ok|isn't (it|that)|aren't (they|we)|don't (we|they)|"
    r"doesn't (it|that)|won't (it|we)|or not|yes or no)\s*\?+$"
)
# An auxiliary followed by its subject after something else was said ("we can't find ML folks
# locally would building an offshore team help?"), in a sentence asking no wh-question.
_AUX_SUBJECT = re.compile(
    # not "to do the work", "to have the team"
    r"(?<!\bto )\b(is|are|r|do|does|can|could|should|will|would|has|have)\s+"
    r"(it|we|i|you|they|that|this|those|these|there|an?|the|our|my|their|building|"
    r"outsourcing|offshoring|hiring|going|having|using|he|she|someone|everyone|people|companies|businesses|vendors)\b"
)
# A statement put as a question to confirm it ("surely an offshore team gives us the same
# control?", "i assume the vendor handles QA?") asks yes or no.
_CONFIRMING = re.compile(
    r"^(surely|presumably|i (assume|guess|suppose|take it|think|believe)|so basically|"
    r"am i right (that|in thinking)|correct me if i'?m wrong)\b"
)
# ("wetin": Nigerian Pidgin's "what")
_WH = re.compile(r"\b(what|which|how|why|when|where|who|whom|whose|wetin)\b")
# A finite verb after the subject of a statement put as a question ("... is purely about
# where ...?", "the article says ...?", "... would sit on the vendor's payroll?").
_STATED = re.compile(
    r"\w\s+(is|are|was|were|says|said|means|counts|gives|wins|would|will|can|does|do|has|have|"
    r"isn't|aren't|doesn't|won't)\s+\w"
)
# "y/n", "yes/no": the asker marks the question as one for a yes or no.
_YES_NO_MARK = re.compile(
    r"\b(y/n|yes/no|yes or no)\b|"
    # a claim in notation: "in-house = 100% control over deliverables?", "outsourcing ==
    # offshoring?", "outsource the portal -> sensible?", "outsourcing -> PM + QA still on us?"
    r"^[^?]*\w\s*={1,2}\s*[\w\"'][^?]*\?|"
    r"->\s*([\w+&/]+\s+){0,4}(sensible|ok|okay|fine|good idea|bad idea|wise|viable|right|"
    r"true|still|worth it|correct|legit)\b[^?]*\?"
)
_CHOICE = re.compile(r"^(should|shall|would|do|can) (we|i|you)\b")
# An either/or question ("outsource or build a team?") cannot be answered yes or no; "... or
# not?", "... or nah" and "... or is it a bad idea?" still can.
EITHER_OR = re.compile(
    r"\bor\b(?!\s+(?:not|nah|no|what|(?:is it |it is |it's |is that |would it be )?(?:an? )?"
    r"(?:bad|terrible|dumb|stupid|crazy|silly) idea|"
    # "... keep quality high, or is that a pipe dream?" asks whether the first part holds
    r"(?:is|was) that\b|"
    # "do both of them scale well or is one of them bad at it?" asks whether both do
    r"(?:is|are|does|do) (?:one|either|neither)(?: of (?:them|the two|these|those))?\b|"
    # "does the article back that up or am I overreaching?" asks whether it does
    r"(?:am|are) (?:i|we) (?:\w+ )?(?:overreaching|wrong|mistaken|reading too much|"
    r"off|off base|imagining|misreading|stretching|being (?:sus|silly|dumb|pedantic|picky))|"
    # "..., or does it always mean going abroad?" only asks the first part's limit
    r"(?:(?:does|do|is|are|must|has|have|would|will)\s+(?:it|they|that|this|\w+ing)\s+)?"
    r"(?:always|only|necessarily|have to|has to|need to|must|by definition)(?:\s+must)?)\b|"
    # "..., or is it overseas by definition?" asks the same
    r"\s+(?:is|are) (?:it|they|that) [\w -]{1,30} by definition\b)|"
    # a sentence opening with "or is that ...?" offers the other side of the one before it
    r"^or\s+(?:is|was) that\b"
)

# A greeting, optionally naming whom it greets and asking how they are ("good morning bot,
# how's it going").
_HOW_ARE_YOU = (
    r"(how('?s| is| are| r)|how are) (it going|you|u|things|you doing|u doing|your day)"
    r"( today)?[\s?!.]*"
)
_GREETING = re.compile(
    r"^(((hi+|hello+|hey+|heya|hiya|yo+|good (morning|afternoon|evening)|greetings|howdy)\b"
    r"(\s+(there|all|team|everyone|bot|folks))?[\s!.,]*)+"  # "hey bot, good morning"
    rf"({_HOW_ARE_YOU})?|{_HOW_ARE_YOU})$"
)
# "you are great" reads like a question to _ASKS ("are"), so compliments are matched alone.
_COMPLIMENT = re.compile(
    r"^((lol|haha)\s+)?(good bot|nice bot|you('re| are) (so )?(great|awesome|amazing|the best|"
    r"a star|brilliant|helpful))\b[\s!.]*$"
)
_GREETING_PREFIX = re.compile(
    r"^(hi+|hello+|hey+|heya|hiya|yo+|good (morning|afternoon|evening)|greetings|howdy)\b"
    r"(\s+(there|all|team|everyone|bot|folks))?[\s!.,]*"
)
_THANKS = re.compile(
    r"^((lol|haha)\s+)?(thanks|thank you|thx|ty|cheers|great|cool|nice|awesome|perfect|got it|"
    r"ok|okay|makes sense|appreciated?|much appreciated|good bot|nice bot)\b[^?]*$"
)
# "ok but what could go wrong?" starts like thanks but asks something.
_ASKS = re.compile(
    r"\?|\b(what|why|how|when|which|who|where|should|could|would|can|is|are|do|does)\b"
)
# A thanks asks something with a question word anywhere ("thanks what about cost"), or with a
# verb that opens a clause ("thanks, is it cheaper though"): "thank you, this is really
# helpful" says something.
_THANKS_ASKS = re.compile(
    r"\?|\b(what|why|how|when|which|who|where)\b|"
    r"(^|[,;:.]\s*|\b(but|and|so|also)\s+)(should|could|would|can|is|are|do|does)\b"
)
_HELP_ASK = (
    r"(help( me| us)?|\?|what (can you|you can) (do|help( me| us)?( with)?)( for (me|us))?|"
    r"what do you (do|know)( about)?|who are you|what are you|"
    r"how (can|could|do) you help( me| us)?|"
    r"how do (i|you) use (you|this)|how does this work|what (can|should|could) i ask( you)?|"
    r"what (kind|sort|type)s? of (stuff|things|questions) (can (i ask( you)?|you help( me| us)?"
    r"( with)?)|(should|could) i ask( you)?|i (can|should) ask( you)?)|"
    r"are you (just )?(a |an |another )?(real )?([\w-]+ )?(person|human|bot|robot|ai)( or (a )?"
    r"(real )?(person|human|bot|robot|ai))?( lol| haha)?|"
    r"are you (there|around|awake|alive|online|up|working)|anyone (there|home)|"
    # whether the bot can be trusted: "can I rely on you as a source for my assignment?"
    r"(can|could|should) (i|we) (rely on|trust|cite|quote) (you|this bot|the bot)"
    r"( as (a |an |my |our )?(source|reference))?( for [\w\s-]+)?|"
    r"commands|menu|start|"
    # a sound that asks nothing yet: the help reply says what to ask
    r"h+m+|u+h+|u+m+|e+r+m+|huh)"
)
# One request for help, or several in a row ("what can you do? what kind of stuff can I ask?").
# A chat particle may close it ("what u can do one?", "can help me ah?").
_HELP = re.compile(rf"^{_HELP_ASK}([\s?!.,]+{_HELP_ASK})*(\s+(one|ah|lah|leh|eh|ya))?[\s?!.]*$")

# Small talk told by its words rather than their order: a message made only of these words,
# holding at least one cue, is small talk ("Good morning. Could you tell me what you are able
# to help me with?", "valeu, helped a lot", "what kind of questions can you answer?"). Any word
# of a topic ("vendor", "cost", "poem") makes it something else.
_SMALL_TALK_GREETINGS = frozenset(
    {
        "hi", "hello", "hey", "hiya", "yo", "morning", "afternoon", "evening", "greetings",
        "howdy", "bom", "dia", "boa", "tarde", "ola", "olá", "oi", "hola", "buenos", "buenas",
        "dias", "días", "guten", "morgen", "tag", "hallo", "moin", "servus", "bonjour", "salut",
        "ciao", "buongiorno", "hej", "namaste", "kia", "ora",
    }
)  # fmt: skip
_SMALL_TALK_THANKS = frozenset(
    {
        "thanks", "thank", "thx", "ty", "tks", "cheers", "appreciated", "appreciate", "helpful",
        "helped", "valeu", "obrigado", "obrigada", "gracias", "danke", "merci", "grazie",
        "great", "awesome", "perfect", "brilliant", "amazing", "super", "nice", "cool",
        # New Zealand English: "chur for that, legend"
        "chur", "legend",
    }
)  # fmt: skip
_SMALL_TALK_PRAISE = frozenset(
    {"great", "awesome", "perfect", "brilliant", "amazing", "super", "nice", "cool", "legend"}
)
"""Words of thanks that also greet ("nice to meet you", "great to be here")."""
_SMALL_TALK_CUES = frozenset({"help", "capabilities", "questions", "bot", "robot"})
# Cues only beside "you": "are you there?", "what can you answer?" ("what's the answer?" in a
# thread asks the question again).
_SMALL_TALK_YOU_CUES = frozenset(
    {
        "able", "capable", "answer", "ask", "real", "person", "human", "ai", "there", "around",
        "alive", "online", "awake", "do", "assist", "answers",
        # "which documents are you working from?" asks what the bot answers from
        "documents", "docs", "sources", "source",
    }
)  # fmt: skip
_SMALL_TALK_FILLER = frozenset(
    {
        "good", "all", "everyone", "folks", "you", "u", "your", "are", "r", "what", "how", "can",
        "could", "would", "will", "do", "does", "tell", "me", "us", "i", "we", "with", "to",
        "for", "a", "an", "the", "of", "kind", "kinds", "sort", "type", "types", "actually",
        "really", "exactly", "please", "pls", "plz", "just", "so", "very", "much", "many", "lot",
        "lots", "that", "this", "it", "was", "is", "most", "ok", "okay", "again", "and", "or",
        "s", "re", "m", "ll", "d", "t", "on", "here", "still", "anyone", "somebody", "someone",
        "things", "stuff", "possibly", "quick", "question", "mate", "guys", "basically", "like",
        "honestly", "which", "from", "working", "based", "use", "using", "explain",
        # chat words that only colour a message: "wait what can u even do lol", "omg thank u
        # this was highkey so helpful"
        "wait", "even", "lol", "haha", "omg", "highkey", "lowkey", "ngl", "tbh", "fr", "dear",
        # "what are you sourcing answers from?" asks what the bot answers from
        "sourcing",
        # courtesy in Spanish beside an English request: "gracias, muy útil!!"
        "muy", "útil", "util", "mucho", "muchas", "bueno",
        # polite openers: "Sorry to bother, if I may ask, ...", "Thank you always for your
        # kind support"
        "sorry", "bother", "if", "may", "always", "support",
        # Nigerian English and Pidgin: "Good morning o, how far?", "wetin you fit do for me?
        # abeg explain small"
        "o", "far", "wetin", "fit", "abeg", "small",
        # Indian English: "what all you can do? kindly tell"
        "kindly",
        # a newcomer introducing themself: "hi!! first week here, nice to meet u", "sorry im
        # new, what can you do exactly?"
        "im", "new", "newbie", "first", "week", "day", "joined", "meet", "glad",
    }
)  # fmt: skip
_SMALL_TALK_WORDS = (
    _SMALL_TALK_GREETINGS
    | _SMALL_TALK_THANKS
    | _SMALL_TALK_CUES
    | _SMALL_TALK_YOU_CUES
    | _SMALL_TALK_FILLER
)


def _small_talk_by_words(lower: str) -> str:
    """ "help", "thanks" or "greeting" for a message made only of small-talk words (see
    ``_SMALL_TALK_WORDS``) with a cue among them, else ""."""
    tokens = words(lower)
    if not tokens or any(t not in _SMALL_TALK_WORDS for t in tokens):
        return ""
    own = set(tokens)
    if own & _SMALL_TALK_CUES or (own & {"you", "u"} and own & _SMALL_TALK_YOU_CUES):
        return "help"
    # "hi!! first week here, nice to meet u" greets: "nice" thanks only without a greeting
    if own & _SMALL_TALK_GREETINGS and not own & _SMALL_TALK_THANKS - _SMALL_TALK_PRAISE:
        return "greeting"
    return "thanks" if own & _SMALL_TALK_THANKS else ""


_MIN_WORDS_FOR_LANGUAGE = 4
_LATIN_END = 0x0250
"""Letters below this code point are Latin (ASCII, Latin-1, Latin Extended-A and -B)."""
_OTHER_SCRIPT_SHARE = 0.5
_MAX_ENGLISH_STOPWORD_SHARE = 0.2
_MIN_LANGUAGE_PROBABILITY = 0.4
_MIN_TELLING_STOPWORD = 3
"""English stop words shorter than this ("he", "i", "me", "a") are words of other languages too."""
_MAX_FAMILIAR_FOR_LANGUAGE = 0.5


@dataclass(frozen=True)
class Intent:
    """What kind of message this is.

    Attributes:
        small_talk: "greeting", "thanks" or "help" for small talk; empty otherwise.
        language: An ISO 639-1 code when the message is written in a language other than
            English; empty for English (or when too short to tell).
        kind: What the question asks for (see ``bot.models.QuestionKind``).
        polar: Whether it can be answered yes or no ("Should we outsource our core platform?").
    """

    small_talk: str
    language: str
    kind: QuestionKind
    polar: bool


def without_small_talk_words(text: str) -> str:
    """The text without the words small talk is told by (``_SMALL_TALK_WORDS``): what is left
    names a topic, if anything does ("can I rely on you as a source?" names none: "source" is
    a cue there, not the sourcing of software)."""
    return " ".join(w for w in words(text.lower()) if w not in _SMALL_TALK_WORDS)


# A yes/no question checking a guess at the answer to the question before it ("... is that the
# same as onshoring?", "is it like a vendor?").
_CHECKS_BACK = re.compile(
    r"^\W*(?:(?:so|and|or|like)\W+)?(?:is|isn't|isnt|does|doesn't|would|was) (?:that|it|this)\b"
)


_QUOTED_TERM = re.compile(r"[\"'‘’“”][^\"'‘’“”]{2,40}[\"'‘’“”]")


def guessed_at(text: str) -> str:
    """The wh-question of a message that asks one and then checks a guess at its answer
    ("sorry if this is dumb — what's insourcing? is that the same as onshoring?" asks "what's
    insourcing?"; the guess is no part of what is asked); "" for any other message."""
    sentences = asking_sentences(text)
    if len(sentences) != 2 or not _CHECKS_BACK.match(sentences[1].lower()):
        return ""
    first = re.split(r"[,;:]\s+|\s+[—–-]+\s+", sentences[0])[-1]
    if _QUOTED_TERM.search(first):
        # "what's 'onshore in-sourcing'?? is that the posh term for what we do now?" checks a
        # name the text gives it ("commonly known as the 'in-house' approach"): both are asked
        return ""
    return first if asks_wh(first) else ""


def read_intent(text: str, *, familiar: float = 1.0, language_text: str = "") -> Intent:
    """Classify a normalised message (see ``bot.text.normalise_message``).

    Args:
        text: The message.
        familiar: Share of its words the bot knows as English (stop words, the knowledge
            base's and the vocabulary's words), 0..1; the language model is consulted (and
            loaded, about 20 MB) only when at most half the words are familiar.
        language_text: What the language is read from, when not the text itself: the text
            without the topic's terms, which every language borrows ("¿Qué es mejor,
            outsourcing u offshoring?" reads as Spanish without them).
    """
    lower = text.lower().strip()
    asked = _spelled_out(lower)
    asked = guessed_at(asked) or asked
    kind, polar = question_kind(asked), is_polar(asked)
    if kind == "yes_no" and not polar and _REQUEST.search(_asking_sentence(asked)):
        kind = "other"  # "can u give me an example of a country ...?" asks for the thing
    elif kind == "yes_no" and not polar and EITHER_OR.search(asked):
        # "should we outsource it or build a team?" asks which to choose; "is X better or worse
        # than Y?" weighs two options.
        kind = "when" if _CHOICE.search(_asking_sentence(asked)) else "comparison"
    return Intent(
        small_talk=_small_talk(lower),
        language=(
            _language(language_text or text) if familiar <= _MAX_FAMILIAR_FOR_LANGUAGE else ""
        ),
        kind=kind,
        polar=polar,
    )


# Two aspects set against each other ("short-term vs long-term engagements", "cost vs
# control"), not two options: it asks no definition.
_ASPECTS_VERSUS = re.compile(
    r"\b(short|long)[- ]term\s+(vs\.?|versus)\s+(short|long)[- ]term\b|"
    r"\b(cost|price|speed|control|quality|scale|scalability|risk)\s+(vs\.?|versus)\s+"
    r"(cost|price|speed|control|quality|scale|scalability|risk)\b"
)


_ON_ASPECT = re.compile(
    r"\b(specifically|particularly|especially|mainly) (on|re|regarding|for|in terms of)\b|"
    r"\b(in terms of|when it comes to|regarding)\b|[a-z]-wise\b"
)


def question_kind(lower: str) -> QuestionKind:
    """The kind of a lower-cased question, read from the sentence that asks (then from the whole
    message); "other" when no cue matches. What the question sets aside ("besides the cost
    savings, ...") says nothing of what it asks."""
    asked = asking_sentences(lower)
    # A last question opening with "or" offers an alternative answer to the one before it
    # ("When is staying in-house justified? Or is it dismissed as too expensive?").
    last = asked[-2] if len(asked) > 1 and asked[-1].startswith("or ") else asked[-1]
    asking = _OPENER.sub("", last)
    # A main clause asking yes or no after a subordinate one ("if we go with a dev shop, are
    # those developers our employees?") is read first: the condition says what is assumed.
    main = _OPENER.sub("", re.split(r"[,;:]\s+", asking)[-1])
    # A clause opening with "or" is an alternative to the one before, not the main clause.
    alternative = main.startswith("or ")
    first = (main,) if main != asking and not alternative and is_polar(main) else ()
    if _DIFFERENCE_IN.search(asking):
        return "comparison"  # "the difference in how they scale" compares, it defines nothing
    if _WORST.search(asking):
        return "risks"  # "the worst case if we go with the cheapest bid?" asks for no figure
    # "Onshore vs offshore?" asks what sets them apart, even put as an either/or ("... about
    # who or where?"); with a cue of its own ("the comms risk of a partner vs our own
    # people?") it asks that.
    versus = re.search(r"\b(vs\.?|versus)(\s|$)", asking) and not _ASPECTS_VERSUS.search(asking)
    # "... vs ..., which gives more control?" asks which: a comparison; so does one naming
    # what they are set against on ("vs an offshore team, specifically on comms?").
    which = versus and (re.search(r"\bwhich\b", asking) or _ON_ASPECT.search(asking))
    for text in dict.fromkeys((*first, asking, lower)):
        kept = _SET_ASIDE.sub(" ", text)
        for kind, cue in _KINDS:
            if cue.search(kept):
                defines = versus and not which
                return "definition" if defines and kind in ("comparison", "yes_no") else kind
    return "comparison" if which else "definition" if versus else "other"


# A question on what the text itself sets out to do: "what is this article trying to convince
# me of?", "in a nutshell what is it trying to help me figure out?", "what's the point of the
# piece?" (with a word for a text somewhere in the message: ``_TEXT``).
_ASKS_PURPOSE = re.compile(
    r"\b(?:trying to|tries to|try to|meant to|supposed to|sets? out to|aims? to|want(?:s|ing)? to) "
    r"(?:help|convince|tell|teach|show|get across|sell|argue|persuade|do|achieve|explain|"
    r"say|cover)\b|"
    r"\b(?:purpose|point|aim|goal|thesis|takeaway|message|gist) of (?:the|this|that|it)\b|"
    r"\b(?:article|piece|post|text|blog|write-?up|paper)(?: is)? (?:trying|about|for|arguing)\b|"
    # "what it is covering basically?", "what does the article cover?"
    r"\bwhat(?:'s| is| does)? (?:it|this|the article|the piece)(?: is)? cover(?:ing|s)?\b",
    re.IGNORECASE,
)
_TEXT = re.compile(
    r"\b(?:article|piece|post|text|blog|write-?up|paper|author|writer|read(?:ing)?)\b", re.I
)


# "does the article warn about that?", "what does the author say about vendors?", "... in
# this article?"
_ASKS_WHAT_TEXT_SAYS = re.compile(
    r"\b(?:the|this|that|your) (?:article|piece|post|write-?up|knowledge base|author|writer)"
    r"(?: \w+)? (?:say|says|said|mention\w*|warn\w*|cover\w*|talk\w*|discuss\w*|touch\w*|"
    r"address\w*|tie\w*|link\w*|deal\w*|see|sees|recommend\w*|suggest\w*|advis\w*|"
    r"think\w*|argu\w*|claim\w*|conclu\w*|agree\w*|back\w*)\b|"
    # "is there a single right answer in this article?"
    r"\b(?:in|from|per|by|according to) (?:the|this|that|your) (?:article|piece|post|"
    r"write-?up|knowledge base|text)\b|"
    # "... in the in-house section?", "in the intro-ish part", "the conclusion paragraph"
    r"\b(?:in|from) (?:the|this|that|its) (?:[\w-]+ ){0,2}(?:section|paragraph|part)\b|"
    r"\b(?:in|from) (?:the|this|that|its) (?:intro|introduction|conclusion)\b|"
    # the article's strategy grid: "can you lay out the 2x2 grid for me?"
    r"\b(?:2 ?x ?2|two-by-two|four-box)\b|"
    r"\b(?:the|that|this|cto'?s?) (?:cto )?(?:matrix|grid|chart|table)\b",
    re.IGNORECASE,
)


def asks_what_text_says(text: str) -> bool:
    """Whether a message asks what the knowledge base says about something ("does the article
    warn about that?"): it is asked within the bot's topic, whatever its other words."""
    return bool(_ASKS_WHAT_TEXT_SAYS.search(text))


def asks_about_text(text: str) -> bool:
    """Whether a message asks what the text itself sets out to do ("what is this article trying
    to convince me of?"): the sentences about the text ("this article will shed light on these
    approaches and explore how ...") answer it, which answer nothing else."""
    return bool(_ASKS_PURPOSE.search(text) and _TEXT.search(text))


_MIN_ASKED_WORDS = 3
_RUN_ON_WORDS = 15
_INNER_MARK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_WH_TYPED = re.compile(r"\b(what|which|how|why|when|where|who|whom|whose)(s|'s)?\b")
_SENTENCE_MARK = re.compile(r"[.!?](\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?\u2026)\]]\s*$")
_DONT_DO = re.compile(
    r"(don'?t|do not)\s+(?!(we|i|you|they|people|companies|businesses|most|many|the|our|these|"
    r"those|vendors|teams)\b)"
)


# A sentence asking only for help to answer what came before it: a question passed on ("> does
# that still count as outsourcing? thoughts?", "... what do I tell him?"), or an email's
# sign-off pasted with it ("Best, Tom | VP Ops | +1 555 201 4432").
_RELAY = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay|any|your|pls|please)\s+)*(?:thoughts|ideas|advice|help|"
    r"input|pointers|suggestions|take|wdyt|what do (?:you|u) think|what say you|"
    r"(?:can|could|would) (?:you|u|someone|anyone) (?:please |pls )?help(?: me)?(?: (?:to )?"
    r"(?:answer|reply|respond)(?: to)?)?(?: (?:this|that|him|her|them|it|the customer|the "
    r"client))?(?: please| pls)?|"
    r"(?:what|how) (?:do|should|would|can) i (?:tell|say to|answer|reply to|respond to|reply|"
    r"respond|answer)(?: (?:him|her|them|this|that|it|the customer|the client|my boss))?|"
    r"pls advise|please advise|advise|"
    # "> isn't dev getting cheaper?? ... is he right? yes/no is fine"
    r"(?:is|are) (?:he|she|they) (?:right|correct|wrong)(?: or (?:not|wrong))?|"
    # how to answer: "yes/no is fine", "one word pls"
    r"(?:a )?(?:yes/no|yes or no|one word|short answer|quick answer)(?: (?:is|would be) "
    r"(?:fine|ok|okay|enough|great))?(?: pls| please)?)"
    r"(?: (?:based on|according to|per) (?:the article|the text|it))?\W*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:^|(?<=[.?!]\s))(?:best|thanks|thank you|cheers|regards|kind regards|best regards|"
    r"many thanks|thx|br)\s*,?\s+[A-Z][\w'-]*(?:\s*\|[^|.?!]*)+(?=[.?!]?\s|[.?!]?$)[.?!]?",
    re.IGNORECASE,
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.?!])\s+")


def without_relay(text: str) -> str:
    """A message passing on someone's question without what only passes it on: the sentences
    after the question asking for help to answer it ("thoughts?", "can you help me answer
    this?", "what do I tell him?") and a pasted email's sign-off ("Best, Tom | VP Ops"). The
    message as it is when nothing else asks ("thoughts?" alone) or nothing is passed on."""
    kept = _SIGN_OFF.sub(" ", text).strip()
    sentences = _SENTENCE_SPLIT.split(kept)
    while len(sentences) > 1 and _RELAY.match(sentences[-1]):
        sentences.pop()
    if not any(s.rstrip().endswith("?") for s in sentences) and sentences != [kept]:
        return text  # what is left asks nothing: the relay line was the question
    return " ".join(sentences) if sentences else text


# What speech to text writes out for the mark it was told to type: "... or is that wrong
# question mark". "a question mark over the vendor", "the question mark" are the noun.
_SPOKEN_MARK = re.compile(
    r"(?<!\ba)(?<!\bthe)(?<!\bbig)(?<!\bany)(?<!\bhuge)\s*\bquestion mark\b"
    r"(?=\s*(?:[^\w\s]*\s*$|\s(?!(over|about|on|around|remains|hangs)\b)[a-z]))",
    re.IGNORECASE,
)
# Homophones speech to text writes where only the other word makes English: "is their a real
# example" is "is there a ...", "either won of these", "in won sentence" are "one".
_THEIR_FOR_THERE = re.compile(
    r"\b(?P<verb>is|are|was|were)\s+their\s+(?=(a|an|any|like|one|some|no|such|really)\b)|"
    r"^(?P<start>\W*)their\s+(?=(is|are|was|were|isn'?t|aren'?t)\b)",
    re.IGNORECASE,
)
_WON_FOR_ONE = re.compile(
    r"\bwon(?=\s+(of|sentence|word|line|thing|option|model|size)\b)|(?<=\bin\s)won\b|"
    r"(?<=\bthe\s)won(?=\s+(that|which|who|you|we|i)\b)",
    re.IGNORECASE,
)


def undictated(text: str) -> str:
    """A dictated message as it would have been typed: the mark speech to text wrote out as
    "question mark" is '?' (ending the message or followed by the next sentence), and
    homophones it chose where only the other word makes English are that word ("is their a
    real example" -> "is there a real example", "either won of these" -> "either one of
    these"); any other text as it is."""
    text = _SPOKEN_MARK.sub("?", text)
    text = _THEIR_FOR_THERE.sub(
        lambda m: f"{m.group('verb')} there " if m.group("verb") else f"{m.group('start')}there ",
        text,
    )
    return _WON_FOR_ONE.sub("one", text)


# A claim put to the reader as a quiz item: "True or false: X", "X - true or false?"
_TRUE_OR_FALSE = r"(?:true or false|true ?/ ?false|t ?/ ?f|true or not)"
_QUIZ_FIRST = re.compile(rf"^\s*{_TRUE_OR_FALSE}\s*[:?,.\-–—]+\s*(?P<claim>\S.*)$", re.I | re.S)
_QUIZ_LAST = re.compile(rf"^(?P<claim>.*\S)[\s,:;\-–—]+{_TRUE_OR_FALSE}\s*\?*\s*$", re.I | re.S)


def as_yes_no(text: str) -> str:
    """A claim put as a quiz item, asked as the yes/no question it is: "True or false: an
    offshore team is made up of the company's own employees." is "Is it true that an offshore
    team is made up of the company's own employees?"; any other text as it is."""
    found = _QUIZ_FIRST.match(text) or _QUIZ_LAST.match(text)
    if not found:
        return text
    claim = found.group("claim").strip().rstrip(".!?,;:-–— ")
    return f"Is it true that {claim[:1].lower()}{claim[1:]}?" if claim else text


# A negative tag ending a statement asks to confirm it: "... just another outside supplier
# isn't it", "... the cheapest or not", "... overseas - correct me if I'm wrong".
_NEGATIVE_TAG = re.compile(
    r"\b(?:(?:isn'?t|aren'?t|don'?t|doesn'?t|won'?t|wasn'?t|can'?t|shouldn'?t|wouldn'?t) "
    r"(?:it|that|they|we|you|there|he|she)|or not|correct me if i'?m wrong)\s*$"
)


def closing_question_mark(text: str) -> str:
    """The message with the question mark it was sent without: dictated or hurried messages
    ("so like can outsourcing be done with a vendor here or does it have to be overseas") ask
    without one. Added when the message is one unpunctuated sentence (no '.', '!' or '?'
    ending a sentence) that holds a wh-word, opens with an auxiliary ("can ...") after words
    that ask nothing, puts an auxiliary before its subject ("... are those people our own
    employees") or ends with a negative tag ("... just another supplier isn't it").
    Statements ("we outsource QA to a vendor"), punctuated messages and imperatives ("don't
    get used to it") are left alone.

    Args:
        text: The normalised message.

    Returns:
        ``text`` itself or ``text + "?"``.
    """
    if not text.strip() or _SENTENCE_MARK.search(text) or _ENDS_SENTENCE.search(text):
        return text  # "we can't find ML folks. which option helps" asks about both sentences
    said = _OPENER.sub("", text.lower().strip())
    if _DONT_DO.match(said):  # "don't get used to it" tells
        return text
    if (
        _WH_TYPED.search(said)
        or _POLAR_START.search(said)
        or _AUX_SUBJECT.search(said)
        or _NEGATIVE_TAG.search(said)
    ):
        return f"{text.rstrip()}?"
    return text


def without_set_aside(text: str) -> str:
    """The text without what it sets aside or concedes ("besides the cost savings", "given
    how expensive local hiring is"): the words of what it asks. The text itself when nothing
    else would be left."""
    kept = _SET_ASIDE.sub(" ", text)
    return kept if words(kept) else text


JUDGEMENT = (
    r"(simplistic|naive|wrong|right|fair|correct|accurate|true|false|good|bad|smart|stupid|"
    r"crazy|lazy|risky|cheap|expensive|a mistake|a day)\b"
)
"""Words judging what is called so ("call that simplistic"): calling it so names nothing."""
_ASKS_CATEGORY = re.compile(
    r"\b(quadrants?|category|categor(y|ies) (would|does|is)|box(es)?|buckets?|cells?|"
    r"(be|is) called|(how|what) (is|are|would|will) (that|this|it|they)( be)? called|"
    rf"call (it|that|this|them)(?! {JUDGEMENT})|which of the (four|4)|term for|name for|"
    r"fall (into|under)|"
    r"which (strategy|model|group|type) (is|would) (that|this|it|ours|our)|"
    r"in (the )?(matrix|grid)(['’]s)? terms|"
    # "where does that land in the grid?", "what's it called?", "the proper label for it"
    # ("... sit on the 2x2 then?")
    r"((land|lands|sit|sits|fit|fits|go|goes)|where) (in|on) (the )?(((2x2|2 x 2|two-by-two|"
    r"four-box|strategy) )?(grid|matrix)|2x2|2 x 2|two-by-two|four-box)|"
    # "that one call what in the matrix?"
    r"(call|called) what|what (do|would) (you|we|they) call|"
    r"(what(['’]?s| is)|whats) (it|that|this) called|"
    r"(proper|right|correct|official|what) label|label for (it|that|this|such))\b",
    re.IGNORECASE,
)
# A place named with a capital ("an agency here in Brazil"), not opening the sentence.
_NAMED_PLACE = re.compile(r"(?<=[a-z,;)] )[A-Z][a-z]+\b")


def asks_category(text: str) -> bool:
    """Whether the sentence that asks wants to know where a set-up sits in the strategy grid
    ("which quadrant is an agency in our own country?", "that would be 'offshore outsource'
    in the matrix's terms, wouldn't it?")."""
    return bool(_ASKS_CATEGORY.search(asking_sentences(text)[-1]))


def without_named_places(text: str) -> str:
    """The text without capitalised words inside its sentences ("an agency here in Brazil"):
    where the asker is, which a question on where a set-up sits in the grid does not ask
    about."""
    return _NAMED_PLACE.sub(" ", text)


def asking_sentences(text: str) -> list[str]:
    """The sentences of a message that ask (end in '?'); when none does, those that open as a
    wh-question ("got 3 quotes on upwork and one is low. why would a vendor lowball like
    that"); else every sentence. "6 month project, outsource or offshore? need answer before
    standup" asks the first."""
    sentences = re.split(r"(?<![ei]\.[gex]\.)(?<=[.!?])\s+", text.strip())  # not after "e.g."
    return (
        [s for s in sentences if s.endswith("?")]
        or [s for s in sentences if asks_wh(s)]
        or sentences
    )


# A preface before the question ("Two quick ones for the RFP glossary: 1) what does ...").
_PREFACE = re.compile(r"^[^:?]{1,120}:\s+(?=\S)")
# Where a question was raised before ("as discussed in standup, what are the 4 buckets ...?").
_AS_SAID = re.compile(
    r"^(?:as|like) (?:discussed|mentioned|agreed|said|asked|promised|requested|per)\b"
    r"[^,?]{0,60},\s+(?=\S)",
    re.IGNORECASE,
)
# Where a run-on message turns to its question: "... walking to standup and thinking like why
# are companies even doing this".
_TURN = re.compile(
    r"^.*\b(like|basically|i guess|the question is|wondering|real quick)\s+"
    r"(?=(why|what|whats|what's|how|which|who|when|where|is|are|isnt|isn't|can|could|should|"
    r"do|does|would|will)\b)",
    re.IGNORECASE,
)


def asked_clause(sentence: str) -> str:
    """What an asking sentence asks, without what leads up to it: a preface ending in a colon
    ("Two quick ones for the RFP glossary: what does 'onshore' mean?") or recalling where it
    was raised ("as discussed in standup, what are ...?") and, in a run-on
    sentence, the words before the question it turns to ("so basically im walking to standup
    and thinking like why are companies doing this?"). The sentence itself when neither.
    Context named there (a stand-up, an RFP) is not what is asked about."""
    asked = _AS_SAID.sub("", _PREFACE.sub("", sentence, count=1), count=1)
    if _INNER_MARK.search(asked.rstrip("?!. ")) or len(words(asked)) < _RUN_ON_WORDS:
        return asked  # punctuated: its clauses are marked
    lead = _TURN.match(asked)
    before = lead.group().lower() if lead else ""
    if not before or _WH.search(before) or _AUX_SUBJECT.search(before):
        return asked  # "how do I run an RFP like what goes in it?" asks before its "like"
    turned = asked[len(before) :]
    return turned if len(words(turned)) >= _MIN_ASKED_WORDS else asked


def _asking_sentence(lower: str) -> str:
    """The sentence that asks: the last one ending in '?', else the last sentence."""
    return asking_sentences(lower)[-1]


def asks_wh(sentence: str) -> bool:
    """Whether a sentence is a wh-question: it opens, after words that ask nothing ("ok so"),
    with what, which, how, why, when, where or who ("so what's the catch with just hiring
    onshore?"); "we keep control over how it's built, yes?" is none."""
    return bool(_WH.match(_OPENER.sub("", sentence.strip().lower())))


# A wh-word set off by a parenthetical: the clause after it goes on asking "where".
_WH_INTERRUPTED = re.compile(rf"{_WH.pattern}\s*,\s")


# A follow-up putting another case: "and if it drags past 12 months?" ("so if we outsource we
# don't need infra?" states something)
_CONDITION_ONLY = re.compile(r"((ok|okay|so),? )?(and|but|or|what) if\b")


# A wh-word opening a clause inside a statement asks nothing: "... is purely about where the
# work happens?", "that's what the bot implied", "we keep full control when outsourcing?";
# neither does a closing contrast ("..., not who's doing it?").
_EMBEDDED_WH = re.compile(
    r"\b(?:about|of|on|know|knows|see|understand|that's|thats|that is|matter|matters|"
    r"depends on|regardless of)\s+(?:what|which|how|why|when|where|who|whom|whose)\b|"
    r"\b(?:when|while)\s+(?:\w+ing|we|you|they|i|it|he|she|companies|businesses)\b|"
    r",\s+not\s+[^,?]*(?=\?)"
)


def _wh_asking(text: str) -> bool:
    """Whether a text holds a wh-word that asks (one opening a clause inside a statement does
    not: ``_EMBEDDED_WH``)."""
    return bool(_WH.search(_EMBEDDED_WH.sub(" ", text)))


def is_polar(lower: str) -> bool:
    """Whether a lower-cased question asks yes or no (and is not either/or)."""
    # The question is the last sentence, or the last one asking ("... or not? HR is asking").
    last = _OPENER.sub("", _asking_sentence(lower))
    # Its main clause comes last: "if we hire an agency here (not abroad), does that count?"
    # A dash sets off a clause too: "the vendor handles QA — is that what the article says?"
    clause = _OPENER.sub("", re.split(r"[,;:]\s+|\s+[—–-]+\s+", last)[-1])
    # "Could you list the four categories, please?" asks for the list.
    asks_for = _REQUEST.search(last) and not re.search(r"\b(me|us) (if|whether)\b", last)
    if _WH_INTERRUPTED.match(last):
        return False  # "Where, according to the article, does the saving come from?"
    if _POLAR_START.search(clause):
        last = clause
    elif (
        not asks_for
        and last.endswith("?")
        and (
            (not _wh_asking(last) and (_AUX_SUBJECT.search(last) or _CONFIRMING.search(last)))
            # A statement put as a question: "so the article says offshoring always wins?",
            # "the devs would sit on the vendor's payroll, not ours?"
            # (not an if-clause: "and if the supplier were based abroad instead?" puts
            # another case)
            or (
                not _wh_asking(lower)
                and _STATED.search(last)
                and not _CONDITION_ONLY.match(_asking_sentence(lower))
            )
            # A tag confirms a statement even when a wh-word sits inside it ("we still keep
            # control over how it's built, yes?"); not a wh-question's ("what's it cost, ok?").
            or (_TAG.search(last) and not asks_wh(last))
        )
    ):
        return not EITHER_OR.search(_TAG.sub("", last))
    if _ASKS_FOR_RULE.search(last):
        return False
    if _REQUEST.search(last) and not re.search(r"\b(me|us) (if|whether)\b", last):
        return False  # but "could you tell me if it is cheaper?" asks yes or no
    asks = bool(
        _POLAR_START.search(last) or _POLAR_ANYWHERE.search(lower) or _YES_NO_MARK.search(last)
    )
    return asks and (not EITHER_OR.search(last) or bool(_EITHER_POSSIBLE.search(last)))


# Whether something may go either way asks yes or no: "can that one be done either at home or
# abroad?" ("should we either outsource or build a team?" asks which).
_EITHER_POSSIBLE = re.compile(r"^(can|could|may|might)\b[^?]*\beither\b[^?]*\bor\b")


# Chat shorthand for the words small talk is read by: "what can u do", "r u there".
_SHORTHAND = {"u": "you", "r": "are", "ur": "your", "wat": "what", "wut": "what"}
# Chat spellings of the words a question's kind is read by: "wat is insourcing ah?" asks
# what it is, "y do firms offshore" asks why ("y" only where a sentence or clause opens).
_QUESTION_SHORTHAND = re.compile(
    r"\b(?:wat|wut|wot|wht|u|r|ur|hw|wen|whr)\b|(?:^|(?<=[.?!,;]\s))y\b(?=\s+\w)"
)
_QUESTION_WORDS = {
    **_SHORTHAND,
    "wot": "what",
    "wht": "what",
    "hw": "how",
    "wen": "when",
    "whr": "where",
    "y": "why",
}


def _spelled_out(lower: str) -> str:
    """A lower-cased message with the chat shorthand of question words spelt out."""
    return _QUESTION_SHORTHAND.sub(lambda m: _QUESTION_WORDS[m.group(0)], lower)


# Words that only stress a request for help: "what can you *actually* do?"
_STRESS = re.compile(r"\b(actually|really|exactly|even|precisely|again|then)\b\s*")
# A thanks word proper (not "ok" or "great", which open other messages too).
_THANKS_PROPER = re.compile(r"^(thanks|thank you|thx|ty|cheers|much appreciated|appreciated)\b")
_REMARK_WORDS = 8
"""A remark after a request for help or a thanks ("and don't oversell it", "saved me a lot of
reading") has at most this many words and asks nothing."""


def _remark(sentence: str) -> bool:
    """A short sentence that asks nothing ("don't get used to it")."""
    return len(sentence.split()) <= _REMARK_WORDS and not _ASKS.search(sentence)


def _help_with_remarks(flat: str) -> bool:
    """Requests for help with at most short remarks beside them ("what can you actually do? and
    don't oversell it", "What can you help me with exactly? What kind of questions should I ask
    you?")."""
    parts = [p for p in re.split(r"(?<=[?.])\s+|\s+[—–-]+\s+", _STRESS.sub("", flat)) if p.strip()]
    helps = [bool(_HELP.match(_OPENER.sub("", p.strip()))) for p in parts]
    return any(helps) and all(h or _remark(p) for h, p in zip(helps, parts, strict=True))


def _small_talk(lower: str) -> str:
    flat = " ".join(_SHORTHAND.get(w, w) for w in lower.replace("!", " ").split())
    greeting = _GREETING_PREFIX.match(flat)
    # "hello! who are you?" asks for help after its greeting.
    after_greeting = flat[greeting.end() :] if greeting else ""
    if not flat or _HELP.match(flat) or (after_greeting and _HELP.match(after_greeting)):
        return "help"
    if _help_with_remarks(after_greeting or flat):
        return "help"
    if _GREETING.match(flat):
        return "greeting"
    # "thanks, that was really helpful, saved me a lot of reading" may run longer than "ok cool".
    longest = 3 * _REMARK_WORDS if _THANKS_PROPER.match(flat) else _REMARK_WORDS
    thanks = _THANKS.match(flat) and len(flat.split()) <= longest and not _THANKS_ASKS.search(flat)
    if thanks or _COMPLIMENT.match(flat):
        return "thanks"
    return _small_talk_by_words(flat)


def _language(text: str) -> str:
    tokens = words(text)
    letters = [c for c in text if c.isalpha()]
    # Scripts that write no spaces between words (Japanese, Chinese) or no Latin letters at all
    # cannot be judged by counting words.
    other_script = sum(1 for c in letters if ord(c) >= _LATIN_END) >= _OTHER_SCRIPT_SHARE * max(
        len(letters), 1
    )
    if not letters or (len(tokens) < _MIN_WORDS_FOR_LANGUAGE and not other_script):
        return ""
    # English's longer stop words only: "he", "i", "me" are words of Māori too
    english = sum(1 for t in tokens if t in STOPWORDS and len(t) >= _MIN_TELLING_STOPWORD)
    if english / len(tokens) > _MAX_ENGLISH_STOPWORD_SHARE:
        return ""
    code, probability = _identifier().classify(text)
    if code == "en" or probability < _MIN_LANGUAGE_PROBABILITY:
        return ""
    return str(code)


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]  # py3langid ships no type hints
    """py3langid's identifier with probabilities normalised to 0..1 (loaded on first use)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
