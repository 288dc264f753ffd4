"""The terminal report: compact lines that fit the width, names not ids, dates stated or
assumed, explanations only on request, the full tables with ``full``."""

import io

import pytest

from parley.model import Analysis, Article, Entity, Event, Flag, Quote, Sentence, Span, When
from parley.report import cut, event_line, render, report_width

TEXT = (
    "Drone strike on port\n"
    "Russian forces slammed into the port of Izmail on Monday, the Ukrainian army said. "
    '"We will rebuild every berth, every warehouse and every road that leads to the river, and '
    'we will do it before the harvest comes in," the governor said. Talks were held later.'
)


def _at(needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return Span.of(TEXT, start, start + len(needle))


def analysis() -> Analysis:
    entities = (
        Entity("E1", "Russia", "state", (_at("Russian"),), kb_id="state:rus"),
        Entity("E2", "Ukraine", "state", (_at("Ukrainian"),), kb_id="state:ukr"),
        Entity("E3", "Izmail", "place", (_at("Izmail"),)),
    )
    quote = Quote("Q1", "direct", _at(TEXT[TEXT.index("We will") : TEXT.index(',"')]), 1,
                  cue=_at("said", 1), speaker=_at("the governor"))  # fmt: skip
    events = (
        Event("V1", "ASSAULT", _at("slammed into"), "asserted", 0, actors=("E1",),
              recipients=("E2",), when=When("2024-04-22", "day", _at("Monday")),
              explanation="ASSAULT by rule slam/verb"),
        Event("V2", "CONSULT", _at("Talks"), "asserted", 2,
              when=When("2024-04-23", "day", None, "published"), explanation="talks/noun"),
    )  # fmt: skip
    flags = (Flag("anonymous_source", "warning", "the army is not named " * 10),)
    return Analysis(
        article=Article(TEXT, title="Drone strike on port", published="2024-04-23"),
        sentences=(Sentence(0, 21, 103),),
        entities=entities,
        quotes=(quote,),
        events=events,
        flags=flags,
    )


def report(**options) -> str:
    out = io.StringIO()
    render([analysis()], out, **options)
    return out.getvalue()


def test_one_line_per_event_with_names_and_the_date_basis():
    a = analysis()
    names = {e.id: e.name for e in a.entities}
    line = event_line(a.events[0], names)
    assert line.replace("\t", "  ").split() == [
        "Russia", "→", "Ukraine", "ASSAULT", "asserted", "2024-04-22", "(stated)", "·",
        "“slammed", "into”"]  # fmt: skip
    text = report()
    assert "Russia → Ukraine" in text and "E1" not in text
    assert "2024-04-22 (stated)" in text and "2024-04-23 (assumed)" in text


def test_every_line_fits_the_width_and_long_quotes_end_in_an_ellipsis():
    for width in (100, 72):
        text = report(width=width)
        assert max(len(line) for line in text.splitlines()) <= width
    text = report(width=72)
    [quote] = [line for line in text.splitlines() if "We will rebuild" in line]
    assert quote.endswith("…") and "the governor" in quote
    assert "harvest" not in quote


def test_explanations_only_behind_explain():
    assert "by rule slam/verb" not in report()
    explained = report(explain=True).splitlines()
    at = next(i for i, line in enumerate(explained) if "ASSAULT" in line and "→" in line)
    assert "by rule slam/verb" in explained[at + 1]


def test_full_keeps_the_tables():
    text = report(full=True)
    assert "Entities (3)" in text and "Events (2)" in text and "┃ id" in text


def test_the_width_comes_from_columns_off_a_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "64")
    assert report_width(io.StringIO()) == 64
    assert max(len(line) for line in report().splitlines()) <= 64
    monkeypatch.delenv("COLUMNS")
    assert report_width(io.StringIO()) == 100


def test_cut():
    assert cut("a\nb", 10) == "a b"
    assert cut("abcdefghij", 5) == "abcd…"


def test_the_command_takes_full_or_explain_not_both(tmp_path, capsys):
    from parley.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["analyze", "x.txt", "--full", "--explain"])
    assert exc.value.code == 2


def test_an_article_without_a_headline_is_shown_by_its_first_sentence():
    from dataclasses import replace

    a = analysis()
    dateline = replace(a, article=replace(a.article, title="Kyiv CNN —"))
    out = io.StringIO()
    render([dateline], out)
    header = out.getvalue().splitlines()[1]
    assert header.startswith("(no headline) Russian forces slammed into the port of Izmail")
    assert "CNN" not in out.getvalue()
