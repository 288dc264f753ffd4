"""Finds knowledge-base names in a Doc: one PhraseMatcher over every alias, built once.

A match says *which surface form* was seen (``how``: name, surname, metonym, capital,
demonym) and which records it may denote; deciding between them is the resolver's job.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from parley.kb import KB
from parley.resources import Resources

# how a surface form denotes a record, strongest first
HOWS = ("name", "metonym", "capital", "surname", "demonym")


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token indices
    end: int
    how: str
    ids: tuple[str, ...]  # candidate record ids, in knowledge-base order


def _forms(kb: KB) -> dict[tuple[str, str], list[str]]:
    """(surface form, how) -> record ids."""
    forms: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(form: str, how: str, rid: str) -> None:
        form = form.strip()
        variants = (form, "The" + form[3:]) if form.startswith("the ") else (form,)
        for variant in variants:
            if len(variant) >= 2 and rid not in forms[(variant, how)]:
                forms[(variant, how)].append(rid)

    for rec in kb.records.values():
        if rec.kind == "place" and rec.id.startswith("place:") and rec.name in kb.capitals:
            continue  # capitals are matched as capitals, resolved by context
        for form in (rec.name, *rec.aliases):
            add(form, "name", rec.id)
        for form in rec.surnames:
            add(form, "surname", rec.id)
        for form in rec.metonyms:
            add(form, "metonym", rec.id)
        for form in rec.demonyms:
            add(form, "demonym", rec.id)
    for form, state_id in kb.capitals.items():
        add(form, "capital", state_id)
    return forms


class Gazetteer:
    """Every knowledge-base surface form, matched case-sensitively on token text."""

    def __init__(self, kb: KB, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # the same forms in capitals ("MOSCOW (Reuters) -", "XI MEETS PUTIN"), by lowercase
        self.shouted = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, tuple[str, ...]]] = {}
        by_key: dict[str, list[Doc]] = defaultdict(list)
        forms = _forms(kb)
        docs = nlp.tokenizer.pipe(form for form, _ in forms)  # tokenizer only, in one pass
        for ((_, how), ids), form_doc in zip(forms.items(), docs, strict=True):
            key = f"{how}|{'|'.join(ids)}"
            by_key[key].append(form_doc)
            self.labels[nlp.vocab.strings.add(key)] = (how, tuple(ids))
        for key, docs in by_key.items():
            self.matcher.add(key, docs)
            mixed = [d for d in docs if not d.text.isupper()]
            if mixed:
                self.shouted.add(key, mixed)

    def find(self, doc: Doc) -> list[Match]:
        # matching is on exact token text, so "us" never matches "US"
        found = {(s, e, label) for label, s, e in self.matcher(doc)}
        if any(t.is_upper and len(t) > 1 for t in doc):
            found |= {
                (s, e, label)
                for label, s, e in self.shouted(doc)
                if doc[s:e].text.isupper() and not doc[s:e].text.startswith("THE ")
            }
        return [Match(s, e, *self.labels[label]) for s, e, label in sorted(found)]


def gazetteer(res: Resources) -> Gazetteer:
    """The gazetteer of these resources' knowledge base and vocabulary (``res.built``
    keeps the one copy)."""
    return Gazetteer(res.kb, res.nlp)
