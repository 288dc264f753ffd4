"""Temporal expressions (TimeML TIMEX3-like) with values normalised to the publication date.

Rules over the text find the expressions (``timex.patterns``); the spaCy parse then vetoes
readings the words alone cannot rule out ("May" the modal verb, "fall" the verb, "1990" a
count of people) and tells the tense of the verb that governs an expression, which decides
whether "on Sunday" is the last Sunday or the next one. ``timex.normalise`` computes each
value against the anchor and the dates mentioned before it, in text order.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from parley.extract.timex.normalise import HANDLERS, Context
from parley.extract.timex.patterns import Candidate, choose, find_candidates
from parley.extract.timex.words import UNITS
from parley.model import Span, TimeExpr
from parley.nlp import doc_text

FUTURE_AUX = {"will", "wo", "'ll", "ll", "shall", "would", "'d"}
# verbs whose object or complement lies ahead: "planned a rally on Saturday"
PLAN_VERBS = {"schedule", "plan", "slate", "reschedule", "postpone", "delay", "set"}
FUTURE_VERBS = PLAN_VERBS | {"expect", "due", "intend", "aim"}
TEMPORAL_PREP = {
    "in", "on", "of", "since", "by", "until", "till", "through", "from", "to", "during", "before",
    "after", "early", "late", "mid", "last", "next", "this", "and", "or", "between", "around",
    "as", "for", "into", "throughout", "that", "-",
}  # fmt: skip
RATE_WORDS = {
    "million", "billion", "trillion", "thousand", "percent", "%", "cents", "dollars", "times",
    "twice", "once", "a", "points", "barrels", "tons", "hours", "days",
}  # fmt: skip
NAME_WORDS = {"this", "noon", "today", "tomorrow"}
SEASON_PREP = {"in", "during", "over", "through", "until", "by", "into", "since", "throughout"}
SEASON_PREP |= {"before", "after", "for", "till"}
# rules whose value comes from the text itself, not from an earlier mention
ANCHORING_RULES = {
    "date_full", "month_day", "day_coord", "month_year", "month", "year", "quarter", "half",
    "season", "weekday", "deictic", "relative", "holiday", "time",
}  # fmt: skip
FUTURE_BEFORE = re.compile(
    r"\b(?:until|till|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|starting|beginning"
    r"|postponed\s+to|delayed\s+to|deadline\s+of)\s+(?:on\s+)?$"
)
SHORT_UNIT = re.compile(r"(?:day|night|week|hour|minute|second)", re.I)
PAST_BEFORE = re.compile(r"\b(?:since|ever\s+since)\s+$")
DURATION_HEADS = {"for", "over", "within", "in", "after", "take", "took", "taken", "last"}


def _is_age(span: SpacySpan) -> bool:
    """ "a 9-year-old", "61 years old": ages are not temporal expressions."""
    if span.text.lower().endswith("-old"):
        return True
    nxt = _after(span)
    if nxt is None:
        return False
    following = nxt.doc[nxt.i + 1] if nxt.i + 1 < len(nxt.doc) else None
    return nxt.lower_ == "old" or (
        nxt.text == "-" and following is not None and following.lower_ == "old"
    )


def _tokens(doc: Doc, c: Candidate) -> SpacySpan | None:
    return doc.char_span(c.start, c.end, alignment_mode="expand")


def _before(span: SpacySpan) -> Token | None:
    return span.doc[span.start - 1] if span.start > 0 else None


def _after(span: SpacySpan) -> Token | None:
    return span.doc[span.end] if span.end < len(span.doc) else None


def plausible(c: Candidate, span: SpacySpan, text: str) -> bool:
    """False for matches the parse shows are not temporal expressions."""
    m, rule = c.match, c.rule
    prev, nxt = _before(span), _after(span)
    prev_word = prev.lower_ if prev is not None else ""
    if rule == "month" and not m["rel"] and not m["ryear"] and c.start == m.start():
        word = m["month"].lower()
        token = next((t for t in span if t.idx == m.start("month")), span[0])
        if token.tag_ == "MD" or (token.pos_ == "VERB" and word in ("march", "may")):
            return False
        if word in ("may", "march") and prev_word not in TEMPORAL_PREP:
            return False
    if rule == "year" and not m["yword"] and m.start() == c.start and c.start == m.start("year"):
        if prev is not None and (prev.text in ("$", "#", "No.", "no.") or prev.like_num):
            return False
        if nxt is not None and nxt.tag_ in ("NNS",) and nxt.lower_ not in ("levels", "prices"):
            return False
        if span[0].ent_type_ in ("MONEY", "QUANTITY", "PERCENT"):
            return False
        if _names_a_model(span[0], prev):
            return False  # part of a name: "Aurora 1975", "Petrenko's 2009 Skoda"
        if int(m["year"]) < 1900 and prev_word not in TEMPORAL_PREP | {"the", "year", "in"}:
            return False
    if rule == "set" and m["freq"] and span[0].tag_ != "RB":
        # "weekly talks", "a monthly report", "the state-run daily"
        return not (span[0].pos_ == "NOUN" or (nxt is not None and nxt.pos_ in ("NOUN", "ADJ")))
    first = span[0]
    if first.text[:1].isupper() and first.lower_ in NAME_WORDS and _is_title(span, prev):
        return False  # a programme or film: CBS' "This Week", "Tomorrow Never Dies"
    if rule == "season" and not m["rel"] and not m["year"]:
        return False
    if rule == "season" and m["rel"] and m["rel"].lower() == "the":
        return prev_word in SEASON_PREP and (nxt is None or nxt.lower_ != "of")
    if rule == "reference":
        word = m["ref"].lower()
        if word == "current" and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
            return nxt.lower_ in ("period", "term", "session", "year", "month", "week")
        if word == "soon" and (prev_word == "as" or (nxt is not None and nxt.lower_ == "after")):
            return False
        if word == "soon" and tense_of(span, text) == "PAST":
            return False  # "the queue soon grew": narrative past, not a future
        if word == "the future" and nxt is not None and nxt.lower_ == "of":
            return False
        if word == "the past" and nxt is not None and nxt.like_num:
            return False  # "the past two harvests": a span the rules cannot value
    if rule == "ago" and m["dir"].lower() in ("earlier", "later") and SHORT_UNIT.match(m["unit"]):
        return False  # "three days later": the duration alone is the expression
    if rule in ("duration", "vague") and _is_age(span):
        return False
    if rule == "duration" and m["unit"]:
        q, unit = m["q"].lower(), m["unit"].lower()
        if q in ("a", "an") and unit in ("second", "quarter"):
            return False
        if q in ("a", "an") and prev is not None and (prev.like_num or prev_word in RATE_WORDS):
            return False  # a rate: "$3 billion a year", "two convoys a week"
        if unit.startswith("quarter") and nxt is not None and nxt.lower_ == "of":
            return False
        if nxt is not None and nxt.lower_ in ("a", "per") and _rate_unit(nxt):
            return False  # "18 hours a day": a rate, not a span of time
    if rule == "vague" and not m["mod"] and not m["q"]:
        return prev_word in DURATION_HEADS and (nxt is None or nxt.lower_ != "of")
    return True


def _rate_unit(article: Token) -> bool:
    """True when ``article`` ("a", "per") is followed by a unit of time: "a day", "per week"."""
    unit = article.doc[article.i + 1] if article.i + 1 < len(article.doc) else None
    return unit is not None and unit.lower_ in UNITS


def _names_a_model(year: Token, prev: Token | None) -> bool:
    """A year inside a proper name: after it ("Aurora 1975") or as a model year after a
    possessive ("Petrenko's 2009 Skoda"); "the 2011 Budapest Accord" keeps its year."""
    if year.dep_ != "nummod" or year.head.tag_ != "NNP":
        return False
    return year.head.i < year.i or (prev is not None and prev.tag_ == "POS")


def _is_title(span: SpacySpan, prev: Token | None) -> bool:
    """A capitalised "This"/"Today"/"Noon" inside a sentence names a programme or a film;
    in quotes only when every word is capitalised and the quote opens mid-sentence."""
    if prev is None or span[0].is_sent_start:
        return False
    if not (prev.is_punct or prev.is_quote):
        return True
    before = span.doc[prev.i - 1] if prev.i > 0 else None
    return (
        prev.is_quote
        and len(span) > 1
        and all(t.text[:1].isupper() for t in span)
        and before is not None
        and before.text not in (".", ":", ",", "!", "?", "--", "``")
    )


def verb_tense(verb: Token) -> str | None:
    """PAST, PRESENT or FUTURE of a verb, from its auxiliaries and morphology."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return "FUTURE"
    # the tense of the finite auxiliary ("had been told", "is expected"), else of the verb
    finite = [t for a in auxes if a.lower_ != "to" for t in a.morph.get("Tense")]
    tenses = finite or list(verb.morph.get("Tense"))
    if "Past" in finite:
        return "PAST"
    if _is_set_on(verb):
        return "PAST"  # "the flood mark set on July 9" (but "a vote set for Sunday")
    if verb.lemma_ in FUTURE_VERBS and verb.tag_ == "VBN" or verb.lower_ == "going":
        return "FUTURE"  # "is expected in June", "is scheduled for Monday"
    if verb.lemma_ in PLAN_VERBS - {"set"} and not _is_pluperfect(verb):
        return "FUTURE"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "PAST"  # "they have recovered the recorder from the October crash"
    if "to" in words or verb.tag_ == "VB":
        head = verb.head
        if head.lemma_ in FUTURE_VERBS or head.lower_ == "going" or head.lemma_ == "be":
            return "PAST" if _is_pluperfect(head) else "FUTURE"
        if head is not verb and head.pos_ in ("VERB", "AUX") and verb.dep_ in ("xcomp", "ccomp"):
            return verb_tense(head)
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "amod"):
        return "PAST"
    if "Past" in tenses:
        return "PAST"
    if "Pres" in tenses:
        return "PRESENT"
    return None


def _is_set_on(verb: Token) -> bool:
    """ "set" as a reduced relative without "for" or "to": a record set, not a date set."""
    return (
        verb.lemma_ == "set"
        and verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and not any(c.lower_ in ("for", "to") for c in verb.children)
    )


def _is_pluperfect(verb: Token) -> bool:
    """ "had planned to", "had been set to": a plan that lies in the past."""
    if verb.dep_ in ("acomp", "attr") and verb.head.lemma_ == "be":
        verb = verb.head  # "due" in "the vote had been due": the copula carries the auxiliary
    return any(c.lower_ in ("had", "'d") for c in verb.children if c.dep_ in ("aux", "auxpass"))


def tense_of(span: SpacySpan, text: str | None = None) -> str | None:
    """The tense of the verb governing ``span``: its nearest verbal ancestor; FUTURE after
    "until", "as soon as", "as early as". ``text`` is ``span.doc.text`` (slow to rebuild)."""
    text = doc_text(span.doc) if text is None else text
    before = text[max(0, span.start_char - 20) : span.start_char].lower()
    verb = _governing_verb(span)
    if FUTURE_BEFORE.search(before):
        # "Until Monday, officials had not confirmed it": a bound already past
        return "PAST" if verb is not None and _is_pluperfect(verb) else "FUTURE"
    if PAST_BEFORE.search(before):
        return "PAST"
    if verb is not None and verb.lemma_ in PLAN_VERBS and verb.tag_ == "VBD" and span.end <= verb.i:
        return "PAST"  # "On Tuesday, the council planned to ...": the day of the planning
    return verb_tense(verb) if verb is not None else None


def _governing_verb(span: SpacySpan) -> Token | None:
    """The nearest verbal ancestor of the span's root, at most six steps up."""
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def extract_times(doc: Doc, anchor: date | None) -> list[TimeExpr]:
    """The temporal expressions of ``doc`` in text order, valued against ``anchor``.

    Without an anchor, expressions whose value depends on it keep TimeML's underspecified
    form ("XXXX", "XXXX-WXX-7") instead of a guess.
    """
    text = doc_text(doc)
    context = Context(anchor)
    found: list[TimeExpr] = []
    spans = {}
    for candidate in find_candidates(text):
        span = _tokens(doc, candidate)
        if span is not None and plausible(candidate, span, text):
            spans[candidate] = span
    for candidate in choose(list(spans)):
        span = spans[candidate]
        context.tense = tense_of(span, text)
        result = HANDLERS[candidate.rule](candidate.match, context)
        if result is None:
            continue
        kind, value = result
        found.append(TimeExpr(Span.of(text, candidate.start, candidate.end), kind, value))
        if kind in ("DATE", "TIME") and candidate.rule in ANCHORING_RULES:
            context.remember(value)
    return found
