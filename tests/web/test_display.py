"""How text and dates are shown: lead sentences, word-boundary excerpts, readable dates."""

from __future__ import annotations

from parley.web.display import excerpt, human_date, lead, shown_title


def test_excerpt_cuts_at_a_word_boundary_and_says_so():
    text = "The delegations met again in Istanbul on Tuesday evening"
    assert excerpt(text, 100) == text
    cut = excerpt(text, 30)
    assert cut == "The delegations met again in…"
    assert len(cut) <= 31 and not cut[:-1].endswith(" ")
    assert excerpt("  spread\n over   lines ", 50) == "spread over lines"
    # one long word: cut inside it rather than return nothing
    assert excerpt("x" * 80, 20) == "x" * 20 + "…"


def test_lead_skips_datelines_and_bylines_and_ends_at_the_first_sentence():
    text = (
        "CNN —\n\nBy Jane Doe\n\nThe foreign ministers met in Ankara on Tuesday. "
        "They spoke for three hours.\n"
    )
    assert lead(text) == "The foreign ministers met in Ankara on Tuesday."
    assert lead('He said "never." Then he left the room quietly.') == 'He said "never."'
    assert lead("Mr. Smith and the U.N. envoy met in Geneva on Monday") == (
        "Mr. Smith and the U.N. envoy met in Geneva on Monday"
    )  # titles, initials and dotted abbreviations do not end a sentence
    assert lead("Gen. Mark Milley met J. Smith in the U.S. Senate. Then they left.") == (
        "Gen. Mark Milley met J. Smith in the U.S. Senate."
    )
    long = "word " * 60
    assert lead(long).endswith("…") and len(lead(long)) <= 141
    assert lead("") == "" and lead(None) == ""
    assert lead("Short heading") == "Short heading"  # no prose at all: the first line
    assert lead("– Gazprom to drastically slash deliveries to Europe –") == (
        "Gazprom to drastically slash deliveries to Europe"
    )  # the dashes around a heading-like lead are not part of it


def test_shown_title_prefers_the_title():
    assert shown_title("  Talks  resume ", "Body text of the article here.") == "Talks resume"
    assert shown_title(None, "The talks resumed in Geneva on Monday morning. More.") == (
        "The talks resumed in Geneva on Monday morning."
    )
    assert shown_title("", "") == "(empty article)"


def test_human_date():
    assert human_date("2024-04-22") == "22 April 2024"
    assert human_date("2024-04-22T08:30:00Z") == "22 April 2024, 08:30 UTC"
    assert human_date("2024-04-22T08:30:00+02:00") == "22 April 2024, 08:30 +02:00"
    assert human_date("2024-04-22T08:30:00") == "22 April 2024, 08:30"
    assert human_date("2024-04-22T00:00:00Z") == "22 April 2024"
    assert human_date("sometime in spring") == "sometime in spring"
    assert human_date(None) == "undated"


def test_mend_cuts_marks_a_passage_cut_inside_a_word():
    from parley.web.display import mend_cuts

    text = "Officials said the Kremlin is providing access to newly developed missiles."
    cut = "“the Kremlin is providing access to newly developed mi” rests on an unnamed source"
    assert mend_cuts(cut, text) == (
        "“the Kremlin is providing access to newly developed…” rests on an unnamed source"
    )
    whole = "“the Kremlin is providing access” rests on an unnamed source"
    assert mend_cuts(whole, text) == whole  # ends at a word boundary: kept
    elsewhere = "“a passage from another article entirely” was hedged"
    assert mend_cuts(elsewhere, text) == elsewhere
    assert mend_cuts(None, text) == ""
