"""Speech introduced by a dash, as Polish and Ukrainian papers print it (and their machine
translations keep it): a paragraph, or a sentence run on after a full stop, opens with a
dash, and the words end with another dash before the frame:

    - We will not give up a single village - the minister said.
    - The talks were useful. We will meet again - said the envoy.He added that …

Each becomes a quoted stretch like one in quote marks, so the direct-quote finder takes its
cue from the frame after it; a dash stretch whose frame has no cue, or that has no closing
dash at all, runs to the end of its paragraph (a continuation of the previous speaker, or a
quote whose cue comes before it).
"""

from __future__ import annotations

import re

from parley.extract.quotes.common import DocIndex
from parley.extract.quotes.direct import is_cue
from parley.extract.quotes.marks import Quoted
from parley.kb.cues import Lexicon

# an opening dash: at the start of a paragraph, or right after the end of a sentence
_OPEN = re.compile(r"(?m)(?:^[ \t]*|(?<=[.!?\"”]))[-–—][ \t]+(?=[A-Z\"“„(])")
_CLOSE = re.compile(r"[ \t][-–—][ \t]+|[ \t][-–—]$|[,.]?[\"”][ \t]*[-–—][ \t]+")
# a sentence ends before a space, a capital, the next dash quote run on ("added.- They …")
_SENTENCE_END = re.compile(r"[.!?](?=[\"”]?(?:\s|[A-Z]|[-–—]|$))")
FRAME_WORDS = 12  # a frame after the closing dash is short: "said the head of the agency"


def _frame_has_cue(ix: DocIndex, start: int, end: int, lexicon: Lexicon) -> bool:
    first, last = ix.first_from(start), ix.first_from(end)
    tokens = [ix.doc[i] for i in range(first, min(last, len(ix.doc)))]
    return any(is_cue(t, lexicon, weak=False) for t in tokens)


def find_dashed(ix: DocIndex, lexicon: Lexicon, quoted: list[Quoted]) -> list[Quoted]:
    """The dash-introduced stretches outside quote marks, in text order."""
    text = ix.text
    out: list[Quoted] = []
    taken = 0
    for m in _OPEN.finditer(text):
        start = m.end()
        if start < taken or any(q.start <= m.start() < q.end for q in quoted):
            continue
        par_end = text.find("\n", start)
        par_end = len(text) if par_end < 0 else par_end
        end, close_end, closed = par_end, par_end, False
        for close in _CLOSE.finditer(text, start, par_end):
            frame_end = _SENTENCE_END.search(text, close.end(), par_end)
            stop = frame_end.start() if frame_end else par_end
            frame = text[close.end() : stop]
            if len(frame.split()) <= FRAME_WORDS and _frame_has_cue(ix, close.end(), stop, lexicon):
                end, close_end, closed = close.start(), close.end(), True
                break
        inner_end = end
        while inner_end > start and text[inner_end - 1] in " \t,":
            inner_end -= 1
        if inner_end - start < 10:
            continue
        out.append(Quoted(m.start(), close_end if closed else inner_end, start, inner_end, closed))
        taken = close_end if closed else end
    return out
