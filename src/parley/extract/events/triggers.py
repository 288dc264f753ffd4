"""Triggers: the verbs and nouns that express an event, matched against the lexicon.

Each token is looked up by lemma; the first pattern (most specific first) whose part of
speech, preposition and argument constraints hold wins. Then three rewrites turn matches
into event drafts:

* a verb pattern that names its object ("lift" + "sanctions", "open" + "fire") absorbs the
  object's own reading;
* a noun under a support verb ("held talks", "declared a curfew", "began a mediation
  bid", "staged a hunger strike") is anchored on that verb, which gives it its
  subject, tense and negation;
* coordinated nouns of one type are one event ("continued attacks and war crimes").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from parley.extract.events.status import Modality
from parley.kb.plover import Lexicon, Pattern

OBJ_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "xcomp", "ccomp", "acomp",
            "npadvmod", "appos", "pobj"}  # fmt: skip
MOD_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}
# a pattern's "with" word that any named place as the object fills
PLACE_WORD = "@place"


def _no_place(t: Token) -> bool:
    return False


PREP_DEPS = {"prep", "prt", "agent", "dative"}


@dataclass
class Draft:
    """An event while it is being coded (tokens, not yet spans and ids)."""

    trigger: Token
    pattern: Pattern
    type: str
    mode: str | None
    kind: str  # verbal, nominal, derived
    anchor: Token  # the token the event's clause hangs on: the verb, support verb or noun
    node: Token  # a noun's place in the tree ("bid" in "a mediation bid")
    start: int  # token span of the trigger
    end: int
    light: Token | None = None
    matched: Token | None = None
    rule: str = ""
    notes: list[str] = field(default_factory=list)
    members: list[Token] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    governor: Draft | None = None
    depth: int = 0
    penalty: float = 0.0
    modality: Modality | None = None
    status: str = "asserted"
    negated: bool = False
    dropped: bool = False
    derived_from: Draft | None = None
    conf: float = 0.0

    @property
    def heads(self) -> set[int]:
        out = {self.trigger.i, self.anchor.i, self.node.i}
        if self.light is not None:
            out.add(self.light.i)
        return out | {m.i for m in self.members}


def arg_words(
    t: Token, extra: Token | None = None, place: Callable[[Token], bool] = _no_place
) -> dict[str, Token]:
    """Lemmas (and forms) of the words that fill ``t``'s slots: objects, prepositional
    objects, compounds and modifiers, subject, complement verb; ``PLACE_WORD`` for an object
    that names a place (``place``: the article's places and states)."""
    out: dict[str, Token] = {}

    def add(x: Token) -> None:
        out.setdefault(x.lemma_.lower(), x)
        out.setdefault(x.lower_, x)

    def add_np(x: Token) -> None:
        add(x)
        for c in x.children:
            if c.dep_ in MOD_DEPS or c.dep_ == "conj":
                add(c)
            elif c.dep_ == "prep" and c.lower_ in ("of", "as"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(p)
                        for cc in p.children:
                            if cc.dep_ in ("compound", "amod"):
                                add(cc)

    for tok in (t, extra) if extra is not None else (t,):
        for c in tok.children:
            d = c.dep_
            if d in ("dobj", "nsubjpass") and place(c):
                out.setdefault(PLACE_WORD, c)  # "captured Avdiivka": a place taken
            if d in OBJ_DEPS:
                add_np(c)
                if d in ("xcomp", "ccomp"):
                    for cc in c.children:
                        if cc.dep_ in ("dobj", "attr"):
                            add_np(cc)
            elif d in MOD_DEPS:
                add(c)
                for cc in c.children:
                    if cc.dep_ in ("compound", "amod"):
                        add(cc)
            elif d in ("prep", "agent"):
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        add_np(p)
            elif d == "prt":
                add(c)
    return out


def forms(t: Token) -> tuple[str, ...]:
    """The lemma and, for a past form the lemmatiser may have mangled ("staged" -> "stag"),
    the forms without the ending."""
    lemma = t.lemma_.lower()
    low = t.lower_
    if t.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        return (lemma, low[:-1], low[:-2])
    return (lemma,)


def is_light(t: Token, lex: Lexicon) -> bool:
    lights = lex.words.get("light_verbs", ())
    return any(f in lights for f in forms(t))


def _preps(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in PREP_DEPS}


def _has_obj(t: Token) -> bool:
    deps = ("dobj", "xcomp", "ccomp", "dative") if t.pos_ == "VERB" else ("prep", "xcomp")
    return any(c.dep_ in deps for c in t.children)


def _pos(t: Token) -> str | None:
    if t.pos_ == "VERB":
        return "VERB"
    if t.pos_ == "NOUN":
        return "NOUN"
    if t.pos_ == "ADJ":
        return "ADJ"
    return None


def _pos_ok(want: str | None, pos: str, t: Token) -> bool:
    if want is None or want == pos:
        return True
    return t.tag_ == "VBN" and {want, pos} == {"VERB", "ADJ"}  # "committed", "prepared"


def match(
    t: Token, lex: Lexicon, place: Callable[[Token], bool] = _no_place
) -> tuple[Pattern, Token | None] | None:
    """The pattern ``t`` triggers (with the argument its constraint matched), or None."""
    pos = _pos(t)
    if pos is None:
        return None
    pats: tuple[Pattern, ...] = ()
    for form in (*forms(t), t.lower_):
        pats = lex.patterns(form)
        if pats:
            break
    if not pats:
        return None
    light = None
    if pos == "NOUN" and t.dep_ in ("dobj", "nsubjpass") and is_light(t.head, lex):
        light = t.head
    preps = _preps(t) | (_preps(light) if light is not None else set())
    words: dict[str, Token] | None = None
    for p in pats:
        if p.comp or not _pos_ok(p.pos, pos, t):
            continue
        if p.text and t.lower_ not in p.text:
            continue
        if p.prep and not (p.prep & preps):
            continue
        if p.not_prep & _preps(t):
            continue
        if p.with_ or p.not_with:
            if words is None:
                words = arg_words(t, light, place)
            if p.with_ and not (p.with_ & words.keys()):
                continue
            if p.not_with & words.keys():
                continue
        if p.needs_obj and not _has_obj(t):
            continue
        hit = None
        if p.with_ and words is not None:
            hit = next((words[w] for w in sorted(p.with_) if w in words), None)
        return p, hit
    return None


def _transparent_head(n: Token, lex: Lexicon) -> Token:
    """ "mediation effort" -> effort, "round of talks" -> round, "wave of attacks" -> wave."""
    nouns = lex.words.get("transparent_nouns", ())
    node = n
    for _ in range(3):
        if node.dep_ == "compound" and node.head.lemma_.lower() in nouns:
            node = node.head
        elif (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and node.head.head.lemma_.lower() in nouns
            and node.head.head.pos_ == "NOUN"
        ):
            node = node.head.head
        else:
            break
    return node


def _light_verb(node: Token, lex: Lexicon) -> Token | None:
    head = node.head
    if node.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head if is_light(head, lex) else None
    if node.dep_ == "pobj" and head.lower_ in lex.words.get("light_preps", ()):
        verb = head.head
        if verb.pos_ == "VERB" and is_light(verb, lex) and head.dep_ == "prep":
            return verb
    return None


def _aspect_start(n: Token, lex: Lexicon) -> int:
    """Start of a noun trigger with its aspect modifiers and bare compounds: "continued
    attacks", "war crimes", "hunger strike"."""
    mods = lex.words.get("aspect_modifiers", ())
    start = n.i
    for c in sorted(n.lefts, key=lambda c: -c.i):
        if c.i != start - 1:
            break
        hyphen = c.i > 0 and c.doc[c.i - 1].text == "-"
        if not hyphen and (
            (c.dep_ == "compound" and c.pos_ == "NOUN") or (c.dep_ == "amod" and c.lower_ in mods)
        ):
            start = c.i
        else:
            break
    return start


def _particle_end(t: Token, p: Pattern) -> int:
    end = t.i + 1
    for c in t.children:
        if c.dep_ == "prt" and c.lower_ in p.prep and c.i > t.i and c.i - t.i <= 3:
            end = max(end, c.i + 1)
    return end


def find_drafts(
    tokens: Iterable[Token], lex: Lexicon, place: Callable[[Token], bool] = _no_place
) -> list[Draft]:
    """Event drafts of one sentence (before arguments, status and derived events) from its
    ``tokens`` that can match a pattern (``Context.scan``)."""
    drafts: dict[int, Draft] = {}
    for t in tokens:
        found = match(t, lex, place)
        if found is None:
            continue
        p, hit = found
        if p.type is None:
            continue  # a blocking pattern: "struck a more optimistic tone"
        nominal = (p.pos or _pos(t)) == "NOUN"
        if nominal:
            d = Draft(t, p, p.type, p.mode, "nominal", t, t, _aspect_start(t, lex), t.i + 1)
        else:
            d = Draft(t, p, p.type, p.mode, "verbal", t, t, t.i, _particle_end(t, p))
        d.matched = hit
        d.rule = p.id
        drafts[t.i] = d
    # a verb pattern that names its object absorbs the object's own reading
    for d in list(drafts.values()):
        if d.kind == "verbal" and d.matched is not None and not d.pattern.keep:
            other = drafts.get(d.matched.i)
            if other is not None and other is not d and other.kind == "nominal":
                d.notes.append(f"'{d.matched.text}' read as part of '{d.trigger.text}'")
                del drafts[d.matched.i]
    # nouns under support verbs
    for d in list(drafts.values()):
        if d.kind != "nominal" or d.trigger.i not in drafts:
            continue
        node = _transparent_head(d.trigger, lex)
        d.node = node
        light = _light_verb(node, lex)
        if light is not None:
            own = drafts.get(light.i)
            if own is not None and own.pattern.with_ and own.matched is not None:
                continue  # "signed an agreement": the verb's pattern already covers it
            if own is not None:
                if own.type == d.type and d.mode is None:
                    d.mode = own.mode
                del drafts[light.i]
            d.light = light
            d.anchor = light
            d.start = min(d.start, light.i)
            d.end = max(d.end, node.i + 1, d.trigger.i + 1)
            d.notes.append(f"support verb '{light.text}'")
        elif not d.pattern.bare:
            governed = node.dep_ in ("dobj", "pobj") and any(
                x.i in drafts for x in (node.head, node.head.head)
            )
            if not governed:
                del drafts[d.trigger.i]
    # coordinated nouns of one type: one event
    for d in sorted(drafts.values(), key=lambda d: d.trigger.i):
        t = d.trigger
        if d.kind != "nominal" or t.dep_ != "conj" or t.i not in drafts:
            continue
        first = drafts.get(t.head.i)
        if first is not None and first.type == d.type and first.kind == "nominal":
            first.members.append(t)
            first.end = max(first.end, d.end)
            if first.mode is None:
                first.mode = d.mode
            del drafts[t.i]
    return sorted(drafts.values(), key=lambda d: d.start)
