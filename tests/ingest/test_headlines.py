"""Headlines and leads: datelines, bylines and page furniture are never an article's name."""

import pytest

from parley.ingest.headlines import (
    display_title,
    is_byline,
    is_dateline,
    is_headline,
    lead,
    shorten,
    strip_dateline,
)


@pytest.mark.parametrize(
    "line",
    ["Kyiv CNN —", "Washington CNN Business —", "KYIV, Ukraine (AP) —", "(Reuters) -",
     "BRUSSELS, 4 June (Wire) –", "Odesa —"],
)  # fmt: skip
def test_datelines_are_not_headlines(line):
    assert is_dateline(line)
    assert not is_headline(line)


@pytest.mark.parametrize(
    "line", ["By Anna Kowalska", "Reporting by the Brussels bureau", "Updated: 10:30 GMT"]
)
def test_bylines_are_not_headlines(line):
    assert is_byline(line)
    assert not is_headline(line)


@pytest.mark.parametrize(
    "line",
    ["EU envoys agree on new sanctions package", "Kyiv says talks are on hold -",
     "The war — one year on", "Byelection in the north: results"],
)  # fmt: skip
def test_real_headlines_pass(line):
    assert is_headline(line)


def test_a_dateline_in_front_of_a_sentence_is_cut_off_and_only_then():
    assert strip_dateline("KYIV, Ukraine (AP) — Drones hit the port.") == "Drones hit the port."
    assert strip_dateline("WARSAW, 3 May (Wire) – Talks resumed.") == "Talks resumed."
    assert strip_dateline("Biden — Putin talks ended.") == "Biden — Putin talks ended."
    assert strip_dateline("Russia - and Ukraine - signed.") == "Russia - and Ukraine - signed."


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    text = "The ministers met again " * 10
    out = shorten(text, 60)
    assert len(out) <= 60 and out.endswith("…") and not out.endswith(" …")
    assert text.startswith(out[:-1])
    assert shorten("Short one.\nTwo lines.") == "Short one. Two lines."


def test_lead_skips_datelines_bylines_and_the_headline():
    text = "Kyiv CNN —\nBy Anna Kowalska\nThe foreign ministers met in Geneva on Monday. More."
    spans = [(0, 10), (11, 27), (28, 75), (76, 81)]
    assert lead(text, spans) == "The foreign ministers met in Geneva on Monday."
    glued = "KYIV, Ukraine (AP) — Drones hit the port overnight, officials said."
    assert lead(glued, [(0, len(glued))]) == "Drones hit the port overnight, officials said."


def test_display_title_keeps_a_headline_and_drops_a_dateline():
    text = "Kyiv CNN —\nThe foreign ministers met in Geneva on Monday."
    record = {"article": {"text": text, "title": "Kyiv CNN —"},
              "sentences": [{"start": 0, "end": 10}, {"start": 11, "end": len(text)}]}  # fmt: skip
    assert display_title(record) == (None, "The foreign ministers met in Geneva on Monday.")
    record["article"]["title"] = "Ministers meet in Geneva"
    assert display_title(record)[0] == "Ministers meet in Geneva"
    assert display_title({"article": {"text": "No sentences given here.", "title": None}}) == (
        None,
        "No sentences given here.",
    )


def test_a_label_or_a_scrap_is_not_a_lead():
    text = "EXCLUSIVE:\nLawmakers wrote to the president about the troops on Monday."
    assert lead(text, [(0, 10), (11, len(text))]).startswith("Lawmakers wrote")
    glued = "BREAKING: Lawmakers wrote to the president on Monday."
    assert lead(glued, [(0, len(glued))]) == "Lawmakers wrote to the president on Monday."
    assert lead("UN: grain talks resume.", [(0, 23)]) == "UN: grain talks resume."  # a name
