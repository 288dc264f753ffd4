"""Modes (PLOVER's "how"): from the pattern, else from what the event's complement is
("threatened to outlaw" -> ban; "demanded the release" -> yield), else from the words around
the trigger ("suicide bombing" -> suicide-attack, "food aid" -> humanitarian)."""

from __future__ import annotations

from parley.extract.events.context import Context, complements, unique_tokens
from parley.extract.events.triggers import Draft, arg_words


def _mode_words(d: Draft) -> tuple[set[str], set[str]]:
    """(object words, all words) around the trigger, for mode inference."""
    objs: set[str] = set()
    words: set[str] = set()
    for t in unique_tokens([d.trigger, d.anchor, d.node, *d.members]):
        for w, tok in arg_words(t).items():
            words.add(w)
            if tok.dep_ in ("dobj", "nsubjpass") or (
                tok.dep_ == "pobj" and tok.head.lower_ == "of" and d.kind == "nominal"
            ):
                objs.add(w)
        for c in t.children:
            if c.dep_ in ("nsubj", "agent", "prep"):
                for x in c.subtree:
                    if abs(x.i - t.i) <= 12:
                        words.add(x.lemma_.lower())
    return objs, words


def infer_mode(d: Draft, ctx: Context) -> None:
    lex = ctx.lex
    comps = [c for c in complements(d, ctx.drafts) if c.derived_from is not d]
    comp = comps[0] if comps else None
    if d.type == "THREATEN" and d.mode is None and comp is not None:
        if comp.type == "COERCE":
            d.mode = lex.coerce_threat_modes.get(comp.mode or "", "restrict")
        elif comp.type == "SANCTION" and comp.mode == "expel":
            d.mode = "expel"
        elif comp.type == "SANCTION" and comp.mode is None:
            d.mode = "restrict"  # threatened sanctions, embargoes
        else:
            d.mode = lex.complement_modes.get("THREATEN", {}).get(comp.type)
    if d.type in ("REQUEST", "REJECT") and d.mode is None and comp is not None:
        if comp.type == "RETREAT" and comp.mode == "resign":
            d.mode = "change"
        else:
            d.mode = lex.complement_modes.get(d.type, {}).get(comp.type)
    if comp is not None and not d.recipients and d.type in ("THREATEN", "REQUEST", "REJECT"):
        d.recipients = [r for r in comp.recipients if r not in d.actors]
    if d.mode is None or d.type == "MOBILIZE":
        table = lex.modes.get(d.type)
        if table:
            objs, words = _mode_words(d)
            for mode, keys in table:
                pool = objs if mode == "assassinate" else words
                if keys & pool:
                    d.mode = mode
                    break
