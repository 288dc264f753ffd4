"""The date check on events: an event told of a known fact, dated by the text."""

from datetime import date

import pytest

from parley.check.dates import attachments, date_conflicts
from parley.model import Entity, Event, Sentence, Span, TimeExpr, When, Where

DAY = date(2025, 12, 22)


def mentions(text, *words):
    return tuple(Span(text.index(w), text.index(w) + len(w), w) for w in words)


def analyse(
    text,
    trigger,
    value,
    date_text,
    actors=(),
    recipients=(),
    *,
    where=None,
    others=(),
    published=DAY,
    negated=False,
    event_type=None,
):
    """``actors``/``recipients``: (name, kind, kb_id, country, word in the text)."""
    entities, ids = [], {}
    for i, (name, kind, kb_id, country, word) in enumerate((*actors, *recipients, *others)):
        spans = mentions(text, word) if word in text else ()
        entities.append(Entity(f"E{i}", name, kind, spans, kb_id=kb_id, country=country))
        ids[name] = f"E{i}"
    at = text.index(date_text)
    span = Span(at, at + len(date_text), date_text)
    t = text.index(trigger)
    event = Event(
        "V1",
        event_type
        or ("ASSAULT" if "annex" not in trigger and "captured" not in trigger else "COERCE"),
        Span(t, t + len(trigger), trigger),
        "asserted",
        0,
        actors=tuple(ids[a[0]] for a in actors),
        recipients=tuple(ids[r[0]] for r in recipients),
        negated=negated,
        when=When(value, "year", span, "stated"),
        where=where,
    )
    times = [TimeExpr(span, "DATE", value)]
    sents = (Sentence(0, 0, len(text)),)
    attached = attachments(sents, text, times, entities, published, events=[event])
    return date_conflicts(attached, text, published)


RUSSIA = ("Russia", "state", "state:rus", "RUS", "Russia")
UKRAINE = ("Ukraine", "state", "state:ukr", "UKR", "Ukraine")
RUSSIAN = ("Russia", "state", "state:rus", "RUS", "Russian")


@pytest.mark.parametrize(
    ("text", "trigger", "actors", "recipients"),
    [
        ("Moscow's troops crossed the border when Russia invaded Ukraine in 2019.", "invaded",
         [RUSSIA], [UKRAINE]),
        ("Ukraine was invaded by Russia in 2019, the speaker said.", "invaded", [RUSSIA],
         [UKRAINE]),
        ("Since Russia attacked Ukraine in 2019, grain prices have doubled.", "attacked",
         [RUSSIA], [UKRAINE]),
        ("The 2019 invasion of Ukraine by Russia was planned for months.", "invasion",
         [RUSSIA], [UKRAINE]),
    ],
)  # fmt: skip
def test_a_wrong_year_of_an_invasion_told_by_its_sides_is_flagged(
    text, trigger, actors, recipients
):
    [flag] = analyse(text, trigger, "2019", "2019", actors, recipients)
    assert flag.spans[0].text == "2019"
    assert "fact:russian-invasion-2022" in {f["fact"] for f in flag.evidence["facts"]}


def test_the_right_year_is_not_flagged():
    text = "Moscow's troops crossed the border when Russia invaded Ukraine in 2022."
    assert analyse(text, "invaded", "2022", "2022", [RUSSIA], [UKRAINE]) == []


def test_an_actor_alone_needs_the_other_side_in_the_article():
    text = "The fresh Russian invasion in 2019 shocked the neighbours."
    assert analyse(text, "invasion", "2019", "2019", [RUSSIAN], others=[UKRAINE])
    assert analyse(text, "invasion", "2019", "2019", [RUSSIAN]) == []


def test_an_attack_during_a_war_that_goes_on_is_not_flagged():
    text = "Russia attacked Ukraine in 2019 with artillery along the front."
    assert analyse(text, "attacked", "2019", "2019", [RUSSIA], [UKRAINE]) == []


def test_a_place_elsewhere_rules_the_fact_out():
    text = "Russia attacked rebels in Chechnya in 1999 with bombers."
    chechnya = Where("Chechnya", "RUS")
    assert (
        analyse(text, "attacked", "1999", "1999", [RUSSIA], where=chechnya, others=[UKRAINE]) == []
    )


def test_a_recurring_kind_needs_its_place():
    bakhmut = ("Bakhmut", "place", "place:bakhmut", "UKR", "Bakhmut")
    village = ("Pisky", "place", None, "UKR", "Pisky")
    text = "Russian forces captured Bakhmut in 2021 after a long siege."
    assert analyse(text, "captured", "2021", "2021", [RUSSIAN], [bakhmut], others=[UKRAINE])
    text = "Russian forces captured Pisky in 2021 after a long siege."
    assert analyse(text, "captured", "2021", "2021", [RUSSIAN], [village], others=[UKRAINE]) == []


def test_talks_at_a_place_need_who_met():
    istanbul = Where("Istanbul", "TUR")
    text = "The talks between the delegations in Istanbul began in July 2022, officials said."
    others = [RUSSIA, UKRAINE]
    met = analyse(text, "talks", "2022-07", "July 2022", where=istanbul, others=others,
                  published=date(2022, 8, 1), event_type="CONSULT")  # fmt: skip
    assert met == []
    text = "Russia and Ukraine held talks in Istanbul in July 2022, officials said."
    named = analyse(text, "talks", "2022-07", "July 2022", [RUSSIA], [UKRAINE], where=istanbul,
                    published=date(2022, 8, 1), event_type="CONSULT")  # fmt: skip
    assert named and "fact:istanbul-talks-2022" in {f["fact"] for f in named[0].evidence["facts"]}


def test_a_denied_event_is_not_judged():
    text = "Moscow's troops did not cross the border, and Russia did not attack Ukraine in 2019."
    assert analyse(text, "attack", "2019", "2019", [RUSSIA], [UKRAINE], negated=True) == []


def test_a_fact_does_not_judge_articles_written_before_it():
    text = "Moscow's troops crossed the border when Russia invaded Ukraine in 2019."
    [flag] = analyse(
        text, "invaded", "2019", "2019", [RUSSIA], [UKRAINE], published=date(2021, 6, 1)
    )
    facts = {f["fact"] for f in flag.evidence["facts"]}
    assert "fact:russian-invasion-2014" in facts and "fact:russian-invasion-2022" not in facts


def test_a_day_of_an_outbreak_is_judged_to_the_day():
    text = "Moscow's troops crossed the border when Russia invaded Ukraine on March 9, 2022."
    assert analyse(text, "invaded", "2022-03-09", "March 9, 2022", [RUSSIA], [UKRAINE])


def test_a_verb_states_the_month_of_an_outbreak_a_noun_is_looser():
    text = "Moscow's troops crossed the border when Russia invaded Ukraine in April 2022."
    assert analyse(text, "invaded", "2022-04", "April 2022", [RUSSIA], [UKRAINE])
    text = "Grain prices rose after Russia's invasion of Ukraine in March 2022."
    assert analyse(text, "invasion", "2022-03", "March 2022", [RUSSIA], [UKRAINE]) == []


def test_an_attack_of_full_scale_is_the_invasion():
    text = "Grain prices rose after Russia's all-out assault on Ukraine in 2019."
    assert analyse(text, "assault", "2019", "2019", [RUSSIA], [UKRAINE])
    text = "Grain prices rose after Russia's assault on Ukraine in 2019."
    assert analyse(text, "assault", "2019", "2019", [RUSSIA], [UKRAINE]) == []


def test_launching_an_attack_does_not_date_the_war():
    text = "Russia launched an attack on Ukraine in October 2022 with drones."
    assert analyse(text, "launched an attack", "2022-10", "October 2022", [RUSSIA], [UKRAINE]) == []


def test_a_state_named_by_its_capital_stands_at_the_capital():
    taliban = ("Taliban", "group", "org:taliban", "AFG", "Taliban")
    kabul = ("Afghanistan", "state", "state:afg", "AFG", "Kabul")
    text = "The Taliban captured Kabul in 2019 after a long campaign."
    [flag] = analyse(text, "captured", "2019", "2019", [taliban], [kabul])
    assert "Kabul" in flag.message
