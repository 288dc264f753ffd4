"""Quotes: every attribution of speech, writing or stated belief, with its source.

Candidates come from two finders — quote marks with the cue around them (``direct``) and the
dependency parse (``indirect``: "X said Y", "according to X", "X's claim that Y", …). Each
gets a source (``speakers``) and a score (``scoring``: a small logistic model trained on
PolNeAR, or lexicon rules without it); the best non-overlapping ones become ``Quote``
records, ids ``Q1`` … in text order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from datetime import date

from spacy.tokens import Doc

from parley.extract.quotes.classes import content_shape, cue_class, reports_speech
from parley.extract.quotes.common import Candidate, DocIndex
from parley.extract.quotes.dashes import find_dashed
from parley.extract.quotes.direct import find_direct, find_transcript
from parley.extract.quotes.headlines import find_headline
from parley.extract.quotes.indirect import find_indirect
from parley.extract.quotes.marks import Quoted, find_quoted
from parley.extract.quotes.scoring import features, probability, rule_score, source_kind
from parley.extract.quotes.speakers import (
    EntityIndex,
    find_channel,
    find_source,
    is_anonymous,
    nearby_source,
    source_span,
)
from parley.kb.cues import Lexicon
from parley.model import Entity, Quote, Span
from parley.resources import Resources, load_resources

__all__ = ["build_quotes", "candidates", "extract_quotes"]

# quotes whose cue came from the frame
FRAMED = {"quote_after", "quote_before", "colon", "lead_in", "headline"}
SAME_CONTENT = 0.6  # two candidates whose contents overlap this much say the same thing
SPOKEN_END = set(",.?!…;:")  # a quotation ending so is a whole utterance, not a quoted phrase


def _quoted_chars(start: int, end: int, quoted: list[Quoted], starts: list[int]) -> int:
    k = bisect_right(starts, end)
    total = 0
    for q in quoted[max(0, k - 8) : k]:
        total += max(0, min(end, q.inner_end) - max(start, q.inner_start))
    return total


def _within_quote(
    span: tuple[int, int], quoted: list[Quoted], starts: list[int], text: str
) -> tuple[int, int]:
    """A clause that starts inside a quotation ends with it: the parser often runs a quoted
    sentence on into the narration after the closing mark ("…,” indicating …)."""
    k = bisect_right(starts, span[0]) - 1
    if k < 0 or text[quoted[k].inner_end - 1 : quoted[k].inner_end] not in SPOKEN_END:
        return span  # a quoted phrase inside the clause ("referring to “constructive talks” …")
    if quoted[k].inner_start <= span[0] < quoted[k].inner_end < span[1]:
        end = quoted[k].inner_end
        while end > span[0] and text[end - 1] in ",;: \t\n":
            end -= 1
        return span[0], end
    return span


def _balance_marks(
    span: tuple[int, int], quoted: list[Quoted], starts: list[int], text: str
) -> tuple[int, int]:
    """Keep both marks of a quotation that opens or closes mixed content:
    '“constructive talks” between …' rather than 'constructive talks” between …'."""
    start, end = span
    k = bisect_right(starts, end)
    for q in quoted[max(0, k - 8) : k]:
        if q.inner_start == start and q.end <= end:
            start = q.start
        tail = text[end : q.inner_end]
        if q.inner_start > start and end <= q.inner_end and not tail.strip(",.;:!? "):
            end = q.end
    return start, end


def _anonymity_clause(cand: Candidate, text: str, lexicon: Lexicon) -> bool:
    """A clause that only says the source wished to stay unnamed (one of the lexicon's
    ``anonymity`` phrases, after a verb of asking or declining) tells who spoke, not what
    was said."""
    if cand.cue is None or cand.direct or cand.size > 40:
        return False
    if cand.cue.lower_ not in lexicon.anonymity_words:
        return False
    phrase = f"{cand.cue.lower_} {text[cand.content[0] : cand.content[1]].lower()}"
    return any(phrase in p or p.endswith(phrase) for p in lexicon.anonymity)


def _with_dashes(quoted: list[Quoted], dashed: list[Quoted]) -> list[Quoted]:
    """The quoted stretches with the dash-introduced ones; quote marks inside a dash
    stretch are a quotation within the speech, not one of their own."""
    if not dashed:
        return quoted
    starts = [d.start for d in dashed]

    def inside(q: Quoted) -> bool:
        k = bisect_right(starts, q.start) - 1
        return k >= 0 and q.end <= dashed[k].end

    return sorted([q for q in quoted if not inside(q)] + dashed, key=lambda q: q.start)


def sentence_starts(ix: DocIndex) -> list[int]:
    """Start offsets of the record's sentences, numbered as ``structure.sentences`` numbers
    them (whitespace-only sentences dropped), without rebuilding ``doc.text`` again."""
    out = []
    text, doc = ix.text, ix.doc
    for start, end in ix.sent_bounds:
        lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        while lo < hi and text[lo].isspace():
            lo += 1
        if lo < hi:
            out.append(lo)
    return out


def candidates(
    doc: Doc,
    entities: list[Entity],
    res: Resources | None = None,
    ix: DocIndex | None = None,
) -> list[tuple[Candidate, Entity | None, bool]]:
    """Every scored candidate with its source entity and anonymity (for training and tests)."""
    res = res or load_resources()
    lexicon, weights = res.cues, res.quote_model
    ix = ix or DocIndex(doc)
    marked = find_quoted(ix.text)
    quoted = _with_dashes(marked, find_dashed(ix, lexicon, marked))
    starts = [q.inner_start for q in quoted]
    ix.set_quoted([(q.inner_start, q.inner_end) for q in quoted])
    found = find_direct(ix, lexicon, quoted) + find_transcript(ix) + find_headline(ix, lexicon)
    for cand in find_indirect(ix, lexicon):
        cand.content = _within_quote(cand.content, quoted, starts, ix.text)
        cand.quoted_chars = _quoted_chars(*cand.content, quoted, starts)
        if cand.quoted_chars:
            cand.content = _balance_marks(cand.content, quoted, starts, ix.text)
        found.append(cand)
    index = EntityIndex(entities)
    out = []
    found = [c for c in found if not _anonymity_clause(c, ix.text, lexicon)]
    for cand in found:
        cand.cls = cue_class(cand, lexicon)
        cand.shape = content_shape(cand, ix.text)
    # only speech, writing and stated belief: the object of "supported", "refused" or an
    # unlisted verb is no quote
    found = [c for c in found if reports_speech(c, c.cls, lexicon)]
    for cand in found:
        if cand.follows is not None:
            cand.source, cand.via = cand.follows.source, cand.follows.via
        if cand.source is None and cand.cue is not None:
            cand.source, cand.via = find_source(cand.cue, lexicon)
            if cand.source is None and cand.rel in FRAMED:
                cand.source = nearby_source(cand.cue, ix)
        entity = None
        anonymous = False
        if cand.source is not None:
            src = cand.source
            start, end = source_span(src)
            entity = index.at(start, end, (src.idx, src.idx + len(src)))
            anonymous = is_anonymous(src, entity, lexicon, ix)
        kind = entity.kind if entity is not None else None
        cand.features = features(cand, ix, lexicon, source_kind(cand, kind, anonymous))
        if weights is None:
            cand.score = rule_score(cand, lexicon)
        else:
            cand.score = probability(cand.features, weights)
        out.append((cand, entity, anonymous))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _inside_quotation(scored: list[tuple[Candidate, Entity | None, bool]], threshold: float):
    """The clauses the parse found inside a quotation that is kept with the same cue ("“A,”
    he said, “B.”": the clause A of "said"): the quotation is the quote, not its first part."""
    whole = {
        c.cue.i: c.content
        for c, _, _ in scored
        if c.direct and c.cue is not None and c.score >= threshold
    }
    out = set()
    for cand, _, _ in scored:
        if cand.direct or cand.cue is None or cand.cue.i not in whole:
            continue
        start, end = whole[cand.cue.i]
        if start <= cand.content[0] and cand.content[1] <= end:
            out.add(id(cand))
    return out


def _nested(cand: Candidate, kept: tuple[int, int], reported: dict[tuple[int, int], int]):
    """One reported statement inside another ("the official said the president has made
    clear that Y", "the survey found most said Y"): the inner cue and its content lie in the
    outer content, so both are quotes, each with its own speaker."""
    start, end = cand.content
    if not cand.direct and cand.cue is not None and kept in reported:
        if kept[0] <= cand.cue.idx < start and end <= kept[1] and _third_party(cand):
            return True  # cand is the inner statement
        outer_cue = reported[kept]
        if start <= outer_cue < kept[0] and kept[1] <= end:
            return True  # cand is the outer statement, the inner one already kept
    return False


def _third_party(cand: Candidate) -> bool:
    """A nested statement the outer one reports: a clause after a verb or adjective of
    saying, outside quote marks, whose subject is not the speaker's "I", "we" or "you"."""
    cue = cand.cue
    if cand.shape != "clause" or cand.quoted_chars or cue.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    verb = cue.head if cue.pos_ == "ADJ" else cue
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(
        c.dep_ == "nsubj" and c.lower_ not in ("i", "we", "you") for c in subjects
    )


def _select(scored: list[tuple[Candidate, Entity | None, bool]], threshold: float) -> list:
    kept: list[tuple[Candidate, Entity | None, bool]] = []
    parts = _inside_quotation(scored, threshold)
    # the kept contents sorted by start, and the longest: a candidate is compared only with
    # those that can overlap it, not with every kept one
    spans: list[tuple[int, int]] = []
    reported: dict[tuple[int, int], int] = {}  # kept indirect content -> its cue's offset
    longest = 0
    used_cues: set[int] = set()
    order = sorted(scored, key=lambda x: (-x[0].score, not x[0].direct, x[0].content))
    for item in order:
        cand = item[0]
        if cand.score < threshold:
            break
        if id(cand) in parts:
            continue
        if cand.cue is not None and cand.cue.i in used_cues:
            continue
        lo, hi = cand.content[0] - longest, cand.content[1]
        near = spans[bisect_right(spans, (lo, hi)) : bisect_left(spans, (hi, hi))]
        if any(
            _overlap(cand.content, k) >= SAME_CONTENT and not _nested(cand, k, reported)
            for k in near
        ):
            continue
        kept.append(item)
        insort(spans, (cand.content[0], cand.content[1]))
        if not cand.direct and cand.cue is not None:
            reported[cand.content] = cand.cue.idx
        longest = max(longest, cand.content[1] - cand.content[0])
        if cand.cue is not None:
            used_cues.add(cand.cue.i)
    return sorted(kept, key=lambda x: (x[0].content[0], x[0].content[1]))


def _kind(cand: Candidate) -> str:
    if cand.direct or cand.quoted_chars >= cand.size - 2:
        return "direct"
    return "mixed" if cand.quoted_chars else "indirect"


def build_quotes(
    doc: Doc,
    scored: list[tuple[Candidate, Entity | None, bool]],
    threshold: float,
    ix: DocIndex | None = None,
    res: Resources | None = None,
) -> list[Quote]:
    """``Quote`` records from the scored candidates that pass ``threshold``."""
    lexicon = (res or load_resources()).cues
    ix = ix or DocIndex(doc)
    text = ix.text
    sent_starts = sentence_starts(ix)
    quotes = []
    for cand, entity, anonymous in _select(scored, threshold):
        cue_span = speaker = via = None
        channel = None
        if cand.cue is not None:
            cue = cand.cue
            last = doc[(cand.cue_end or cue.i + 1) - 1]
            cue_span = Span.of(text, cue.idx, last.idx + len(last))
            channel = find_channel(cue, lexicon)
        if cand.source is not None:
            speaker = Span.of(text, *source_span(cand.source))
        if cand.via is not None:
            via = Span.of(text, *source_span(cand.via))
        anchor_char = cue_span.start if cue_span is not None else cand.content[0]
        sentence = max(0, bisect_right(sent_starts, anchor_char) - 1)
        quotes.append(
            Quote(
                id=f"Q{len(quotes) + 1}",
                kind=_kind(cand),
                content=Span.of(text, *cand.content),
                sentence=sentence,
                cue=cue_span,
                speaker=speaker,
                speaker_entity=entity.id if entity is not None else None,
                anonymous=anonymous,
                channel=channel,
                via=via,
            )
        )
    return quotes


def extract_quotes(
    doc: Doc,
    entities: list[Entity],
    anchor: date | None = None,
    *,
    res: Resources | None = None,
    text: str | None = None,
) -> list[Quote]:
    """The quotes of one parsed article, ids ``Q1`` … in text order.

    ``entities`` are the article's entities (their mentions, pronouns included, link each
    source to an entity); ``anchor`` is accepted for the stage signature and not used yet.
    ``text`` is ``doc.text`` when the caller already holds it (``Article.text``): spaCy
    rebuilds ``doc.text`` on every access, which costs a few milliseconds per article.
    """
    res = res or load_resources()
    weights = res.quote_model
    threshold = weights["__threshold__"] if weights else 0.5
    ix = DocIndex(doc, text)
    scored = candidates(doc, entities, res, ix)
    return build_quotes(doc, scored, threshold, ix, res)
