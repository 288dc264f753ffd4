"""Reported speech read off the dependency parse: every word that could be a cue, with the
clause or phrase it would introduce as content.

"X said (that) Y" (the clause Y), "X denied Y" (the object), "X wants to Y", "X referred to
Y", "Y, X said", "Y, according to X", "in X's opinion, Y", "as X put it, Y", "X's claim that
Y", "X made clear that Y", "X is confident that Y". Which of these are attributions is
decided later by the scorer; this module only proposes.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import POS
from spacy.parts_of_speech import IDS as UPOS
from spacy.tokens import Doc, Token

from parley.extract.quotes.common import Candidate, DocIndex, subtree_chars, trim
from parley.extract.quotes.speakers import names_someone
from parley.kb.cues import Lexicon
from parley.nlp import tokens_with_lemma, tokens_with_lower

# prepositions that introduce what was said or thought: "talked about Y", "called for Y"
CONTENT_PREPS = {"about", "of", "for", "on", "to", "against", "over", "that", "as", "at", "with"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
VERBAL = {"VERB", "AUX"}
HEADS_OF_CLAUSE = {"VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON", "NUM"}
SPECIAL = frozenset({"according"})
EMPTY: frozenset[str] = frozenset()


def _subtree(tok: Token, text: str, skip: Token | None = None) -> tuple[int, int]:
    start, end = subtree_chars(tok, skip)
    return trim(text, start, end)


def _clause_head(tok: Token) -> Token:
    """The verb a modifier hangs on ("according to X" inside a noun phrase → its verb)."""
    head = tok.head
    hops = 0
    while head.pos_ not in VERBAL and head.dep_ != "ROOT" and hops < 4:
        head = head.head
        hops += 1
    return head


def _prep_object(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def _span(first: Token, last: Token, text: str) -> tuple[int, int]:
    return trim(text, first.left_edge.idx, last.right_edge.idx + len(last.right_edge))


def _contrast(clause: Token) -> Token | None:
    """A trailing "while …"/"whereas …" clause with its own subject: another statement."""
    for child in clause.rights:
        if child.dep_ == "advcl" and any(
            k.dep_ == "mark" and k.lower_ in ("while", "whereas") for k in child.children
        ):
            return child
    return None


def _coordinated_cue(clause: Token, lexicon: Lexicon) -> int | None:
    """Where a trailing coordinated verb of saying starts ("said that Y but accused Z of …",
    "says Y and others say W"): the parser often hangs it on the reported clause, yet it is
    the speaker's next statement (or another speaker's), not part of Y."""
    rights = list(clause.rights)
    for n, child in enumerate(rights):
        if child.dep_ != "conj" or child.pos_ not in VERBAL:
            continue
        cue = lexicon.lookup(child.lemma_.lower(), "VERB")
        if cue is None or not cue.quotes:
            continue
        kids = [k.dep_ for k in child.children]
        if any(d in ("mark", "auxpass", "nsubjpass") for d in kids):
            continue  # "… and that the zone be declared …": a second reported clause
        if "nsubj" in kids and cue.cls not in ("say", "belief"):
            continue  # "… but Russia attacked Ukraine": an event within the statement
        cut = child.left_edge.i
        if n and rights[n - 1].dep_ == "cc" and rights[n - 1].i < cut:
            cut = rights[n - 1].i
        return clause.doc[cut].idx
    return None


def _that_clause(noun: Token, speech: bool) -> Token | None:
    """A "that" clause with its own subject that the parser hung on a noun after the verb:
    "asserting in a post that signals … remained negative". A complement, not a relative
    clause, when "that" is a marker — or, after a reporting verb, when the clause has another
    subject ("said in an address that Ukraine would hold")."""
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.pos_ in VERBAL:
            kids = list(child.children)
            first = child.left_edge
            if first.lower_ != "that" or not any(
                k.dep_ in ("nsubj", "nsubjpass") and k.i != first.i for k in kids
            ):
                continue
            if first.dep_ == "mark" or speech:
                return child
    return None


def _reattached(tok: Token, clause: Token, text: str) -> Candidate:
    """The clause as the verb's content, with a trailing participle of the same verb
    (", characterized by continued attacks") that describes the same statement."""
    start, end = _subtree(clause, text)
    for conj in tok.children:
        participle = conj.dep_ == "conj" and conj.i > clause.i and conj.tag_ in ("VBN", "VBG")
        if participle and not any(k.dep_.startswith("nsubj") for k in conj.children):
            end = max(end, _subtree(conj, text)[1])
    cand = Candidate((start, end), "ccomp", cue=tok, head=clause)
    cand.hints.append("reattached")
    return cand


def _verb_candidates(tok: Token, text: str, lexicon: Lexicon) -> Iterator[Candidate]:
    children = list(tok.children)
    cue = lexicon.lookup(tok.lemma_.lower(), "VERB")
    object_source = cue is not None and cue.speaker == "object"
    for n, child in enumerate(children):
        dep = child.dep_
        if dep == "ccomp" or (dep == "xcomp" and child.pos_ in VERBAL):
            contrast = _contrast(child)  # "X insisted Y, while Z warned W": Y only
            start, end = _subtree(child, text, skip=contrast)
            cut = _coordinated_cue(child, lexicon)
            if cut is not None and start < cut < end:
                start, end = trim(text, start, cut)
            yield Candidate((start, end), dep, cue=tok, head=child)
        elif dep == "dobj":
            if not (object_source and names_someone(child, lexicon)):  # "quoted X": X is the source
                yield Candidate(_subtree(child, text), "dobj", cue=tok, head=child)
            # "dismissed the plan as unworkable", "called him a liar"
            for later in children[n + 1 :]:
                if object_source:
                    break
                if later.dep_ in ("oprd", "ccomp", "xcomp", "acomp") or (
                    later.dep_ == "prep" and later.lower_ == "as"
                ):
                    span = _span(child, later, text)
                    yield Candidate(span, "dobj_pred", cue=tok, head=child)
                    break
        elif dep == "nsubjpass" and child.i < tok.i:  # "The new rules have been welcomed"
            yield Candidate(_subtree(child, text), "passive", cue=tok, head=child)
        elif dep == "prep":
            obj = _prep_object(child)
            if obj is None:
                continue
            if child.lower_ in CONTENT_PREPS and not (object_source and child.lower_ == "as"):
                span = _subtree(obj, text)
                yield Candidate(span, "prep", cue=tok, cue_end=child.i + 1, head=obj)
            clause = _that_clause(obj, cue is not None)
            if clause is not None:
                yield _reattached(tok, clause, text)
        elif dep in ("acomp", "oprd") and child.pos_ == "ADJ":  # "made clear that Y"
            for grand in child.children:
                if grand.dep_ in CLAUSE_DEPS:
                    span = _subtree(grand, text)
                    yield Candidate(span, "adj", cue=tok, cue_end=child.i + 1, head=grand)
        elif dep == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in child.children
        ):
            yield Candidate(_subtree(child, text), "advcl", cue=tok, head=child)
    # "Y, he said." parsed with the speech verb hanging on Y; "as X put it, Y"
    hanging = tok.dep_ == "parataxis" or (
        tok.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in tok.children)
    )
    if hanging and tok.head.i != tok.i:
        rel = "parataxis" if tok.dep_ == "parataxis" else "as"
        yield Candidate(_subtree(tok.head, text, skip=tok), rel, cue=tok, head=tok.head)


def _according(tok: Token, text: str) -> Iterator[Candidate]:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = _prep_object(to) if to is not None else None
    if obj is None:
        return
    head = _clause_head(tok)
    if head.i == tok.i:
        return
    yield Candidate(
        _subtree(head, text, skip=tok),
        "according",
        cue=tok,
        cue_end=to.i + 1,
        source=obj,
        head=head,
    )


def _in_opinion(tok: Token, text: str, lexicon: Lexicon) -> Iterator[Candidate]:
    """ "In his opinion, Y", "in the view of X, Y": the noun's possessor (or "of" object) is
    the source and the clause the phrase modifies is the content, as with "according to"."""
    prep = tok.head
    if prep.lower_ != "in" or prep.dep_ != "prep" or not lexicon.has("opinion_nouns", tok.lower_):
        return
    source = next((c for c in tok.children if c.dep_ == "poss"), None)
    if source is None:
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        source = _prep_object(of) if of is not None else None
    head = _clause_head(prep)
    if source is None or head.i == prep.i:
        return
    span = _subtree(head, text, skip=prep)
    yield Candidate(span, "according", cue=prep, cue_end=tok.i + 1, source=source, head=head)


def _noun_candidates(tok: Token, text: str) -> Iterator[Candidate]:
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp", "appos") and child.pos_ in VERBAL:
            if child.dep_ == "acl" and not any(
                g.lower_ == "that" and g.dep_ == "mark" for g in child.children
            ):
                continue
            yield Candidate(_subtree(child, text), "noun_clause", cue=tok, head=child)
        elif child.dep_ == "prep" and child.lower_ in (
            "about",
            "of",
            "on",
            "that",
            "against",
            "for",
        ):
            obj = _prep_object(child)
            if obj is not None:
                span = _subtree(obj, text)
                yield Candidate(span, "noun_prep", cue=tok, cue_end=child.i + 1, head=obj)
    # "His view is that Y", "The claim: Y"
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        for sib in tok.head.children:
            if sib.dep_ in ("ccomp", "attr") and sib.i > tok.i and sib.pos_ in VERBAL:
                yield Candidate(_subtree(sib, text), "copula", cue=tok, head=sib)


def _adj_candidates(tok: Token, text: str) -> Iterator[Candidate]:
    for child in tok.children:
        if child.dep_ in CLAUSE_DEPS:
            yield Candidate(_subtree(child, text), "adj", cue=tok, head=child)
        elif child.dep_ == "prep" and child.lower_ in ("about", "of", "that"):
            obj = _prep_object(child)
            if obj is not None:
                span = _subtree(obj, text)
                yield Candidate(span, "adj_prep", cue=tok, cue_end=child.i + 1, head=obj)


def _may_cue(doc: Doc, lexicon: Lexicon) -> list[int]:
    """The tokens whose candidates can become quotes, in order, found on the token arrays:
    a word of the cue lexicon (its lemma or, for a participle read as an adjective, its
    form), "according", an opinion noun ("in his opinion"), and a verb whose adjective
    carries the cue ("made clear that"). A candidate of any other word has no class that
    reports speech and is dropped after scoring, so it is not built."""
    heads = lexicon.heads
    cues = {*tokens_with_lemma(doc, heads), *tokens_with_lower(doc, heads)}
    found = {t.i for t in cues} | {t.head.i for t in cues if t.dep_ in ("acomp", "oprd")}
    others = SPECIAL | lexicon.lists.get("opinion_nouns", EMPTY)
    found |= {t.i for t in tokens_with_lower(doc, others)}
    return sorted(found)


def find_indirect(ix: DocIndex, lexicon: Lexicon) -> list[Candidate]:
    """Every (cue word, content) pair the parse offers, before scoring."""
    out: list[Candidate] = []
    text, doc = ix.text, ix.doc
    if not len(doc):
        return out
    wanted = {UPOS[p] for p in ("VERB", "AUX", "NOUN", "ADJ")}
    pos_ids = doc.to_array(POS).tolist()
    for i in _may_cue(doc, lexicon):
        if pos_ids[i] not in wanted:
            continue
        tok = doc[i]
        pos = tok.pos_
        if tok.lower_ == "according" and tok.dep_ == "prep":
            out += _according(tok, text)
        elif pos in VERBAL:
            out += _verb_candidates(tok, text, lexicon)
        elif pos == "NOUN":
            out += _noun_candidates(tok, text)
            if tok.dep_ == "pobj":
                out += _in_opinion(tok, text, lexicon)
        elif pos == "ADJ" and tok.dep_ in ("acomp", "amod", "oprd"):
            out += _adj_candidates(tok, text)
    return [c for c in out if c.content[1] > c.content[0]]
