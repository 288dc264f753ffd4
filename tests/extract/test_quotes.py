"""Quote attribution: hand-written constructions, quote marks, the cue lexicon, and the seed's
must quotes (1–5 and 8 of ../shared/data/seed/expected.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from parley.errors import ParleyError
from parley.extract.entities import extract_entities
from parley.extract.quotes import extract_quotes
from parley.extract.quotes.marks import find_quoted
from parley.extract.structure import sentences
from parley.kb.cues import load_cues
from parley.nlp import load_pipeline

DAY = date(2025, 12, 22)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def analyse(nlp):
    """text -> (quotes, {entity id: entity name}, doc)"""

    def run(text: str):
        doc = nlp(text)
        entities = extract_entities(doc, DAY)
        names = {e.id: e.name for e in entities}
        return extract_quotes(doc, entities), names, doc

    return run


def one(analyse, text: str):
    quotes, names, _ = analyse(text)
    assert len(quotes) == 1, [(q.cue and q.cue.text, q.content.text) for q in quotes]
    return quotes[0], names


def spoken_by(quote, names) -> str | None:
    return names.get(quote.speaker_entity)


# --- direct quotes ------------------------------------------------------------------------


def test_direct_quote_with_speaker_after(analyse):
    q, names = one(analyse, '"We will not accept these terms," Zelensky said.')
    assert (q.kind, q.cue.text, q.speaker.text) == ("direct", "said", "Zelensky")
    assert q.content.text == "We will not accept these terms"
    assert spoken_by(q, names) == "Volodymyr Zelenskyy"


def test_direct_quote_after_colon_lead_in_with_addressee_as_channel(analyse):
    q, names = one(analyse, 'Peskov told reporters: "There are no plans for a meeting."')
    assert (q.kind, q.cue.text, q.speaker.text) == ("direct", "told", "Peskov")
    assert q.content.text.startswith("There are no plans for a meeting")
    assert q.channel == "told reporters"


def test_quote_interrupted_by_its_speaker_is_one_quote(analyse):
    text = '"The talks were useful," Lavrov said, "but much remains to be done."'
    q, names = one(analyse, text)
    assert q.kind == "direct" and q.speaker.text == "Lavrov"
    assert q.content.text.startswith("The talks were useful")
    assert q.content.text.endswith("much remains to be done.")


def test_quote_over_several_sentences(analyse):
    q, _ = one(analyse, '"The offer stands. Our door remains open," Blinken said on Monday.')
    assert q.content.text == "The offer stands. Our door remains open"
    assert q.speaker.text == "Blinken"


def test_quote_over_several_paragraphs(analyse):
    text = (
        "Sanctions were discussed in Brussels.\n\n"
        '"We need more air defence. The drones come back every night.\n\n'
        '"Every day counts, and our partners know it," Zelensky said.\n\n'
        "The talks resume next week."
    )
    q, names = one(analyse, text)
    assert q.content.text.startswith("We need more air defence")
    assert q.content.text.endswith("our partners know it")
    assert spoken_by(q, names) == "Volodymyr Zelenskyy"


def test_floating_quote_paragraph_continues_the_last_speaker(analyse):
    text = (
        'Zelensky said: "We need more air defence."\n\n'
        '"Every day counts for the people of Kharkiv."\n\n'
        "The talks resume next week."
    )
    quotes, names, _ = analyse(text)
    assert [q.kind for q in quotes] == ["direct", "direct"]
    floating = quotes[1]
    assert floating.content.text.startswith("Every day counts")
    assert floating.cue is None
    assert spoken_by(floating, names) == "Volodymyr Zelenskyy"


def test_guillemets(analyse):
    q, _ = one(analyse, "Lavrov said: «We will respond to any provocation.»")
    assert q.kind == "direct" and q.speaker.text == "Lavrov"
    assert q.content.text.startswith("We will respond to any provocation")


def test_curly_quotes_and_a_second_sentence_in_the_same_paragraph(analyse):
    # the narration ends a sentence: the second quotation is a continuation quote of its
    # own, with no cue and the same speaker
    text = "“Peace is possible,” the Pope told the crowd. “But it needs courage.”"
    first, second = analyse(text)[0]
    assert first.kind == "direct" and first.cue.text == "told"
    assert first.content.text == "Peace is possible"
    assert (second.kind, second.cue, second.speaker.text) == ("direct", None, "the Pope")
    assert second.content.text == "But it needs courage."


def test_a_quotation_interrupted_by_its_cue_is_one_quote(analyse):
    q, _ = one(analyse, "“Peace is possible,” the Pope told the crowd, “but it needs courage.”")
    assert q.kind == "direct" and q.cue.text == "told"
    assert q.content.text.startswith("Peace is possible")
    assert q.content.text.endswith("it needs courage.")


def test_unbalanced_quote_stops_at_the_paragraph_end(analyse):
    text = (
        'Peskov said: "There will be no talks this year.\n\n'
        "The next paragraph is narration. Officials said the deal was close."
    )
    quotes, _, _ = analyse(text)
    first = quotes[0]
    assert first.kind == "direct"
    assert first.content.text == "There will be no talks this year."
    assert "narration" not in first.content.text
    assert any(q.content.text == "the deal was close" and q.anonymous for q in quotes[1:])


@pytest.mark.parametrize("text", ['"', "“”", "«", '"" ""', "He said “", "‘", "»«", " \n\n“\n"])
def test_stray_marks_never_crash(analyse, text):
    quotes, _, _ = analyse(text)
    for q in quotes:
        assert text[q.content.start : q.content.end] == q.content.text


# --- reported speech ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister said that the talks would resume in March.",
        "The foreign minister said the talks would resume in March.",
    ],
)
def test_indirect_speech_with_and_without_that(analyse, text):
    q, _ = one(analyse, text)
    assert (q.kind, q.cue.text, q.speaker.text) == ("indirect", "said", "The foreign minister")
    assert q.content.text.endswith("the talks would resume in March")
    assert not q.anonymous


def test_according_to_takes_its_object_as_speaker(analyse):
    q, names = one(analyse, "According to the Kremlin, the meeting will take place next week.")
    assert q.cue.text == "According to"
    assert q.content.text == "the meeting will take place next week"
    assert spoken_by(q, names) == "Russia"  # an institution standing for its state


def test_institution_as_speaker(analyse):
    q, names = one(analyse, "The Kremlin has denied that any talks are planned.")
    assert q.cue.text == "denied" and q.speaker.text == "The Kremlin"
    assert spoken_by(q, names) == "Russia"


def test_mixed_quote(analyse):
    q, names = one(analyse, 'Zelensky said the allies had held "constructive talks" in Kyiv.')
    assert q.kind == "mixed" and q.cue.text == "said"
    assert q.content.text == 'the allies had held "constructive talks" in Kyiv'
    assert spoken_by(q, names) == "Volodymyr Zelenskyy"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("The ministry said in a statement that it would retaliate.", "in a statement"),
        ("Zelensky said in a televised address that Ukraine would hold.", "in a televised address"),
        ("Zelensky wrote on Telegram that the attacks had not stopped.", "on Telegram"),
    ],
)
def test_channels(analyse, text, channel):
    q, _ = one(analyse, text)
    assert q.channel == channel
    assert q.kind == "indirect"


def test_intermediary_goes_to_via(analyse):
    text = "Russian news agencies quoted Yuri Ushakov as saying that no meeting was planned."
    q, names = one(analyse, text)
    assert q.content.text == "that no meeting was planned"
    assert spoken_by(q, names) == "Yuri Ushakov"
    assert q.via.text == "Russian news agencies"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the deal was close.",
        "A source said the deal was close.",
        "A diplomat who asked not to be named said the deal was close.",
        "Observers believe the war will continue for years.",
    ],
)
def test_vague_sources_are_anonymous(analyse, text):
    q, _ = one(analyse, text)  # "asked not to be named" is not a quote of its own
    assert q.anonymous
    assert q.speaker_entity is None


def test_named_source_is_not_anonymous(analyse):
    q, _ = one(analyse, "Kremlin spokesman Dmitry Peskov said the proposal was unacceptable.")
    assert not q.anonymous
    assert q.speaker.text == "Kremlin spokesman Dmitry Peskov"


def test_two_statements_in_one_sentence_are_kept_apart(analyse):
    text = "Macron insisted the sanctions would stay, while Scholz warned that Europe must prepare."
    quotes, names, _ = analyse(text)
    assert [(spoken_by(q, names), q.content.text) for q in quotes] == [
        ("Emmanuel Macron", "the sanctions would stay"),
        ("Olaf Scholz", "that Europe must prepare"),
    ]


def test_ids_in_text_order_and_sentence_index_as_in_the_record(analyse):
    text = (
        "Talks resumed on Monday. Officials said the deal was close.\n\n"
        '"We are not there yet," Peskov told reporters. Lavrov said the West must listen.'
    )
    quotes, _, doc = analyse(text)
    assert [q.id for q in quotes] == [f"Q{n}" for n in range(1, len(quotes) + 1)]
    assert [q.content.start for q in quotes] == sorted(q.content.start for q in quotes)
    record = sentences(doc)
    for q in quotes:
        sent = record[q.sentence]
        assert sent.start <= q.cue.start < sent.end


# --- quote marks ------------------------------------------------------------------------------


def test_marks_pair_by_kind_and_cap_unclosed_quotes():
    text = "He said “yes” and «non» and ''maybe'' and »ja« then “open\n\nnext “ok”."
    inner = [text[q.inner_start : q.inner_end] for q in find_quoted(text)]
    assert inner[:3] == ["yes", "non", "maybe"]
    assert "open" in inner and "ok" in inner
    unclosed = next(q for q in find_quoted(text) if text[q.inner_start : q.inner_end] == "open")
    assert not unclosed.closed


def test_apostrophes_are_not_quotes():
    text = "It’s the ‘peace formula’ they don’t accept, and the people’s choice."
    assert [text[q.inner_start : q.inner_end] for q in find_quoted(text)] == ["peace formula"]


# --- the lexicon ------------------------------------------------------------------------------


def test_lexicon_flags_and_user_extension(tmp_path):
    lexicon = load_cues()
    assert lexicon.lookup("believe", "VERB").belief
    assert lexicon.lookup("deny", "VERB").denial
    assert lexicon.lookup("according to", "ADP").speaker == "object"
    assert lexicon.lookup("statement", "NOUN").channel
    (tmp_path / "cues.json").write_text(
        json.dumps({"cues": [{"lemma": "kvetch", "pos": "VERB"}], "channels": ["carrier pigeon"]}),
        encoding="utf-8",
    )
    extended = load_cues((str(tmp_path),))
    assert extended.lookup("kvetch", "VERB") is not None
    assert "carrier pigeon" in extended.channels
    assert extended.lookup("say", "VERB") is not None


def test_named_lists_are_read_and_extended_by_user_files(tmp_path):
    shipped = load_cues()
    assert shipped.has("source_nouns", "diplomat")
    assert shipped.has("impersonal_verbs", "seem")
    assert shipped.has("vague_sources", "observer")  # the top-level lists are named lists too
    assert not shipped.has("source_nouns", "ferryman")
    (tmp_path / "cues.json").write_text(
        json.dumps({"lists": {"source_nouns": ["Ferryman"], "addressees": ["the jury"]}}),
        encoding="utf-8",
    )
    extended = load_cues((str(tmp_path),))
    assert extended.has("source_nouns", "ferryman") and extended.has("source_nouns", "diplomat")
    assert "the jury" in extended.addressees and "reporters" in extended.addressees


def test_lexicon_errors_are_user_errors(tmp_path):
    (tmp_path / "cues.json").write_text('{"cues": [{"pos": "VERB"}]}', encoding="utf-8")
    with pytest.raises(ParleyError, match="cue lexicon"):
        load_cues((str(tmp_path),))
    for bad in ({"lists": ["ferryman"]}, {"lists": {"source_nouns": "ferryman"}}):
        (tmp_path / "cues.json").write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(ParleyError, match="cue lexicon .*cues.json"):
            load_cues((str(tmp_path),))


# --- the seed article: must quotes 1–5 and 8 ------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes(seed_text, nlp):
    doc = nlp(seed_text)
    entities = extract_entities(doc, DAY)
    names = {e.id: e.name for e in entities}
    return extract_quotes(doc, entities), names


def _find(seed_quotes, words: str):
    quotes, names = seed_quotes
    found = [q for q in quotes if words in q.content.text]
    assert found, f"no quote contains {words!r}: {[q.content.text for q in quotes]}"
    return found[0], names


def test_seed_1_ushakov_direct(seed_quotes):
    q, names = _find(seed_quotes, "No one has seriously addressed this initiative")
    assert q.kind == "direct" and q.cue.text == "stated"
    assert q.content.text.endswith("it is not being prepared")
    assert names[q.speaker_entity] == "Yuri Ushakov"


def test_seed_2_ushakov_via_news_agencies(seed_quotes):
    q, names = _find(seed_quotes, "has not yet been seriously considered")
    assert q.kind == "indirect" and q.cue.text in ("confirming", "quoted")
    assert names[q.speaker_entity] == "Yuri Ushakov"
    assert q.via is not None and q.via.text == "Russian news agencies"


def test_seed_3_kremlin_denial(seed_quotes):
    q, names = _find(seed_quotes, "preparations are underway for trilateral talks")
    assert q.kind == "indirect" and q.cue.text == "denied"
    assert names[q.speaker_entity] == "Russia"


def test_seed_4_zelensky_revealed(seed_quotes):
    q, names = _find(seed_quotes, "a US proposal for the first direct negotiations")
    assert q.kind == "indirect" and q.cue.text == "revealed"
    assert names[q.speaker_entity] == "Volodymyr Zelenskyy"


def test_seed_5_zelensky_in_a_post(seed_quotes):
    q, names = _find(seed_quotes, "signals from Moscow remained negative")
    assert q.kind == "indirect" and q.cue.text == "asserting"
    assert "continued attacks and war crimes" in q.content.text
    assert names[q.speaker_entity] == "Volodymyr Zelenskyy"
    assert q.channel == "in a post"


def test_seed_8_observers_are_anonymous(seed_quotes):
    q, _ = _find(seed_quotes, "any talk of trilateral negotiations involving Washington")
    assert q.kind == "indirect" and q.cue.text == "believe"
    assert q.anonymous and q.speaker.text == "Observers" and q.speaker_entity is None


def test_a_statement_reported_inside_another_is_a_quote_of_its_own(analyse):
    text = (
        "A ministry spokesman told reporters that the prime minister has made clear "
        "that the port will stay open to grain ships."
    )
    quotes, names, _ = analyse(text)
    contents = {q.content.text: q for q in quotes}
    outer = [c for c in contents if c.startswith("that the prime minister")]
    assert outer, list(contents)
    inner = contents.get("that the port will stay open to grain ships") or contents.get(
        "the port will stay open to grain ships"
    )
    assert inner is not None, list(contents)
    assert inner.cue.start > contents[outer[0]].content.start


def test_a_coordinated_verb_of_saying_ends_the_reported_clause(analyse):
    text = (
        "The envoy said that the ceasefire was holding but accused the rebels of "
        "moving heavy guns toward the city."
    )
    quotes, _, _ = analyse(text)
    [quote] = [q for q in quotes if q.cue and q.cue.text == "said"]
    assert quote.content.text == "that the ceasefire was holding"
