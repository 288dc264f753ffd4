"""Status, negation and modality of an event, read off the dependency parse.

The status comes from the event's own clause first (modal verbs: "will meet" planned, "could
meet" hypothetical, "must return" proposed; "willing to", "going to"; an "if"/"unless"
clause), then from the nearest cue word on the way up the tree ("a proposal for talks",
"preparations for talks", "the prospects for meetings", "since the collapse of talks"). A
denial anywhere above the event wins ("the Kremlin denied preparations are underway for
talks"). Past perfect outside reported speech makes an event historical.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from parley.kb.plover import Lexicon

NO_WORDS = {"no", "never", "none", "nobody", "nothing", "neither"}
# the order cue words are read in: a word listed both as planning and as proposing ("plan")
# makes an event planned ("talks are planned", "plans to meet")
CUE_ORDER = ("planned", "proposed", "hypothetical")
# nouns of a conditional phrase: "in the event of", "in case of", "in the case that"
CONDITION_NOUNS = {"event", "case"}
# how an event hangs under a word whose meaning (a proposal, a plan, a denial) bears on it:
# an argument or complement. An event that is only coordinated with it, an adverbial or
# relative clause beside it, or a parenthesis, is not under it ("X demanded …, but Y
# refused": the refusal is no demand)
# how an event noun is the object of a verb ("lead to sanctions", "launch an attack")
OBJECT_DEPS = {"dobj", "prep", "pobj", "attr", "oprd", "nsubjpass"}
FREE_DEPS = {"conj", "advcl", "parataxis", "relcl", "appos", "npadvmod"}


@dataclass(frozen=True, slots=True)
class Modality:
    status: str = "asserted"
    cue: Token | None = None
    reason: str = ""
    intent: bool = False  # the actor states what it will do: PLOVER codes this AGREE/THREATEN
    deontic: bool = False


def clause_verb(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` (the token itself for a verb)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def _reported(tok: Token, lex: Lexicon) -> bool:
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in lex.words.get("reporting_verbs", ()):
            return True
    return False


def _conditional(verb: Token, lex: Lexicon) -> Token | None:
    marks = lex.words.get("conditional_marks", ())
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
            return c
    return None


def conditional_phrase(tok: Token) -> Token | None:
    """The noun of a conditional phrase on ``tok`` ("in the event of a strike", "in case
    of an attack"), else None."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if (
                    p.dep_ == "pobj"
                    and p.lemma_.lower() in CONDITION_NOUNS
                    and any(x.dep_ in ("prep", "acl", "relcl") for x in p.children)
                ):
                    return p
    return None


def _negated_cue(t: Token) -> bool:
    """A plan or proposal said not to exist: "no plans to", "did not plan to"."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in NO_WORDS) for c in t.children)


def _inverted(verb: Token, aux: Token) -> bool:
    """An auxiliary before the subject of a clause that is no question: a condition
    ("… should it invade", "should talks fail, …")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not aux.i < subj.i:
        return False
    last = verb.sent[-1] if len(verb.sent) else verb
    return last.text != "?"


def _own_clause(tok: Token) -> bool:
    """A coordinated verb with a subject or auxiliary of its own ("…, but Russia refused",
    "… and has announced"), not one that shares its head's ("expected to promise and send")."""
    return tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children
    )


def _finite_past(verb: Token) -> bool:
    """A verb that reports its event as done: past tense or perfect ("withdrew", "had
    recalled", "has refused")."""
    if verb.tag_ == "VBD":
        return not any(c.dep_ == "aux" for c in verb.children)
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "'s", "'ve", "'d")
        for c in verb.children
    )


def own_modality(verb: Token, lex: Lexicon) -> Modality | None:
    """Modality marked on the clause of ``verb`` itself."""
    marks = lex.words.get("conditional_marks", ())
    if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in verb.children):
        cue = next(m for m in verb.children if m.dep_ == "mark")
        return Modality("hypothetical", cue, f"condition '{cue.text}'")
    conditional = _conditional(verb, lex)
    for c in verb.children:
        if c.dep_ != "aux":
            continue
        word = c.lower_
        if word in lex.words.get("future_aux", ()):
            if conditional is not None:
                return Modality("hypothetical", c, f"'{c.text}' with a condition", intent=True)
            return Modality("planned", c, f"future '{c.text}'", intent=True)
        if word in ("would", "'d"):
            if conditional is None and _reported(verb, lex):
                return Modality("planned", c, "reported 'would'", intent=True)
            return Modality("hypothetical", c, "'would'", intent=conditional is not None)
        if word in lex.words.get("hypothetical_aux", ()):
            return Modality("hypothetical", c, f"modal '{c.text}'")
        if word in lex.words.get("deontic_aux", ()):
            if word == "should" and _inverted(verb, c):
                return Modality("hypothetical", c, "inverted condition 'should'")  # "should it"
            return Modality("proposed", c, f"deontic '{c.text}'", deontic=True)
    head = verb.head
    if (
        verb.dep_ == "xcomp"
        and head.lemma_ == "be"
        and any(c.lower_ == "to" for c in verb.children)
    ):
        return Modality("planned", head, f"'{head.text} to'")  # "is to visit": scheduled
    cond = conditional_phrase(verb)
    for obj in (c for c in verb.children if c.dep_ == "dobj" and cond is None):
        cond = conditional_phrase(obj)  # "announced sanctions in the event of …"
    if cond is not None:
        return Modality("hypothetical", cond, f"'{cond.text} the {cond.head.text}'")
    if (
        verb.dep_ == "conj"
        and head.i != verb.i
        and head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children)
    ):
        shared = own_modality(head, lex)  # "will meet and discuss"
        if shared is not None and shared.status in ("planned", "hypothetical", "proposed"):
            return shared
    if verb.dep_ == "xcomp" and head.i != verb.i:
        hl = head.lemma_.lower()
        if head.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
            return Modality("planned", head, "'going to'", intent=True)
        if lex.has("intent_words", hl) or lex.has("intent_words", head.lower_):
            return Modality("planned", head, f"'{head.text} to'", intent=True)
        if lex.has("possibility_words", hl):  # "likely to attack"
            return Modality("hypothetical", head, f"'{head.text} to'")
        if lex.has("readiness_words", hl) or lex.has("readiness_words", head.lower_):
            # "ready to impose sanctions": a willingness, on a condition said or not
            return Modality("hypothetical", head, f"'{head.text} to'", intent=True)
        if head.pos_ in ("VERB", "AUX"):
            inherited = own_modality(head, lex)
            if inherited is not None and inherited.status in ("planned", "hypothetical"):
                return inherited
    return None


def path_modality(anchor: Token, lex: Lexicon) -> tuple[Modality | None, Modality | None]:
    """(a denial above the event, the nearest other cue above it).

    A cue word applies to the events that are its arguments or complements: climbing stops
    looking for one after an edge of ``FREE_DEPS``, and after a finite clause in the past
    ("announced that it had recalled its ambassador": the recall is reported as done). A
    modal or future verb applies to an event noun that is its object ("would lead to
    sanctions", "could respond with an attack"). A conditional phrase ("in the event of")
    on a word above makes the event hypothetical."""
    words = lex.status_words
    marks = lex.words.get("conditional_marks", ())
    since = lex.words.get("historical_preps", ())
    denied = nearest = None
    bound = False  # a cue above no longer bears on the event
    first_verb = True
    t = anchor
    for _ in range(12):
        if t.head.i == t.i:
            break
        came_from = t
        t = t.head
        lemma = t.lemma_.lower()
        if came_from.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in marks for m in came_from.children
        ):
            nearest = nearest or Modality("hypothetical", t, "inside a condition")
        if came_from.dep_ == "pobj" and lemma == "of" and t.head.lemma_.lower() in CONDITION_NOUNS:
            cond = t.head
            if cond.dep_ == "pobj" and cond.head.lower_ == "in":
                nearest = nearest or Modality("hypothetical", cond, f"'in the {cond.text} of'")
        if came_from.dep_ in FREE_DEPS and (came_from.dep_ != "conj" or _own_clause(came_from)):
            bound = True  # coordinated nouns and bare verbs share their head: "to promise and send"
        if (
            came_from.pos_ in ("VERB", "AUX")
            and came_from.dep_ == "ccomp"
            and _finite_past(came_from)
        ):
            bound = True
        if came_from.dep_ == "conj":
            continue  # "talked of X but rejected Y": a cue word is not its coordinated verb's
        if lemma in words.get("denied", ()) and denied is None:
            denied = Modality("denied", t, f"under '{t.text}'")
            continue
        if nearest is not None or bound:
            continue
        cond = conditional_phrase(t)
        if cond is not None:
            nearest = Modality("hypothetical", cond, f"'in the {cond.text} of' on '{t.text}'")
            continue
        if t.lower_ in since and t.dep_ in ("prep", "mark"):
            nearest = Modality("historical", t, f"'{t.text}' phrase")
            continue
        if t.pos_ in ("VERB", "AUX") and first_verb:
            first_verb = False
            cue_verb = any(lemma in words.get(status, ()) for status in CUE_ORDER)
            if anchor.pos_ in ("NOUN", "PROPN") and came_from.dep_ in OBJECT_DEPS and not cue_verb:
                carried = own_modality(t, lex)  # a cue verb ("will discuss X") speaks for itself
                if carried is not None and carried.status in ("planned", "hypothetical"):
                    nearest = Modality(
                        carried.status, carried.cue, f"object of '{t.text}': {carried.reason}"
                    )
                    continue
        for status in CUE_ORDER:
            if lemma in words.get(status, ()) or t.lower_ in words.get(status, ()):
                if lemma == "talk" and t.tag_ == "NNS":
                    continue  # "talks" are an event, "talk of talks" a rumour
                if status != "hypothetical" and _negated_cue(t):
                    nearest = Modality("denied", t, f"under no '{t.text}'")  # "no plans to"
                else:
                    nearest = Modality(status, t, f"under '{t.text}'")
                break
        if nearest is None and t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != came_from.i:
                    cl = c.lemma_.lower()
                    for status in CUE_ORDER[:2]:
                        if cl in words.get(status, ()):
                            nearest = Modality(status, c, f"'{c.text}' of the clause")
                            break
    return denied, nearest


def past_perfect(verb: Token, lex: Lexicon) -> bool:
    if verb.tag_ != "VBN":
        return False
    had = any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)
    return had and not _reported(verb, lex)


def modality(anchor: Token, verb: Token | None, lex: Lexicon) -> Modality:
    """The event's status: a denial above it, else its own clause, else the nearest cue."""
    denied, nearest = path_modality(anchor, lex)
    if denied is not None:
        return denied
    if anchor.pos_ in ("NOUN", "PROPN"):
        done = next((c for c in anchor.children if c.dep_ == "relcl" and _finite_past(c)), None)
        if done is not None:  # "the sanctions that Japan has imposed": done, whatever is said
            return Modality("asserted", done, f"done: '{done.text}'")
    own = own_modality(verb, lex) if verb is not None else None
    if own is not None:
        return own
    predicate = _predicate(anchor, lex)
    if predicate is not None:
        return predicate
    on_noun = noun_modality(anchor, lex)
    if on_noun is not None:
        return on_noun
    if nearest is not None:
        return nearest
    if verb is not None and past_perfect(verb, lex):
        return Modality("historical", verb, "past perfect")
    return Modality()


def noun_modality(noun: Token, lex: Lexicon) -> Modality | None:
    """What a planning word on an event noun says of it: "talks planned for next month", "the
    scheduled visit" (planned)."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for c in noun.children:
        if c.dep_ in ("amod", "acl") and c.lemma_.lower() in lex.status_words.get("planned", ()):
            return Modality("planned", c, f"'{c.text}' on the noun")
    return None


def hedge(noun: Token | None, verb: Token | None, lex: Lexicon) -> Token | None:
    """The word that says an event may only be: a modifier of its noun ("a possible invasion",
    "potential sanctions") or an adverb of its verb ("partisans likely blew up a bridge")."""
    if noun is not None and noun.pos_ in ("NOUN", "PROPN"):
        for c in noun.children:
            if c.dep_ == "amod" and lex.has("possibility_words", c.lemma_.lower()):
                return c
    if verb is not None:
        for c in verb.children:
            if c.dep_ == "advmod" and lex.has("possibility_adverbs", c.lower_):
                return c
    return None


def _predicate(anchor: Token, lex: Lexicon) -> Modality | None:
    """What a predicate adjective says of an event noun that is its subject: "an invasion is
    possible" (hypothetical), "further sanctions are imminent" (planned)."""
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "nsubj":
        return None
    for c in anchor.head.children:
        if c.dep_ != "acomp":
            continue
        low = c.lemma_.lower()
        if lex.has("possibility_words", low):
            return Modality("hypothetical", c, f"'is {c.text}'")
        if lex.has("imminence_words", low):
            return Modality("planned", c, f"'is {c.text}'")
    return None


def negated(anchor: Token, trigger: Token, verb: Token | None, lex: Lexicon) -> tuple[bool, str]:
    """Whether the event is said not to happen: "did not meet", "no talks took place"."""
    for tok in {anchor, trigger}:
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in NO_WORDS):
                return True, f"'{c.text}'"
    if trigger.head.lower_ == "without" and trigger.dep_ == "pobj":
        return True, "'without'"
    happens = (
        verb is not None and verb.i != anchor.i and lex.has("happen_verbs", verb.lemma_.lower())
    )
    if happens and trigger.dep_ in ("nsubj", "nsubjpass"):  # "talks did not take place"
        for c in verb.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NO_WORDS):
                return True, f"'{c.text}'"
    if verb is not None and verb.i == anchor.i:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and any(
                d.dep_ == "det" and d.lower_ in NO_WORDS for d in c.children
            ):
                return True, "no one"  # "no one has addressed the initiative"
    return False, ""
