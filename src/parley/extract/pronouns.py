"""Conservative pronoun resolution for persons.

A third-person pronoun goes to a person only when exactly one person of a compatible gender
was mentioned earlier in the same or the previous sentence, or — for a fronted possessive
("For his part, President X …") — when one person follows in the same sentence. When no
person at all is in that reach, as in a long quotation followed by "— he added", the
pronoun goes to the person of the nearest earlier sentence that names anyone (at most
``REACH`` sentences back), when that sentence has one compatible person as the subject of
its main clause, outside quotation marks. Anything less certain stays unresolved: a wrong
link is worse than a missing one.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from parley.extract.mentions import Mention
from parley.kb import KB
from parley.nlp import doc_sents, tokens_with_lower

GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip


_PRONOUNS = frozenset(GENDER)
SUBJECT = {"nsubj", "nsubjpass"}
NAME_LINKS = {"appos", "compound", "flat", "pobj", "prep"}
QUOTE_MARKS = {'"', "“", "”", "«", "»", "„"}
REACH = 4  # sentences before the previous one that a passage's pronoun may reach back


def _gender(kb: KB, key: str) -> str | None:
    rec = kb.get(key)
    return rec.gender if rec else None


def resolve_pronouns(doc: Doc, mentions: list[Mention], kb: KB) -> list[Mention]:
    persons = [m for m in mentions if m.kind == "person"]
    if not persons:
        return []
    starts = [sent.start for sent in doc_sents(doc)]

    def sent_of(i: int) -> int:
        return bisect.bisect_right(starts, i) - 1

    taken = {i for m in mentions for i in range(*m.tokens)}
    # persons, and the pronouns resolved so far, by the sentence they start in (in order)
    by_sent: dict[int, list[Mention]] = {}
    for m in persons:
        by_sent.setdefault(sent_of(m.tokens[0]), []).append(m)
    resolved: dict[int, list[Mention]] = {}
    out = []
    for tok in tokens_with_lower(doc, _PRONOUNS):
        gender = GENDER[tok.lower_]
        if tok.i in taken or tok.pos_ not in ("PRON", "DET"):
            continue
        here = sent_of(tok.i)

        def fits(m: Mention, g: str = gender) -> bool:
            return _gender(kb, m.key) in (g, None)

        near = [m for s in (here - 1, here) for g in (by_sent, resolved) for m in g.get(s, ())]
        before = [m for m in near if m.tokens[1] <= tok.i and fits(m)]
        keys = {m.key for m in before}
        if not keys and tok.lower_ in ("his", "her") and tok.i - doc[tok.i].sent.start < 4:
            after = [m for m in by_sent.get(here, ()) if m.tokens[0] > tok.i]
            keys = {m.key for m in after[:1] if fits(m)}
        if not any(m.tokens[1] <= tok.i for m in near):
            keys = _passage(doc, tok.i, here, by_sent, resolved, fits)
        if len(keys) != 1:
            continue
        key = keys.pop()
        found = Mention(tok.idx, tok.idx + len(tok), key, "pronoun", "person", (tok.i, tok.i + 1))
        out.append(found)
        resolved.setdefault(here, []).append(found)
    return out


def _passage(
    doc: Doc,
    i: int,
    here: int,
    by_sent: dict[int, list[Mention]],
    resolved: dict[int, list[Mention]],
    fits,
) -> set[str]:
    """When no person is mentioned in the pronoun's own reach: the compatible persons the
    nearest earlier sentence (at most ``REACH`` back) that mentions anyone has as a subject
    (or as the whole of a heading)."""
    for s in range(here - 2, here - 2 - REACH, -1):
        found = [m for g in (by_sent, resolved) for m in g.get(s, ()) if m.tokens[1] <= i]
        if found:
            return {m.key for m in found if fits(m) and _is_subject(doc, m)}
    return set()


def _is_subject(doc: Doc, m: Mention) -> bool:
    """In the subject of the sentence's main clause (or the whole of a heading), outside
    quotation marks: "Chairman of the Council Anna Berg said", not "… if Berg agrees"."""
    head = doc[m.tokens[0] : m.tokens[1]].root
    for _ in range(4):  # up from a name in a title: apposition, compound, "of" phrase
        if head.dep_ not in NAME_LINKS:
            break
        head = head.head
    if head.dep_ in SUBJECT:
        verb = head.head
        if not (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")):
            return False
    elif head.dep_ != "ROOT":
        return False
    before = doc[head.sent.start : m.tokens[0]]
    return sum(t.text in QUOTE_MARKS for t in before) % 2 == 0
