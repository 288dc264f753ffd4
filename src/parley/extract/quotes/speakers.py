"""Who said it: the source of a cue, the entity it names, and how it was said.

The source is the nearest explicit mention: the subject of the cue verb ("Ushakov stated"),
the agent of a passive ("was announced by X"), the object of "according to X", "quoted X" or
"citing X", the possessor of a reporting noun ("his remarks"), or — for a cue without a
subject of its own ("…, adding that", "…, confirming that") — the source of the verb it
hangs on. "Russian news agencies quoted Yuri Ushakov …, confirming that …" gives the source
Ushakov via the agencies. Which entity a source names, whether it is anonymous and the
channel are in ``attribution``.
"""

from __future__ import annotations

__all__ = [
    "EntityIndex",
    "find_channel",
    "find_source",
    "is_anonymous",
    "names_someone",
    "nearby_source",
    "source_span",
]

from spacy.tokens import Token

from parley.extract.corefer import ROLES
from parley.extract.quotes.attribution import EntityIndex, find_channel, is_anonymous
from parley.extract.quotes.common import DocIndex
from parley.kb.cues import Lexicon

SUBJECTS = ("nsubj", "csubj", "expl")
RELATIVE = {"who", "that", "which", "whom"}
INHERIT = {
    "xcomp", "advcl", "conj", "pcomp", "ccomp", "parataxis", "acl", "relcl", "prep", "acomp",
    "oprd",
}  # fmt: skip
NAME_PARTS = {"compound", "flat", "nmod", "case", "poss", "prep", "nummod", "amod", "det"}
PERSONAL = {"he", "she", "they", "i", "we", "it"}
DASHES = {"-", "–", "—"}
MODIFIERS = {"pobj", "compound", "amod", "poss", "nmod", "npadvmod", "nummod"}


def _object_source(tok: Token, lexicon: Lexicon) -> bool:
    cue = lexicon.lookup(tok.lemma_.lower(), "VERB")
    return cue is not None and cue.speaker == "object"


def names_someone(tok: Token, lexicon: Lexicon) -> bool:
    """A person, group or outlet rather than a thing: "quoted Ushakov", "citing officials"
    (a common noun counts when it is in the lexicon's ``source_nouns``)."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return lexicon.has("source_nouns", tok.lemma_.lower())


def _subject(tok: Token) -> Token | None:
    """The subject of ``tok``; of two (a misparse of "“…,” wrote X"), the one no quotation
    mark separates from the verb."""
    subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    doc = tok.doc
    for subj in subjects:
        lo, hi = sorted((subj.i, tok.i))
        if not any(t.is_quote for t in doc[lo:hi]):
            return subj
    return subjects[0]


def _child(tok: Token, deps: tuple[str, ...] | set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _agent(tok: Token) -> Token | None:
    agent = _child(tok, ("agent",))
    return _child(agent, ("pobj",)) if agent is not None else None


def find_source(tok: Token, lexicon: Lexicon, depth: int = 0) -> tuple[Token | None, Token | None]:
    """(source head, intermediary head) for the cue word ``tok``; None where not found.
    A title with a person's name in apposition ("Ukraine's ambassador, Vadym Prystaiko,";
    "the Minister of Justice Marco Buschmann") gives the name."""
    source, via = _find_source(tok, lexicon, depth)
    return named_in_apposition(source), via


def named_in_apposition(tok: Token | None) -> Token | None:
    """The person a title names in apposition, else ``tok`` itself."""
    if tok is None or tok.ent_type_ == "PERSON" or tok.pos_ not in ("NOUN", "PROPN"):
        return tok
    for child in tok.rights:
        if _is_name(child):
            return child
        if child.dep_ == "prep" and tok.pos_ == "NOUN":  # "the envoy in Vienna, X,"
            for obj in child.children:
                name = next((c for c in obj.rights if obj.dep_ == "pobj" and _is_name(c)), None)
                if name is not None:
                    return name
                if obj.dep_ == "pobj" and _is_person(obj) and tok.lemma_.lower() in ROLES:
                    return obj  # "the head of the agency Anna Berg"
    return tok


def _dash_source(tok: Token) -> Token | None:
    """The source of a verb closing dash-introduced speech, "- … - said the minister." or
    "- … - the minister added.": the noun phrase between the dash and the verb, else the one
    right after the verb. The parser often makes a noun of the speech its subject."""
    if tok.pos_ != "VERB" or any(
        c.dep_ in ("ccomp", "xcomp", "parataxis", "dobj") and c.i > tok.i and c.pos_ == "VERB"
        for c in tok.children
    ):
        return None
    doc = tok.doc
    start = tok.sent.start
    j = tok.i - 1
    while j >= start and tok.i - j <= 8 and doc[j].text not in DASHES:
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].is_punct:
            return None
        j -= 1
    if j < start or doc[j].text not in DASHES or not doc[j].whitespace_:
        return None
    between = range(j + 1, tok.i)
    roots = [doc[i] for i in between if doc[i].head.i not in between]
    for t in roots:
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            return _phrase_head(t)
    if roots:
        return None
    after = []
    for t in doc[tok.i + 1 : min(tok.i + 9, tok.sent.end)]:
        if t.is_punct:
            break
        after.append(t)
    subject = next((t for t in after if t.dep_ in SUBJECTS and t.head.i == tok.i), None)
    if subject is not None:
        return subject
    person = next((t for t in after if _is_person(t)), None)  # "- said Party MP Anna Berg"
    if person is not None:
        return _phrase_head(person)
    for t in after[:4]:
        if t.pos_ in ("PROPN", "NOUN") and t.dep_ not in ("pobj", "npadvmod"):
            return named_in_apposition(_phrase_head(t))
    return None


def _inverted_source(tok: Token, lexicon: Lexicon) -> Token | None:
    """The source of a sentence's main verb of saying the parser left without a subject:
    "… – said in June the party's spokesman" (parsed as its object), "… – Hansen said" (the
    name run into the quotation before it)."""
    if tok.dep_ != "ROOT" or lexicon.lookup(tok.lemma_.lower(), "VERB") is None:
        return None
    obj = _child(tok, ("dobj",))
    if obj is not None and obj.i > tok.i and names_someone(obj, lexicon):
        return obj
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if before is not None and before.ent_type_ == "PERSON" and before.pos_ == "PROPN":
        return _phrase_head(before)
    return None


def _is_name(tok: Token) -> bool:
    return tok.dep_ == "appos" and _is_person(tok)


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"


def _find_source(tok: Token, lexicon: Lexicon, depth: int = 0) -> tuple[Token | None, Token | None]:
    if depth > 4:
        return None, None
    if tok.lower_ == "according":
        to = _child(tok, ("prep",))
        return (_child(to, ("pobj",)) if to is not None else None), None
    if tok.pos_ in ("NOUN", "PROPN"):
        return _noun_source(tok, lexicon, depth)
    framed = _dash_source(tok)
    if framed is not None:
        return framed, None
    if _object_source(tok, lexicon):
        obj = _child(tok, ("dobj",))
        subj = _child(tok, ("nsubj",))
        if obj is not None and names_someone(obj, lexicon):
            return obj, subj
        passive = _child(tok, ("nsubjpass",))  # "X was quoted as saying"
        if passive is not None:
            return passive, _agent(tok)
    subj = _subject(tok)
    if (
        subj is not None
        and subj.lower_ == "it"
        and lexicon.has("impersonal_verbs", tok.lemma_.lower())
    ):
        return None, None  # "it seems that", "it appears"
    if subj is not None and subj.dep_ != "expl":
        if subj.lower_ in RELATIVE and tok.dep_ == "relcl":
            return tok.head, None
        return subj, None
    agent = _agent(tok)
    if agent is not None:
        return agent, None
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        noun = tok.head  # "Ushakov, confirming"; "X released a statement saying" → X
        if noun.pos_ == "NOUN" and lexicon.lookup(noun.lemma_.lower(), "NOUN") is not None:
            found = _noun_source(noun, lexicon, depth + 1)
            if found[0] is not None:
                return found
        return noun, None
    if tok.dep_ in INHERIT and tok.head.i != tok.i:
        head = tok.head
        if _object_source(head, lexicon):
            obj = _child(head, ("dobj",))
            if obj is not None and names_someone(obj, lexicon):
                return obj, _child(head, ("nsubj",))
        if tok.dep_ == "ccomp" and head.pos_ not in ("VERB", "AUX"):
            return None, None
        if tok.dep_ in ("ccomp", "parataxis") and _child(tok, ("nsubjpass",)) is not None:
            return None, None
        said = _reported_by(tok, head, lexicon)
        return find_source(said if said is not None else head, lexicon, depth + 1)
    return _inverted_source(tok, lexicon), None


def _reported_by(tok: Token, head: Token, lexicon: Lexicon) -> Token | None:
    """The verb of saying whose reported clause a participle cue was parsed into: in "X said
    the council had failed, noting that …", "noting" hangs on "failed"; its source is X's."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "xcomp", "conj") or head.dep_ != "ccomp":
        return None
    if lexicon.lookup(head.lemma_.lower(), "VERB") is not None:
        return None
    verb = head.head
    return verb if lexicon.lookup(verb.lemma_.lower(), "VERB") is not None else None


def nearby_source(cue: Token, ix: DocIndex) -> Token | None:
    """For a quote's cue the parse gave no subject ("…,” a source, who …, told X): the nearest
    name, personal pronoun or noun next to the cue in its sentence, outside the quote."""
    start, end = ix.sent_bounds[ix.sent_of[cue.i]]
    doc = ix.doc
    for dist in range(1, 9):
        for i in (cue.i + dist, cue.i - dist):
            if not start <= i < end:
                continue
            tok = doc[i]
            if ix.in_quote(tok.idx) or tok.is_punct:
                continue
            if tok.pos_ == "PROPN" or (tok.pos_ == "PRON" and tok.lower_ in PERSONAL):
                return _phrase_head(tok)
            if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass", "appos", "ROOT", "dobj"):
                return named_in_apposition(_phrase_head(tok))
            if tok.pos_ == "NOUN" and i > cue.i and tok.dep_ not in MODIFIERS:
                # an inverted "… – said the party's leader" the parser did not make a subject
                return named_in_apposition(_phrase_head(tok))
    return None


def _phrase_head(tok: Token) -> Token:
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _noun_source(tok: Token, lexicon: Lexicon, depth: int) -> tuple[Token | None, Token | None]:
    for child in tok.children:
        if child.dep_ == "poss":
            return child, None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = _child(child, ("pobj",))
            if obj is not None:
                return obj, None
    for child in tok.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child, None
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return find_source(head.head, lexicon, depth + 1)  # "in a statement, X said"
    if tok.dep_ in ("dobj",) and head.pos_ in ("VERB", "AUX"):  # "X issued a statement"
        return find_source(head, lexicon, depth + 1)
    if tok.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
        return tok, None  # "there were reports that …": the reports themselves, unnamed
    return None, None


def source_span(tok: Token) -> tuple[int, int]:
    """Characters of the source phrase: the head with its name parts, without appositions,
    relative clauses and trailing commas ("Ms. Novak, who chairs the panel, …" → "Ms. Novak")."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in NAME_PARTS or (child.dep_ in ("cc", "conj") and child.i == right + 1):
            right = max(right, child.right_edge.i)
        else:
            break
    if tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children):
        right = max(
            right, max((c.right_edge.i for c in tok.children if c.dep_ == "conj"), default=right)
        )
    doc = tok.doc
    while left < tok.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > tok.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])
