"""Helpers of the store tests: short hand-written articles and hand-built analyses."""

from __future__ import annotations

import argparse

from parley.model import (
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    Flag,
    Position,
    Quote,
    Sentence,
    Span,
    TimeExpr,
    When,
    Where,
)

LAVROV_FIDAN = (
    "Lavrov meets Fidan in Ankara\n"
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Ankara on "
    "Tuesday to discuss shipping in the Black Sea and the fate of the grain corridor. Lavrov said "
    "Moscow was ready to continue talks on the safety of merchant vessels, and Fidan said Turkey "
    "would keep working with the United Nations on a lasting arrangement. The two ministers also "
    "spoke about the situation in Syria and about trade between their countries, which has grown "
    "over the past two years despite Western sanctions. Turkish officials described the meeting "
    "as constructive and said that technical teams would meet again in Istanbul next month. "
    "Lavrov is expected to travel on to Tehran later in the week for talks with Iranian leaders. "
    "Ukraine has repeatedly asked Turkey to help guarantee safe passage for its grain exports.\n"
)
# the same wire story, republished: another headline and one sentence rewritten
LAVROV_FIDAN_COPY = LAVROV_FIDAN.replace(
    "Lavrov meets Fidan in Ankara", "Turkey and Russia discuss Black Sea shipping"
).replace(
    "The two ministers also spoke about the situation in Syria",
    "The foreign ministers also discussed the war in Syria",
)
FOLLOW_UP = (
    "Fidan and Lavrov agree to keep Black Sea talks going\n"
    "Hakan Fidan said on Wednesday that his meeting with Sergei Lavrov in Ankara had opened a path "
    "for new talks on Black Sea shipping and grain exports. Turkey will host technical teams from "
    "Russia and Ukraine in Istanbul, Fidan said, adding that the United Nations would take part.\n"
)
GRAIN = (
    "Zelensky says grain ships are leaving Odesa\n"
    "Ukrainian President Volodymyr Zelensky said on Monday that three ships loaded with grain had "
    "left the port of Odesa despite Russian strikes on port infrastructure overnight. Zelensky "
    "thanked the United Nations for its support and called on partners to send air defence.\n"
)
BLINKEN = (
    "Blinken and Wang Yi meet in New Delhi\n"
    "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi on the sidelines "
    "of the G20 meeting in New Delhi. Blinken warned China against supplying weapons to Russia, "
    "while Wang Yi said Beijing wanted peace talks to begin.\n"
)
IAEA = (
    "Inspectors arrive at Zaporizhzhia nuclear plant\n"
    "A team from the International Atomic Energy Agency led by Rafael Grossi reached the "
    "Zaporizhzhia nuclear power plant on Thursday after crossing the front line. Grossi said the "
    "inspectors would stay as long as needed to assess damage from shelling.\n"
)

ARTICLES = [
    Article(LAVROV_FIDAN, published="2024-06-11", source="Wire", input="lavrov.txt"),
    Article(GRAIN, published="2024-06-10", source="Kyiv Daily", input="grain.txt"),
    Article(BLINKEN, published="2023-03-02", source="Wire", input="blinken.txt"),
    Article(IAEA, published="2022-09-01", source="Atom News", input="iaea.txt"),
    Article(FOLLOW_UP, published="2024-06-12", source="Ankara Post", input="follow.txt"),
    Article(LAVROV_FIDAN_COPY, published="2024-06-12", source="Daily Copy", input="copy.txt"),
]


def _at(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


LEADS = (
    "Diplomats gathered in a cold conference hall where the heating had failed, and reporters "
    "waited for hours outside locked doors while aides carried boxes of documents in and out of "
    "the building, refusing to say when the delegations would finally appear before cameras. ",
    "The second round opened after weeks of delay caused by disputes over the agenda, the venue "
    "and the list of observers, and several delegations threatened to stay away until the hosts "
    "agreed to publish the full programme of sessions and the names of every mediator involved. ",
    "Summer storms grounded flights across the region, so most delegations arrived by overnight "
    "train, the schedule slipped by a full day, and the opening ceremony was cancelled to leave "
    "more time for the closed sessions that both sides described as the heart of the process. ",
)


def hand_built(day: str, lead: int = 0) -> Analysis:
    """An analysis with every kind of record, built by hand (no NLP); ``lead`` picks one of
    three distinct opening paragraphs, so that the three are not near-duplicates."""
    text = LEADS[lead] + (
        "Lavrov accused Kyiv of sabotaging the talks. "
        '"We are ready to talk about grain," Lavrov said in a televised address. '
        "Officials said Turkey would host a meeting. "
        "Zelensky rejected the proposal on Tuesday."
    )
    starts = [0, len(LEADS[lead]), text.index('"We'), text.index("Officials"),
              text.index("Zelensky")]  # fmt: skip
    ends = [b - 1 for b in starts[1:]] + [len(text)]
    sentences = tuple(Sentence(i, a, b) for i, (a, b) in enumerate(zip(starts, ends, strict=True)))
    entities = (
        Entity("E1", "Sergey Lavrov", "person", (_at(text, "Lavrov"), _at(text, "Lavrov", 1)),
               kb_id="person:sergey-lavrov", country="RUS", sector="GOV",
               role="Foreign Minister of Russia", variants=("Lavrov",)),
        Entity("E2", "Ukraine", "state", (_at(text, "Kyiv"),), kb_id="state:ukr", country="UKR",
               variants=("Kyiv",)),
        Entity("E3", "Turkey", "state", (_at(text, "Turkey"),), kb_id="state:tur", country="TUR"),
        Entity("E4", "Volodymyr Zelenskyy", "person", (_at(text, "Zelensky"),),
               kb_id="person:volodymyr-zelenskyy", country="UKR", variants=("Zelensky",)),
    )  # fmt: skip
    quotes = (
        Quote("Q1", "direct", _at(text, "We are ready to talk about grain,"), 2,
              cue=_at(text, "said"), speaker=_at(text, "Lavrov", 1), speaker_entity="E1",
              channel="in a televised address"),
        Quote("Q2", "indirect", _at(text, "Turkey would host a meeting"), 3,
              cue=_at(text, "said", 1), speaker=_at(text, "Officials"), anonymous=True),
    )  # fmt: skip
    events = (
        Event("V1", "ACCUSE", _at(text, "accused"), "asserted", 1, actors=("E1",),
              recipients=("E2",), confidence=0.8),
        Event("V2", "CONSULT", _at(text, "host a meeting"), "proposed", 3, mode="third-party",
              actors=("E3",), where=Where("Ankara", "TUR", 39.93, 32.86), confidence=0.6),
        Event("V3", "REJECT", _at(text, "rejected"), "asserted", 4, actors=("E4",),
              recipients=("E1",), when=When(day, "day", _at(text, "Tuesday")), confidence=0.9),
    )  # fmt: skip
    flags = (
        Flag("anonymous_source", "warning", "unnamed officials are the only source",
             (_at(text, "Officials"),), {"quote": "Q2"}),
        Flag("name_variant", "info", "Zelensky is also spelled Zelenskyy", (), {"entity": "E4"}),
    )  # fmt: skip
    return Analysis(
        article=Article(text, title=f"Talks, part {lead + 1}", source="Hand", published=day,
                        url=f"https://example.org/{day}", language="en"),
        sentences=sentences,
        entities=entities,
        quotes=quotes,
        events=events,
        times=(TimeExpr(_at(text, "Tuesday"), "DATE", day),),
        positions=(Position("E1", "talks", "ready", _at(text, "We are ready to talk")),),
        claims=(Claim("C1", _at(text, "Zelensky rejected the proposal"), "other", 0.7),),
        flags=flags,
        meta={"input": f"hand-{day}.json", "parley_version": "0.1.0", "model": "by hand",
              "seconds": 0.0},
    )  # fmt: skip


def fresh_parser() -> argparse.ArgumentParser:
    """A parser holding only the store's commands (``register`` on new sub-parsers)."""
    from parley.store.cli import register

    parser = argparse.ArgumentParser(prog="parley")
    register(parser.add_subparsers(dest="command", required=True))
    return parser
