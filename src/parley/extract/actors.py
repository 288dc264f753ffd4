"""Actors the entity stage leaves implicit, made explicit for event coding.

News names many actors by a demonym and a noun: "Russian tanks", "Senior Polish and
Lithuanian officials", "Georgian farmers", "Syrian Kurds", "rebels in Mali", "Estonian
Defence Minister Jaan Tamm". ``complete_actors`` returns the article's entities with
these added, so that events can name them:

* a demonym before a noun of the state's apparatus (officials, forces, tanks, police, side,
  leaders …) or before an event noun ("Russian denial", "Turkish attacks") is a mention of
  the state itself;
* a demonym before a noun for a non-state group (rebels, prisoners, farmers, students …),
  a plural demonym ("Ukrainians") and such a noun placed "in"/"from" a state ("rebels in
  Mali") make a ``group`` entity with that country and a sector;
* a person the knowledge base does not know, titled with a demonym ("Estonian Prime
  Minister Jaan Tamm"), gets that country;
* a group phrase over an actor ("Ukraine's Western partners", "some of Russia's allies") is
  an anonymous group of its own, not that actor (``group_actors``);
* a bare definite description ("the ministry", "the spokesman", "the statement said") is a
  mention of the actor named just before (``corefer``).

Existing entities keep their ids (a state gains mentions); new entities get the next ids.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from parley.extract.corefer import resolve_descriptions
from parley.extract.group_actors import group_phrases
from parley.kb import KB
from parley.kb.plover import Lexicon as PloverLexicon
from parley.model import Entity, Span
from parley.nlp import indices_with_text, tokens_with_lemma
from parley.resources import Resources, load_resources

LOCAL_PREPS = {"in", "from", "throughout", "inside", "across"}


@dataclass(frozen=True)
class ActorWords:
    """The word lists of the ``grammar`` of ``plover.json`` this stage reads (a user's
    ``plover.json`` extends them): nouns of a state's apparatus (``state_nouns``), of a
    non-state group by sector (``group_nouns_<sector>``: ``group_nouns_reb`` …), of a person,
    organisation or outlet by kind and sector (``role_nouns_<kind>_<sector>``), and the words
    of a title (``title_words``; those in ``non_government_titles`` do not make it a
    government title)."""

    state: frozenset[str]
    groups: dict[str, str]  # noun -> sector
    roles: dict[str, tuple[str, str]]  # noun -> (entity kind, sector)
    titles: frozenset[str]
    gov_titles: frozenset[str]

    @cached_property
    def groupish(self) -> frozenset[str]:
        """Nouns for a group or a state's apparatus ("rebels in X", "security forces of X")."""
        return frozenset(self.groups) | self.state


def actor_words_of(lex: PloverLexicon) -> ActorWords:
    """The lists of ``lex`` as tables; a noun listed under two sectors keeps the sector of the
    first list in alphabetical order."""
    groups: dict[str, str] = {}
    roles: dict[str, tuple[str, str]] = {}
    for name in sorted(lex.words):
        if name.startswith("group_nouns_"):
            sector = name.removeprefix("group_nouns_").upper()
            for word in lex.words[name]:
                groups.setdefault(word, sector)
        elif name.startswith("role_nouns_"):
            kind, _, sector = name.removeprefix("role_nouns_").rpartition("_")  # checked on load
            for word in lex.words[name]:
                roles.setdefault(word, (kind, sector.upper()))
    titles = lex.words.get("title_words", frozenset())
    return ActorWords(
        state=lex.words.get("state_nouns", frozenset()),
        groups=groups,
        roles=roles,
        titles=titles,
        gov_titles=titles - lex.words.get("non_government_titles", frozenset()),
    )


def actor_words(res: Resources) -> ActorWords:
    """``actor_words_of`` the resources' PLOVER lexicon (``res.built`` keeps one)."""
    return actor_words_of(res.plover)


def demonyms(res: Resources) -> dict[str, str]:
    """Demonym as written -> state id (``res.built`` keeps one table per knowledge base)."""
    table: dict[str, str] = {}
    for rec in res.kb.records.values():
        if rec.kind != "state":
            continue
        for d in rec.demonyms:
            table.setdefault(d, rec.id)
    return table


def demonym_starts(res: Resources) -> frozenset[str]:
    """The texts a token must have for ``_match`` to find a demonym there: the first word of
    a demonym, or a demonym with a plural "s" ("Ukrainians")."""
    table = res.built(demonyms)
    return frozenset({d.split(" ", 1)[0] for d in table} | {d + "s" for d in table})


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
    """The noun a demonym modifies, through coordination: "Polish and Lithuanian officials"."""
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


def _sector(noun: Token, groups: dict[str, str]) -> str | None:
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in groups:
            return groups[c.lemma_.lower()]
    return groups.get(noun.lemma_.lower())


def _np_start(noun: Token) -> int:
    start = noun.i
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod") and c.i == start - 1:
            start = c.i
    return start


class _Builder:
    def __init__(self, doc: Doc, entities: list[Entity], kb: KB, words: ActorWords) -> None:
        self.doc = doc
        self.kb = kb
        self.words = words
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
    """``entities`` plus the actors named by demonyms, group nouns, group phrases and definite
    descriptions (see module doc)."""
    res = res or load_resources()
    kb = res.kb
    table = res.built(demonyms)
    events = res.built(event_nouns)
    b = _Builder(doc, entities, kb, res.built(actor_words))
    i = 0  # the token after the last demonym found
    for i_start in indices_with_text(doc, res.built(demonym_starts)):
        if i_start < i or i_start in b.covered:
            continue
        i = i_start
        found = _match(doc, i, table)
        if found is None:
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
    cues = res.cues
    found = group_phrases(doc, b.result())
    return resolve_descriptions(doc, found, lambda lemma: cues.lookup(lemma, "VERB") is not None)


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
    words = b.words
    sector = _sector(noun, words.groups)
    # "Russian army trucks": only compounds and adjectives between demonym and noun
    whole = all(t.dep_ in ("compound", "amod") for t in b.doc[end : noun.i])
    name = b.doc[i : noun.i + 1].text if whole else f"{b.doc[i:end].text} {noun.text}"
    if noun.text[:1].isupper() and noun.tag_ in ("NNPS", "NNS"):  # "Syrian Kurds", "Afghan Hazaras"
        b.group(name, "group", country or "", None, i, noun.i + 1)
    elif lemma in words.groups or (sector in ("REB", "OPP") and lemma in words.state):
        b.group(name, "group", country or "", sector, min(i, _np_start(noun)), noun.i + 1)
    elif lemma in words.state or noun.lower_ in words.state:
        stop = noun.i + 1 if whole and noun.i - end <= 2 else end
        b.state_mention(state_id, i, stop)
    elif lemma in words.roles:
        kind, sec = words.roles[lemma]
        b.group(name, kind, country or "", sec, i, noun.i + 1)
    elif lemma in events:  # "the Russian denial", "Turkish attacks"
        b.state_mention(state_id, i, end)


def _local_groups(b: _Builder, doc: Doc) -> None:
    """ "rebels in Mali", "security forces in Belarus"."""
    groups = b.words.groups
    for noun in tokens_with_lemma(doc, b.words.groupish):
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
                if lemma in groups or _sector(noun, groups) in ("REB", "OPP"):
                    sector = _sector(noun, groups)
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
                titles = b.words.titles
                if low in titles or low + "." in titles:
                    gov = gov or low in b.words.gov_titles
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
