"""Direct quotes: stretches inside quote marks and the cue that introduces each.

The cue is looked for after the quote in the same sentence ("…,” he said), then before it
("He said: “…”", "Ushakov stated clearly, “…”"); a quote interrupted by its cue ("“…,” he
said, “…”") and quotes that follow with no cue of their own in the same paragraph are one
quotation, unless the narration between them ends a sentence ("“…,” he said on Monday.
“…”"): then the later one is a continuation quote of the same speaker; a quote opening a
paragraph after a colon lead-in ("The minister continued:") takes that cue; a quote
paragraph with no cue at all continues the previous speaker when the previous paragraph
quoted someone. Transcripts ("HOST: So what happens …") count as direct
speech.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from parley.extract.quotes.common import Candidate, DocIndex
from parley.extract.quotes.marks import Quoted
from parley.kb.cues import Lexicon

MIN_WORDS = 4  # shorter quoted stretches inside a sentence are scare quotes or titles
FRAME_TOKENS = 30
_TRANSCRIPT = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z.'’\- ]{1,30}[A-Z.]|[A-Z][a-z]+ ?[A-Z]?[a-z]*):[ \t]+\S"
)


def is_cue(tok: Token, lexicon: Lexicon, weak: bool) -> bool:
    """A verb of the lexicon (or "according"); with ``weak``, any verb with a subject."""
    if tok.lower_ == "according":
        return True
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if (
        lexicon.lookup(tok.lemma_.lower(), "VERB") is not None
        or tok.lemma_.lower() in lexicon.by_head
    ):
        return True
    # a short frame's own verb with a subject: "the mayor hit back", "one viewer chimed in"
    return weak and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _has_subject(tok: Token) -> bool:
    return tok.lower_ == "according" or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children
    )


def _frame_after(ix: DocIndex, q: Quoted, limit: int) -> list[Token]:
    doc, text = ix.doc, ix.text
    i = ix.first_from(q.end)
    if i >= len(doc) or "\n" in text[q.end : doc[i].idx]:
        return []
    end = min(ix.sent_bounds[ix.sent_of[i]][1], i + FRAME_TOKENS)
    out = []
    for k in range(i, end):
        if doc[k].idx >= limit or "\n" in doc[k].text:
            break
        out.append(doc[k])
    return out


def _frame_before(ix: DocIndex, q: Quoted, floor: int) -> list[Token]:
    doc, text = ix.doc, ix.text
    i = ix.first_from(q.start) - 1
    if i < 0 or "\n" in text[doc[i].idx + len(doc[i]) : q.start]:
        return []
    start = ix.sent_bounds[ix.sent_of[i]][0]
    out = []
    for k in range(i, start - 1, -1):
        if doc[k].idx < floor or "\n" in doc[k].text:
            break
        out.append(doc[k])
    return out[::-1]


def _cue_in(frame: list[Token], lexicon: Lexicon, last: bool) -> Token | None:
    """The cue of a frame: a reporting verb that governs its clause ("told" rather than
    "written" in "told the agency in a written reply"), else any reporting word."""
    if not frame:
        return None
    weak = len(frame) <= 6
    found = [t for t in frame if is_cue(t, lexicon, weak)]
    if not found:
        return None
    governing = [t for t in found if t.dep_ not in ("amod", "compound", "acl", "relcl", "pobj")]
    found = governing or found
    return found[-1] if last else found[0]


def _lead_in_cue(ix: DocIndex, q: Quoted, lexicon: Lexicon) -> tuple[Token | None, str]:
    """The cue of the sentence just before a quote that opens a paragraph: "The minister
    continued:" (a colon lead-in), or "The envoy went on with his criticism." (a lead-in
    sentence)."""
    doc = ix.doc
    i = ix.first_from(q.start) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None, ""
    start = ix.sent_bounds[ix.sent_of[i]][0]
    frame = [doc[k] for k in range(start, i)]
    if doc[i].text == ":":
        cue = _cue_in(frame, lexicon, last=True) or next(
            (t for t in frame if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None
        )
        return cue, "colon"
    if any(ix.in_quote(t.idx) for t in frame):
        return None, ""
    for tok in frame:
        if tok.dep_ == "ROOT" and is_cue(tok, lexicon, weak=False) and _has_subject(tok):
            return tok, "lead_in"
    return None, ""


def _words(text: str) -> int:
    return len(text.split())


def _starts_paragraph(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


def find_direct(ix: DocIndex, lexicon: Lexicon, quoted: list[Quoted]) -> list[Candidate]:
    """One candidate per quotation (quoted stretches merged as described above)."""
    text = ix.text
    out: list[Candidate] = []
    last: Candidate | None = None  # the previous quotation, to continue or merge with
    for n, q in enumerate(quoted):
        inner = text[q.inner_start : q.inner_end]
        if not inner.strip():
            continue
        opens_paragraph = _starts_paragraph(text, q.start)
        short = _words(inner) < MIN_WORDS
        spoken = inner.rstrip()[-1:] in ",.?!…—-"
        if short and not opens_paragraph and not spoken:
            continue
        nxt = quoted[n + 1].start if n + 1 < len(quoted) else len(text)
        prev_end = quoted[n - 1].end if n > 0 else 0
        after = _cue_in(_frame_after(ix, q, nxt), lexicon, last=False)
        before = None
        if after is None or not _has_subject(after):  # "…," indicating: not a speech frame
            before = _cue_in(_frame_before(ix, q, prev_end), lexicon, last=True)
            if before is not None:
                after = None
        cue = after or before
        if short and not opens_paragraph and (after is None or not _has_subject(after)):
            continue  # a short quoted phrase is speech only when "he said" follows it
        between = text[last.content[1] : q.start] if last is not None else ""
        # the narration between two quotations ends a sentence ("“…,” he said on Monday.
        # “…”"): the second is a continuation quote of its own, not the same quotation
        narration = between.strip(" \t\n\"“”'‘’")
        new_sentence = len(narration) > 1 and narration[-1] in ".!?"
        if new_sentence and cue is not None and last.cue is not None and last.cue.i == cue.i:
            cue = after = before = None  # the previous quotation's cue, not this one's
        if cue is not None and last is not None and last.cue is not None and last.cue.i == cue.i:
            last.content = (last.content[0], q.inner_end)  # "“…,” he said, “…”"
            last.quoted_chars += q.inner_end - q.inner_start
            continue
        if cue is None and last is not None and last.direct and not new_sentence:
            same_paragraph = "\n" not in between
            adjacent = len(between.strip(" \t\n\"“”'‘’,.;:")) <= 40 and same_paragraph
            if adjacent or (same_paragraph and last.cue is not None):
                last.content = (last.content[0], q.inner_end)
                last.quoted_chars += q.inner_end - q.inner_start
                continue
        rel = "quote_after" if after else "quote_before" if before else ""
        if cue is None and opens_paragraph:
            cue, rel = _lead_in_cue(ix, q, lexicon)
        end = q.inner_end
        while end > q.inner_start and text[end - 1] in ",;: \t\n":
            end -= 1  # the comma before "he said" belongs to the sentence, not the quote
        cand = Candidate((q.inner_start, end), rel or "floating", cue=cue, direct=True)
        cand.quoted_chars = q.inner_end - q.inner_start
        cand.hints += ["short"] * short + ["spoken"] * spoken + ["paragraph"] * opens_paragraph
        cand.hints += [] if q.closed else ["unclosed"]
        if not rel:
            if (opens_paragraph or new_sentence) and last is not None:
                cand.follows = last  # a quote continuing the previous speaker
            else:
                cand.rel = "unattributed"
        out.append(cand)
        last = cand
    return out


def find_transcript(ix: DocIndex) -> list[Candidate]:
    """ "NAME: words" lines of an interview transcript: a label that names a person, or one
    that labels two lines or more (so "Update:" or "Note:" on its own is not a speaker)."""
    doc, text = ix.doc, ix.text
    found = []
    for m in _TRANSCRIPT.finditer(text):
        name_end = m.end(1)
        line_end = text.find("\n", name_end)
        line_end = len(text) if line_end < 0 else line_end
        start = name_end + 1
        while start < line_end and text[start].isspace():
            start += 1
        if line_end - start >= 10:
            found.append((m.group(1).strip(), name_end, start, line_end))
    labels: dict[str, int] = {}
    for label, *_ in found:
        labels[label] = labels.get(label, 0) + 1
    out = []
    for label, name_end, start, line_end in found:
        head = doc[ix.token_at(name_end - 1)]
        if labels[label] < 2 and head.ent_type_ != "PERSON":
            continue
        colon = doc[ix.token_at(name_end)]
        cand = Candidate((start, line_end), "transcript", cue=colon, direct=True, source=head)
        cand.hints.append("repeated" if labels[label] > 1 else "person")
        out.append(cand)
    return out
