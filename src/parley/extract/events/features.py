"""What the event model reads about one candidate: sparse string features of the draft, its
place in the parse and in the sentence.

A candidate is a draft of the lexicon (``triggers``, ``derive``) once its arguments and
status are known. The features say what kind of word fired (lemma, pattern, part of speech,
verb or noun reading), how it hangs in the sentence (its dependency relation and head; for
a noun: a support verb, the preposition it is the object of, its modifiers such as
"potential" or "new", a possessor), its grammar (tense, aspect, modal and negation, the
status the rules read off the clause, a condition), its arguments (an actor or recipient
found, of what kind), the other drafts of the sentence (the one it is embedded in, others
of the same type) and where the sentence is (inside a quotation, a question, a heading).
The weights of ``parley/kb/models/events.json`` (``decide``) turn them into a probability
that the candidate is a reported event of its type.

The word is read with the candidate's type (``lemma=threat|THREATEN``); the construction
is not: with a few hundred training candidates, construction-by-type features fit the
training articles rather than new ones (measured by cross-validation).

The words of the sentence come too, as a bag (``sentence_words``): the topic of the
sentence ("markets", "poll", "history", "treaty", "tomorrow") says much of whether a word
in it reports an event of the news, and the parse features do not see it.

A text of one sentence (a wire line, a sentence pasted on its own) is read apart from a
sentence of an article: its type, word, pattern and status features come twice, once as they
are and once marked ``alone|``. A sentence taken alone is usually there because it reports an
event, and a whole article tells background and intentions the scheme leaves uncoded, so
the same word weighs differently in the two; the shared copy carries what they have in
common.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from parley.extract.events.context import Context, clause_verb_of, start_of
from parley.extract.events.triggers import Draft
from parley.model import Entity, Event

CLAUSE_DEPS = {"relcl", "acl", "advcl", "csubj", "appos", "pcomp", "ccomp", "xcomp"}
NOUN_MOD_DEPS = {"amod", "det", "nummod", "advmod", "neg", "predet"}
CODED_SECTORS = {"IGO"}
# function words left out of the sentence's bag of words
FUNCTION_WORDS = frozenset({
    "the", "a", "an", "of", "to", "in", "and", "or", "for", "on", "at", "by", "with", "from",
    "as", "is", "was", "were", "be", "been", "are", "that", "this", "it", "its", "their", "his",
    "her", "he", "she", "they", "we", "i", "you",
})  # fmt: skip
# the features a text of one sentence has twice, once marked "alone|": what the word is and
# where it hangs in the sentence (its arguments and grammar are read alike in both)
ALONE = ("bias", "type=", "lemma=", "rule=", "status=", "dep=", "head_pos=", "head=", "depth=",
         "clause", "gov", "under_reporting", "others=", "same_type")  # fmt: skip


def _bucket(n: int, limits: tuple[int, ...] = (0, 1, 2, 4, 8)) -> str:
    for limit in limits:
        if n <= limit:
            return str(limit)
    return "more"


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _depth(d: Draft) -> int:
    n, g = 0, d.governor
    while g is not None and n < 8:
        n, g = n + 1, g.governor
    return n


def _clauses(t: Token) -> list[str]:
    """The clause relations on the way from ``t`` to the root."""
    out = []
    for _ in range(12):
        if t.head.i == t.i:
            break
        if t.dep_ in CLAUSE_DEPS:
            out.append(t.dep_)
        t = t.head
    return out


def _under_reporting(t: Token, ctx: Context) -> bool:
    for _ in range(6):
        if t.head.i == t.i:
            return False
        t = t.head
        if ctx.lex.has("reporting_verbs", _lemma(t)):
            return True
    return False


def _noun_features(d: Draft, ctx: Context) -> list[str]:
    node = d.node
    out = []
    if d.light is not None:
        out.append(f"light={_lemma(d.light)}")
        return out
    out.append("bare_noun")
    out.append(f"number={'plural' if node.tag_ in ('NNS', 'NNPS') else 'singular'}")
    if node.dep_ == "pobj":
        prep = node.head
        out.append(f"pobj_of={prep.lower_}")
        out.append(f"pobj_of={prep.lower_}|head={prep.head.pos_}")
        out.append(f"pobj_of={prep.lower_}|{_lemma(prep.head)}")
    elif node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "compound"):
        out.append(f"noun_head={_lemma(node.head)}")
    has_poss = has_det = False
    for t in (node, d.trigger) if d.trigger.i != node.i else (node,):
        for c in t.children:
            if c.dep_ in NOUN_MOD_DEPS:
                out.append(f"mod={c.lower_}")
                has_det = has_det or c.dep_ == "det"
            elif c.dep_ == "poss":
                has_poss = True
                ids = ctx.np(c) if c.pos_ != "PRON" else []
                out.append(f"poss={'actor' if ids else c.pos_.lower()}")
            elif c.dep_ == "compound" and c.pos_ == "PROPN":
                out.append(f"compound_name={'actor' if ctx.np(c) else 'other'}")
            elif c.dep_ == "prep":
                out.append(f"noun_prep={c.lower_}")
                if c.lower_ in ("of", "by", "between", "on", "against", "with", "in"):
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    if any(ctx.np(p) for p in objs):
                        out.append(f"noun_prep={c.lower_}|actor")
            elif c.dep_ in ("acl", "relcl"):
                out.append(f"noun_clause={c.dep_}")
    if not has_det and not has_poss:
        out.append("no_determiner")
    return out


def _coded(e: Entity) -> bool:
    """Whether the entity has a code a PLOVER coder would give it: a state (its country)
    or an international organisation."""
    return bool(e.country) or e.sector in CODED_SECTORS


def _actor_features(event: Event, ctx: Context) -> list[str]:
    out = []
    ents = [ctx.index.by_id[a] for a in event.actors if a in ctx.index.by_id]
    if ents:
        out.append(f"actor={'coded' if any(_coded(e) for e in ents) else 'uncoded'}")
        out += sorted({f"actor_kind={e.kind}" for e in ents})
        out += sorted({f"actor_sector={e.sector}" for e in ents if e.sector})
    recips = [ctx.index.by_id[a] for a in event.recipients if a in ctx.index.by_id]
    if recips:
        out.append(f"recipient={'coded' if any(_coded(e) for e in recips) else 'uncoded'}")
    return out


def _subject_features(verb: Token | None) -> list[str]:
    """What the subject of the event's clause is, whether or not it names an entity."""
    if verb is None:
        return ["subj=none"]
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
    if subj is None:
        return ["subj=none"]
    out = [f"subj_pos={subj.pos_}"]
    if subj.pos_ == "PRON":
        out.append(f"subj_pron={subj.lower_}")
    elif subj.ent_type_:
        out.append(f"subj_ent={subj.ent_type_}")
    else:
        ents = {t.ent_type_ for t in subj.subtree if t.ent_type_}
        out += sorted(f"subj_np_ent={x}" for x in ents) or ["subj_np_ent=none"]
    return out


def _verb_features(d: Draft) -> list[str]:
    out = []
    verb = d.anchor if d.anchor.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return out
    out.append(f"vtag={verb.tag_}")
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            out.append(f"aux={c.lower_}")
        elif c.dep_ == "neg":
            out.append("neg")
        elif c.dep_ == "mark":
            out.append(f"mark={c.lower_}")
        elif c.dep_ in ("dobj", "attr"):
            out.append(f"obj_pos={c.pos_}")
        elif c.dep_ == "ccomp":
            out.append("has_ccomp")
        elif c.dep_ == "xcomp":
            out.append("has_xcomp")
    if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        out.append("no_subject")
    return out


def sentence_words(sent: SpacySpan) -> list[str]:
    """The bag of words of ``sent`` as features (``word=…``): lower case, each once, in
    order, function words and tokens that do not begin with a letter left out."""
    seen: dict[str, None] = {}
    for t in sent:
        low = t.lower_
        if low[:1].isalpha() and low not in FUNCTION_WORDS:
            seen.setdefault(f"word={low}")
    return list(seen)


def features(
    d: Draft,
    event: Event,
    ctx: Context,
    sent: SpacySpan,
    drafts: list[Draft],
    first: bool,
    alone: bool = False,
    words: Sequence[str] = (),
) -> list[str]:
    """The candidate's features, each once; ``first`` says the sentence is the article's
    first (a headline), ``alone`` that it is the whole text, ``words`` is its
    ``sentence_words``."""
    kind = event.type
    t = d.trigger
    s = start_of(d)
    lemma = _lemma(t)
    base = [
        f"kind={d.kind}",
        f"pos={t.pos_}",
        f"tag={t.tag_}",
        f"dep={s.dep_}",
        f"dep={s.dep_}|{d.kind}",
        f"head_pos={s.head.pos_ if s.head.i != s.i else 'ROOT'}",
        f"status={d.status}",
        f"negated={d.negated}",
        f"actors={'yes' if event.actors else 'no'}",
        f"recipients={'yes' if event.recipients else 'no'}",
        f"depth={_bucket(_depth(d), (0, 1, 2))}",
    ]
    if s.head.i != s.i:
        base.append(f"head={_lemma(s.head)}")
    clauses = _clauses(s)
    base.append(f"clauses={_bucket(len(clauses), (0, 1, 2))}")
    base += [f"clause={c}" for c in sorted(set(clauses))]
    if d.modality is not None:
        if d.modality.intent:
            base.append("intent")
        if d.modality.deontic:
            base.append("deontic")
        if d.modality.cue is not None:
            base.append(f"status_cue={d.modality.cue.lower_}")
    base += _actor_features(event, ctx)
    if _under_reporting(s, ctx):
        base.append("under_reporting")
    verb = clause_verb_of(d)
    if verb is not None and verb.i != s.i:
        base.append(f"clause_verb={_lemma(verb)}")
    base += _subject_features(verb)
    base += _noun_features(d, ctx) if d.kind == "nominal" else _verb_features(d)
    g = d.governor
    if g is None:
        base.append("gov=none")
    else:
        base.append(f"gov={g.type}")
        base.append(f"gov_lemma={_lemma(g.trigger)}")
        if g.type == kind:
            base.append("gov_same_type")
    quote = ctx.quote_holding(event.trigger.start, event.trigger.end)
    if quote is not None:
        base.append(f"quote={quote.kind}")
    others = [x for x in drafts if x is not d and x.trigger.i != t.i]
    same = [x for x in others if x.type == kind]
    base.append(f"others={_bucket(len(others), (0, 1, 2, 4))}")
    if same:
        base.append("same_type_in_sentence")
        if any(x.start < d.start for x in same):
            base.append("same_type_before")
        if any(x.governor is d or d.governor is x for x in same):
            base.append("same_type_linked")
    text = sent.text.strip()
    if text.endswith("?"):
        base.append("question")
    if not text or text[-1] not in ".!?\"'”’:;)":
        base.append("no_final_stop")
    if first:
        base.append("first_sentence")
    if event.when is not None and event.when.text is not None:
        base.append("dated")
    # the type, the word with its type and the pattern; the construction is shared by all
    # types (conjoining it with the type fits the training articles, not new ones)
    out = ["bias", f"type={kind}", f"lemma={lemma}|{kind}", f"rule={d.rule}"]
    # status with the type: the scheme codes a proposed or planned meeting, rarely a
    # proposed or planned attack
    out.append(f"status={d.status}|{kind}")
    out.append(f"conf={round(d.pattern.conf, 1)}")
    out += base
    if alone:
        out += [f"alone|{f}" for f in out if f.startswith(ALONE)]
    out += words
    seen: set[str] = set()
    return [f for f in out if not (f in seen or seen.add(f))]
