"""Group and part-of phrases: a noun phrase that names some other set of actors *around* an
entity is not that entity.

"Ukraine's Western partners", "allies of Kyiv", "some NATO countries", "EU member states" and
"neighbours of Russia" name states other than Ukraine, NATO, the EU or Russia; a reader (and
PLOVER) does not code them as that entity. A partitive ("some of X", "many of X", "one of
X") names part of X: it is a group phrase when X is one ("some of Ukraine's partners"), and
stands for X's own members otherwise ("some of the Russian troops" are Russia's).

    group_head(token) -> bool     the token heads such a group phrase
    partitive(token) -> Token|None the X of "some of X", else None
    is_group_phrase(span) -> bool the span's syntactic root heads a group phrase

The words are general English: relational nouns for a set of states or organisations
(``GROUP_NOUNS``), plural-only ones (``PLURAL_GROUP_NOUNS``: "the country" is the state
itself, "the countries" are others) and partitive quantifiers (``PARTITIVES``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# a set of other actors defined by its relation to the entity, singular or plural:
# "X's ally", "partners of X", "X's neighbours"
GROUP_NOUNS = frozenset(
    {
        "ally",
        "backer",
        "coalition",
        "friend",
        "member",
        "neighbor",
        "neighbour",
        "partner",
        "supporter",
        "sponsor",
    }
)
# nouns that name the entity itself in the singular ("the country's president") and
# other states in the plural ("NATO countries", "EU member states")
PLURAL_GROUP_NOUNS = frozenset({"country", "nation", "state", "capital", "government"})
# quantifiers that pick part of the phrase after "of"
PARTITIVES = frozenset(
    {
        "some",
        "many",
        "most",
        "several",
        "few",
        "one",
        "two",
        "three",
        "all",
        "each",
        "any",
        "both",
        "none",
        "majority",
        "minority",
        "part",
        "rest",
        "half",
        "number",
        "dozen",
        "dozens",
        "handful",
    }
)


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def partitive(tok: Token) -> Token | None:
    """The object of "of" after a partitive quantifier ("some of X" -> X), else None."""
    if tok.lower_ not in PARTITIVES and _lemma(tok) not in PARTITIVES:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def group_head(tok: Token) -> bool:
    """Whether ``tok`` heads a phrase naming a group of actors around another one: a
    relational noun ("partners", "ally", "members"), a plural country noun ("countries",
    "states", "capitals"), or a partitive over such a phrase ("some of X's partners").
    A proper noun ("the United States") is never a group head."""
    if tok.pos_ == "PROPN":
        return False
    inner = partitive(tok)
    if inner is not None:
        return group_head(inner)
    if tok.pos_ != "NOUN":
        return False
    lemma = _lemma(tok)
    if lemma in GROUP_NOUNS:
        return True
    return lemma in PLURAL_GROUP_NOUNS and tok.tag_ in ("NNS", "NNPS")


def is_group_phrase(span: Span) -> bool:
    """Whether the noun phrase ``span`` (its syntactic root) names a group of actors around
    another one rather than that actor ("Some of Ukraine's Western partners")."""
    return len(span) > 0 and group_head(span.root)
