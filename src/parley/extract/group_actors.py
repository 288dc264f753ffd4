"""Group phrases over an actor as actors of their own: "Ukraine's Western partners", "some
of Russia's allies", "partners of Kyiv", "neighbours of Russia".

Such a phrase names other actors, defined by their relation to the one it hangs on
(``parley.extract.groups`` tells which phrases these are). It becomes an anonymous ``group``
entity with no country — it is not the state it modifies — whose mention is the group noun
with the modifiers after the actor's own mention ("Western partners"); the actor keeps its
mention. A source such as "Some of Ukraine's Western partners said …" is then that group,
not Ukraine.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from parley.extract.groups import GROUP_NOUNS, group_head
from parley.model import Entity, Span
from parley.nlp import tokens_with_lemma

OWNER_DEPS = ("poss", "compound", "nmod")


def _relational(noun: Token, at: dict[int, int]) -> bool:
    """A plural relational noun ("partners", "allies") standing for others, not a predicate or an
    apposition of one actor ("Beijing, a partner of Moscow,"; "her ally Russia"). Members
    of an organisation ("NATO countries", "EU member states") are left to the organisation."""
    if noun.lemma_.lower() not in GROUP_NOUNS or noun.tag_ != "NNS":
        return False  # "a partner of X", "her ally" name one actor, often X's own
    if noun.dep_ in ("appos", "attr"):
        return False
    return not any(c.dep_ in ("appos", "compound") and c.i in at for c in noun.rights)


def _owner(noun: Token, at: dict[int, int]) -> Token | None:
    """The token of an actor the group hangs on: "X's partners", "X countries", "partners
    of X"."""
    for child in noun.lefts:
        if child.dep_ in OWNER_DEPS and child.i in at:
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in at:
                    return obj
    return None


def group_phrases(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """``entities`` followed by one ``group`` entity per group phrase over one of them."""
    nouns = [t for t in tokens_with_lemma(doc, GROUP_NOUNS) if t.tag_ == "NNS"]
    if not nouns:
        return entities
    at: dict[int, int] = {}
    for n, e in enumerate(entities):
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    at.setdefault(t.i, n)
    found: dict[str, list[Span]] = {}
    for noun in nouns:
        if noun.i in at or not group_head(noun) or not _relational(noun, at):
            continue
        owner = _owner(noun, at)
        if owner is None:
            continue
        start = noun.i
        while start - 1 > owner.i and doc[start - 1].dep_ in ("amod", "compound"):
            start -= 1
        if owner.i < noun.i:
            first = min(owner.i, *(t.i for t in owner.subtree if t.i in at))
            name = doc[first : noun.i + 1].text
        else:
            name = doc[start : owner.right_edge.i + 1].text
        mention = doc[start : noun.i + 1]
        found.setdefault(name, []).append(Span(mention.start_char, mention.end_char, mention.text))
    out = list(entities)
    for name, spans in found.items():
        out.append(Entity(id=f"E{len(out) + 1}", name=name, kind="group", mentions=tuple(spans)))
    return out
