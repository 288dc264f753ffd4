"""Entities: every mention of an actor or place, gathered into one record per real actor.

Knowledge-base names (aliases, transliterations, surnames, metonyms such as "the Kremlin",
capitals acting as governments, "the Russian side") come from the gazetteer; titles ("the
Ukrainian president") and pronouns are resolved within the document; spaCy's named entities
fill in people, organisations and places the knowledge base does not know, after a fuzzy
look-up for spelling variants ("Zelenskiy", "Volodimir Zelensky").
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from rapidfuzz import fuzz, process
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from parley.extract.gazetteer import Match, gazetteer
from parley.extract.mentions import NAME_LIKE, Mention, new_key, select
from parley.extract.person_names import fold, merge_initials, merge_surnames
from parley.extract.pronouns import resolve_pronouns
from parley.extract.titles import find_titles
from parley.kb import KB
from parley.model import Entity, Span
from parley.nlp import doc_text
from parley.resources import Resources, load_resources

# nouns after a demonym that make it stand for the state: "the Russian side"
GOV_NOUNS = {
    "side", "government", "presidency", "authorities", "leadership", "delegation",
    "administration", "officials", "diplomats", "negotiators", "ministry", "cabinet",
    "forces", "troops", "army", "military", "navy", "soldiers", "regime", "state",
}  # fmt: skip
LOCATIVE = {
    "in", "at", "near", "outside", "inside", "around", "into", "to", "across", "toward",
    "towards", "within", "through", "throughout", "via", "visit", "visited", "visiting",
}  # fmt: skip
NER_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
NOT_PLACES = {"West", "East", "North", "South", "the West", "the East", "Europe"}
NAME_LABELS = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
TITLE_WORDS = {
    "President", "Prime", "Minister", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
    "Gen.", "General", "Secretary", "Chancellor", "King", "Queen", "Sen.", "Senator", "Rep.",
    "Foreign", "Defence", "Defense", "Vice", "Premier", "Ambassador", "Envoy", "Spokesman",
}  # fmt: skip
# single words the tagger often takes for names in news boilerplate and headlines
GENERIC = {
    "State", "Senate", "House", "Army", "Cabinet", "Alliance", "Treaty", "Allied", "Defense",
    "Defence", "Ministry", "Government", "Parliament", "Council", "Congress", "Navy", "Court",
    "Police", "Newsletters", "Newsletter", "Twitter", "Facebook", "Telegram", "Instagram",
    "YouTube", "Google", "Patriot", "Himars", "HIMARS", "Earth", "Terms", "Privacy",
}  # fmt: skip
SURNAME_CUTOFF = 75  # the surnames of a fuzzy full-name match
FUZZY_CUTOFF = 85


def _choose(kb: KB, ids: tuple[str, ...], day: date | None, named: set[str]) -> str | None:
    """One record for an ambiguous surface form: one named in full, else one in office."""
    if len(ids) == 1:
        return ids[0]
    in_text = [i for i in ids if i in named]
    if len(in_text) == 1:
        return in_text[0]
    serving = [i for i in ids if (r := kb.get(i)) and r.role_on(day)]
    return serving[0] if len(serving) == 1 else None


SOVEREIGN = {"un_member", "observer", "partially_recognised"}


def _inside_longer_name(doc: Doc, m: Match, ent_at: dict[int, SpacySpan]) -> bool:
    """A knowledge-base match that is only part of a longer name the tagger found: "Jordan"
    in "Jordan Bardella", "Greece" in "Bank of Greece", "Graham" in "Graham Pellow"."""
    ent = ent_at.get(m.start)
    if ent is None or ent.label_ not in NAME_LABELS or ent.end - ent.start <= m.end - m.start:
        return False
    others = [t for t in ent if not (m.start <= t.i < m.end)]
    if all(t.text in TITLE_WORDS or t.pos_ == "DET" or not t.text[:1].isupper() for t in others):
        return False  # "President Putin", "the Kremlin", a sentence's first "The"
    if m.how == "metonym" and ent.label_ != "PERSON":
        # the head of the name is the match ("the U.S. State Department"), not a modifier
        return m.end != ent.end or doc[m.start - 1].lower_ in ("of", "for", "de")
    return True


def _capital_is_place(doc: Doc, m: Match) -> bool:
    if doc[m.start : m.end].text.isupper():
        return True  # a dateline: "MOSCOW (Reuters) -"
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.lower_ in LOCATIVE:
        return True
    head = doc[m.end - 1]
    first = head
    while first.dep_ == "conj" and first.head.i < first.i:  # "in Kyiv and Moscow"
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ in LOCATIVE:
        return True
    return head.dep_ == "compound" and head.head.lower_ not in GOV_NOUNS


def _mention(doc: Doc, start: int, end: int, key: str, how: str, kind: str) -> Mention:
    span = doc[start:end]
    return Mention(span.start_char, span.end_char, key, how, kind, (start, end))


def _from_matches(doc: Doc, matches: list[Match], kb: KB, day: date | None) -> list[Mention]:
    named = {m.ids[0] for m in matches if m.how == "name" and len(m.ids) == 1}
    ent_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    out = []
    for m in matches:
        if m.how != "demonym" and _inside_longer_name(doc, m, ent_at):
            continue
        if m.how == "demonym":
            if m.end < len(doc) and doc[m.end].lower_ in GOV_NOUNS:
                start = m.start - (m.start > 0 and doc[m.start - 1].lower_ == "the")
                out.append(_mention(doc, start, m.end + 1, m.ids[0], "demonym", "state"))
            continue
        if m.how == "capital":
            state = kb.get(m.ids[0])
            if _capital_is_place(doc, m) or state is None or state.status not in SOVEREIGN:
                place = kb.capital_place.get(m.ids[0])
                if place:
                    out.append(_mention(doc, m.start, m.end, place, "capital", "place"))
                continue
        is_capital = doc[m.start : m.end].text in kb.capitals
        if m.how == "metonym" and is_capital and _capital_is_place(doc, m):
            continue  # "met in Brussels": the city (the capital match), not the EU
        if m.how == "surname" and not doc[m.start].text[:1].isupper():
            continue
        key = _choose(kb, m.ids, day, named)
        rec = kb.get(key) if key else None
        if rec is not None:
            out.append(_mention(doc, m.start, m.end, rec.id, m.how, rec.kind))
    out += find_titles(doc, matches, kb, day, named)
    return out


class _Fuzzy:
    """Spelling variants of knowledge-base persons: full names and surnames, compared with
    diacritics folded."""

    def __init__(self, kb: KB) -> None:
        self.full: dict[str, str] = {}
        self.last: dict[str, str] = {}
        for rec in kb.records.values():
            if rec.kind == "person":
                for form in (rec.name, *rec.aliases):
                    self.full.setdefault(fold(form), rec.id)
                for form in rec.surnames:
                    self.last.setdefault(fold(form), rec.id)

    def find(self, text: str) -> str | None:
        table = self.full if " " in text else self.last
        text = fold(text)
        hit = process.extractOne(text, table.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit is None:
            return None
        # the surname must be alike, not just the full name: "Wolodymyr Zelenski" is
        # "Volodymyr Zelensky", "Aleksandar Vulin" is not "Aleksandar Vucic"
        theirs, ours = hit[0].split()[-1].lower(), text.split()[-1].lower()
        if theirs[:1] != ours[:1] or fuzz.ratio(theirs, ours) < SURNAME_CUTOFF:
            return None
        return table[hit[0]]


def fuzzy_names(res: Resources) -> _Fuzzy:
    """The spelling-variant table of these resources' persons (``res.built`` keeps it)."""
    return _Fuzzy(res.kb)


def _from_ner(doc: Doc, kb: KB, taken: set[int], fuzzy: _Fuzzy) -> list[Mention]:
    out = []
    for ent in doc.ents:
        kind = NER_KIND.get(ent.label_)
        if kind is None or any(i in taken for i in range(ent.start, ent.end)):
            continue
        start, end = ent.start, ent.end
        while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1
        if start < end and doc[start].lower_ == "the":
            start += 1
        if start >= end:
            continue
        name = doc[start:end].text
        if (kind == "place" and name in NOT_PLACES) or name in GENERIC:
            continue
        if not (name[:1].isupper() or name[:1].isdigit()):
            continue  # "n’t", "von der": fragments, not names
        if kind == "person" or (kind == "organization" and 2 <= end - start <= 3):
            known = fuzzy.find(name)  # the tagger may call a misspelt person an ORG
            if known:
                out.append(_mention(doc, start, end, known, "fuzzy", "person"))
                continue
        out.append(_mention(doc, start, end, new_key(kind, name), "ner", kind))
    return out


def _entity(
    eid: str, key: str, group: list[Mention], kb: KB, day: date | None, text: str
) -> Entity:
    rec = kb.get(key)
    spans = tuple(Span.of(text, m.start, m.end) for m in group)
    variants = []
    for m in group:
        if m.how in NAME_LIKE:
            form = text[m.start : m.end]
            form = form[4:] if form.lower().startswith("the ") else form
            if form not in variants:
                variants.append(form)
    if rec is None:
        kind, name = key.split(":", 2)[1:]
        return Entity(eid, name, kind, spans, variants=tuple(variants))
    sector = rec.sector
    if rec.kind == "state":
        sector = "GOV" if any(m.how in ("metonym", "capital", "demonym") for m in group) else None
    role = rec.role_on(day)
    return Entity(
        id=eid,
        name=rec.name,
        kind=rec.kind,
        mentions=spans,
        kb_id=rec.id,
        wikidata=rec.wikidata,
        country=rec.country,
        sector=sector,
        role=role.title if role else None,
        variants=tuple(variants),
    )


def extract_entities(
    doc: Doc, day: date | None = None, *, res: Resources | None = None
) -> list[Entity]:
    """One ``Entity`` per actor or place, ordered by first mention, ids ``E1``, ``E2`` …
    ``day`` (the publication date) resolves titles to the office holder of that day."""
    res = res or load_resources()
    kb = res.kb
    matches = res.built(gazetteer).find(doc)
    candidates = _from_matches(doc, matches, kb, day)
    taken = {i for m in candidates for i in range(*m.tokens)}
    taken |= {i for m in matches if m.how == "demonym" for i in range(m.start, m.end)}
    candidates += _from_ner(doc, kb, taken, res.built(fuzzy_names))
    text = doc_text(doc)
    mentions = merge_initials(merge_surnames(select(candidates), text), text, kb)
    mentions = sorted(mentions + resolve_pronouns(doc, mentions, kb), key=lambda m: m.start)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    return [
        _entity(f"E{n}", key, group, kb, day, text)
        for n, (key, group) in enumerate(groups.items(), 1)
    ]
