"""Actors the entity stage leaves implicit, made explicit for event coding.

News names many actors by a demonym and a noun: "Israeli tanks", "Senior Hungarian and
Romanian officials", "Palestinian prisoners", "Bosnian Serbs", "rebels in the Ivory Coast",
"British Defence Secretary Tom King". ``complete_actors`` returns the article's entities with
these added, so that events can name them:

* a demonym before a noun of the state's apparatus (officials, forces, tanks, police, side,
  leaders …) or before an event noun ("Russian denial", "Israeli attacks") is a mention of
  the state itself;
* a demonym before a noun for a non-state group (rebels, prisoners, farmers, students …),
  a plural demonym ("Palestinians") and such a noun placed "in"/"from" a state ("rebels in
  the Ivory Coast") make a ``group`` entity with that country and a sector;
* a person the knowledge base does not know, titled with a demonym ("Zimbabwean Prime
  Minister Robert Mugabe"), gets that country.

Existing entities keep their ids (a state gains mentions); new entities get the next ids.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from spacy.tokens import Doc, Token

from parley.kb import KB
from parley.model import Entity, Span
from parley.nlp import tokens_with_lemma
from parley.resources import Resources, load_resources

STATE_NOUNS = {
    "side", "government", "authority", "leadership", "leader", "official", "officer",
    "diplomat", "negotiator", "delegation", "delegate", "envoy", "minister", "ministry",
    "president", "presidency", "premier", "administration", "cabinet", "regime", "state",
    "army", "military", "force", "troop", "soldier", "navy", "police", "policeman", "tank",
    "helicopter", "jet", "warplane", "warship", "ship", "vessel", "aircraft", "plane", "drone",
    "artillery", "gunboat", "bulldozer", "unit", "commander", "general", "spokesman",
    "spokeswoman", "spokesperson", "parliament", "legislature", "lawmaker", "court", "judge",
    "prosecutor", "embassy", "consulate", "intelligence", "agent", "guard", "security",
    "authorities", "team", "mission", "ambassador", "counterpart", "junta", "border",
    "coastguard", "paratrooper", "marine", "sailor", "pilot", "airforce", "battalion",
    "brigade", "division", "contingent", "peacekeeper", "foreign", "defence", "defense",
    "interior", "prime", "secretary", "chancellor", "king", "monarch", "emir", "sultan",
}  # fmt: skip
GROUP_NOUNS = {
    "rebel": "REB", "guerrilla": "REB", "guerilla": "REB", "militant": "REB",
    "insurgent": "REB", "fighter": "REB", "militia": "REB", "militiaman": "REB",
    "separatist": "REB", "terrorist": "REB", "gunman": "REB", "extremist": "REB",
    "nationalist": "REB", "jihadist": "REB", "prisoner": "CVL", "detainee": "CVL",
    "captive": "CVL", "refugee": "REF", "migrant": "REF", "farmer": "AGR", "peasant": "AGR",
    "worker": "LAB", "union": "LAB", "student": "EDU", "landowner": "CVL",
    "protester": "OPP", "protestor": "OPP", "demonstrator": "OPP", "activist": "OPP",
    "opposition": "OPP", "dissident": "OPP", "civilian": "CVL", "villager": "CVL",
    "resident": "CVL", "people": "CVL", "youth": "CVL", "group": "CVL",
}  # fmt: skip
_LOCAL_NOUNS = frozenset(GROUP_NOUNS) | frozenset(STATE_NOUNS)
ROLE_NOUNS = {
    "businessman": ("person", "BUS"), "businesswoman": ("person", "BUS"),
    "company": ("organization", "BUS"), "firm": ("organization", "BUS"),
    "national": ("person", "CVL"), "citizen": ("person", "CVL"),
    "missionary": ("person", "REL"), "journalist": ("person", "MED"),
    "reporter": ("person", "MED"), "newspaper": ("media", "MED"), "daily": ("media", "MED"),
    "paper": ("media", "MED"), "radio": ("media", "MED"), "television": ("media", "MED"),
    "agency": ("media", "MED"), "weekly": ("media", "MED"),
}  # fmt: skip
TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "chancellor", "premier", "foreign",
    "defence", "defense", "interior", "junior", "deputy", "vice", "king", "queen", "leader",
    "general", "gen.", "lt.", "ambassador", "envoy", "spokesman", "governor", "mayor",
    "chief", "commander", "senator", "speaker", "opposition", "rebel", "former", "finance",
    "planning", "investment", "labour", "labor", "trade", "home", "state", "national",
    "security", "adviser", "advisor", "head", "emir", "sheikh",
}  # fmt: skip
GOV_TITLES = TITLE_WORDS - {"opposition", "rebel", "former"}
LOCAL_PREPS = {"in", "from", "throughout", "inside", "across"}


def demonyms(res: Resources) -> dict[str, str]:
    """Demonym as written -> state id (``res.built`` keeps one table per knowledge base)."""
    table: dict[str, str] = {}
    for rec in res.kb.records.values():
        if rec.kind != "state":
            continue
        for d in rec.demonyms:
            table.setdefault(d, rec.id)
    return table


def _match(doc: Doc, i: int, table: dict[str, str]) -> tuple[int, str, bool] | None:
    """(end token, state id, plural) of a demonym starting at token ``i``."""
    first = doc[i].text
    if not first[:1].isupper():
        return None
    words = [first]
    for k in (1, 2):  # "Sri Lankan", "Papua New Guinean"
        if i + k < len(doc) and doc[i + k].text[:1].isupper():
            words.append(doc[i + k].text)
        else:
            break
    for n in range(len(words), 0, -1):
        text = " ".join(words[:n])
        if text in table:
            return i + n, table[text], False
    if first.endswith("s") and first[:-1] in table and doc[i].pos_ in ("PROPN", "NOUN"):
        return i + 1, table[first[:-1]], True
    return None


def _noun_of(tok: Token) -> Token | None:
    """The noun a demonym modifies, through coordination: "Turkish and Greek sides"."""
    t = tok
    while (
        t.dep_ == "conj"
        and t.head.i < t.i
        or t.dep_ == "conj"
        and t.head.dep_
        in (
            "amod",
            "compound",
        )
    ):
        t = t.head
    if t.dep_ in ("amod", "compound", "nmod") and t.head.pos_ in ("NOUN", "PROPN"):
        return t.head
    return None


def _sector(noun: Token) -> str | None:
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in GROUP_NOUNS:
            return GROUP_NOUNS[c.lemma_.lower()]
    return GROUP_NOUNS.get(noun.lemma_.lower())


def _np_start(noun: Token) -> int:
    start = noun.i
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod") and c.i == start - 1:
            start = c.i
    return start


class _Builder:
    def __init__(self, doc: Doc, entities: list[Entity], kb: KB) -> None:
        self.doc = doc
        self.kb = kb
        self.entities = list(entities)
        self.by_kb = {e.kb_id: n for n, e in enumerate(self.entities) if e.kb_id}
        self.extra: dict[int, list[Span]] = defaultdict(list)  # entity index -> new mentions
        self.new: dict[tuple, tuple[str, str, str, str | None, list[Span]]] = {}
        self.covered: set[int] = set()
        for e in entities:
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    self.covered.update(range(span.start, span.end))

    def span(self, start: int, end: int) -> Span:
        s = self.doc[start:end]  # Doc.text would join the whole document: use the span's
        return Span(s.start_char, s.end_char, s.text)

    def state_mention(self, state_id: str, start: int, end: int) -> None:
        if state_id in self.by_kb:
            self.extra[self.by_kb[state_id]].append(self.span(start, end))
            return
        key = ("state", state_id)
        rec = self.kb.get(state_id)
        if rec is None:
            return
        if key not in self.new:
            self.new[key] = (rec.name, "state", rec.country or "", "GOV", [])
        self.new[key][4].append(self.span(start, end))
        self.covered.update(range(start, end))

    def group(self, name: str, kind: str, country: str, sector: str | None, start: int, end: int):
        key = (kind, country, name.lower())
        if key not in self.new:
            self.new[key] = (name, kind, country, sector, [])
        self.new[key][4].append(self.span(start, end))
        self.covered.update(range(start, end))

    def result(self) -> list[Entity]:
        out = []
        for n, e in enumerate(self.entities):
            if n in self.extra:
                spans = sorted({*e.mentions, *self.extra[n]}, key=lambda s: (s.start, s.end))
                e = dataclasses.replace(e, mentions=tuple(spans))
            out.append(e)
        next_id = len(out) + 1
        for key, (name, kind, country, sector, spans) in self.new.items():
            spans = sorted(set(spans), key=lambda s: (s.start, s.end))
            rec = self.kb.get(key[1]) if key[0] == "state" else None
            out.append(
                Entity(
                    id=f"E{next_id}",
                    name=name,
                    kind=kind,
                    mentions=tuple(spans),
                    kb_id=rec.id if rec else None,
                    wikidata=rec.wikidata if rec else None,
                    country=country or None,
                    sector=sector,
                    variants=(),
                )
            )
            next_id += 1
        return out


def event_nouns(res: Resources) -> frozenset[str]:
    """The nouns the PLOVER lexicon codes as events ("attack", "talks")."""
    lex = res.plover
    return frozenset(
        p.lemma for ps in lex.by_lemma.values() for p in ps if p.pos == "NOUN" and p.type
    )


def complete_actors(
    doc: Doc, entities: list[Entity], *, res: Resources | None = None
) -> list[Entity]:
    """``entities`` plus the actors named by demonyms and group nouns (see module doc)."""
    res = res or load_resources()
    kb = res.kb
    table = res.built(demonyms)
    events = res.built(event_nouns)
    b = _Builder(doc, entities, kb)
    i = 0
    while i < len(doc):
        if i in b.covered:
            i += 1
            continue
        found = _match(doc, i, table)
        if found is None:
            i += 1
            continue
        end, state_id, plural = found
        last = doc[end - 1]
        rec = kb.get(state_id)
        country = rec.country if rec else None
        if plural:
            b.group(last.text, "group", country or "", None, i, end)
        else:
            noun = _noun_of(last)
            if noun is not None and noun.i not in b.covered:
                _classify(b, noun, state_id, country, i, end, events)
        i = end
    _local_groups(b, doc)
    _titled_persons(b, doc, table)
    return b.result()


def _classify(
    b: _Builder,
    noun: Token,
    state_id: str,
    country: str | None,
    i: int,
    end: int,
    events: frozenset[str],
) -> None:
    """What a demonym (tokens ``i:end``) before ``noun`` names: the state, a group, a person
    or outlet of that country, or nothing."""
    lemma = noun.lemma_.lower()
    sector = _sector(noun)
    # "Israeli army bulldozers": only compounds and adjectives between demonym and noun
    whole = all(t.dep_ in ("compound", "amod") for t in b.doc[end : noun.i])
    name = b.doc[i : noun.i + 1].text if whole else f"{b.doc[i:end].text} {noun.text}"
    if noun.text[:1].isupper() and noun.tag_ in ("NNPS", "NNS"):  # "Bosnian Serbs", "Iraqi Kurds"
        b.group(name, "group", country or "", None, i, noun.i + 1)
    elif lemma in GROUP_NOUNS or (sector in ("REB", "OPP") and lemma in STATE_NOUNS):
        b.group(name, "group", country or "", sector, min(i, _np_start(noun)), noun.i + 1)
    elif lemma in STATE_NOUNS or noun.lower_ in STATE_NOUNS:
        stop = noun.i + 1 if whole and noun.i - end <= 2 else end
        b.state_mention(state_id, i, stop)
    elif lemma in ROLE_NOUNS:
        kind, sec = ROLE_NOUNS[lemma]
        b.group(name, kind, country or "", sec, i, noun.i + 1)
    elif lemma in events:  # "the Russian denial", "Israeli attacks"
        b.state_mention(state_id, i, end)


def _local_groups(b: _Builder, doc: Doc) -> None:
    """ "rebels in the Ivory Coast", "security forces in Guinea"."""
    for noun in tokens_with_lemma(doc, _LOCAL_NOUNS):
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or noun.i in b.covered:
            continue
        for c in noun.children:
            if c.dep_ != "prep" or c.lower_ not in LOCAL_PREPS:
                continue
            for p in c.children:
                e = _entity_at(b, p.i) if p.dep_ == "pobj" else None
                if e is None or not e.country or e.kind not in ("state", "place"):
                    continue
                start = _np_start(noun)
                if lemma in GROUP_NOUNS or _sector(noun) in ("REB", "OPP"):
                    sector = _sector(noun)
                    name = f"{doc[start : noun.i + 1].text} in {e.name}"
                    b.group(name, "group", e.country, sector, start, noun.i + 1)
                elif e.kind == "state" and e.kb_id:
                    b.state_mention(e.kb_id, start, noun.i + 1)


def _entity_at(b: _Builder, i: int) -> Entity | None:
    tok = b.doc[i]
    for e in b.entities:
        for m in e.mentions:
            if m.start <= tok.idx < m.end:
                return e
    return None


def _titled_persons(b: _Builder, doc: Doc, table: dict[str, str]) -> None:
    """A person without a country, titled with a demonym: the title's country."""
    for n, e in enumerate(b.entities):
        if e.kind != "person" or e.country or e.kb_id:
            continue
        country = None
        gov = False
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            j = span.start - 1
            steps = 0
            while j >= 0 and steps < 6:
                tok = doc[j]
                low = tok.lower_.rstrip(".")
                found = _match(doc, j, table)
                if found is not None and found[0] <= span.start and not found[2]:
                    rec = b.kb.get(found[1])
                    country = rec.country if rec else None
                    break
                if low in TITLE_WORDS or low + "." in TITLE_WORDS:
                    gov = gov or low in GOV_TITLES
                    j -= 1
                    steps += 1
                    continue
                if tok.text in ("-",) or (tok.pos_ == "PROPN" and tok.dep_ == "compound"):
                    j -= 1
                    steps += 1
                    continue
                break
            if country:
                break
        if country:
            b.entities[n] = dataclasses.replace(
                e, country=country, sector=e.sector or ("GOV" if gov else None)
            )
