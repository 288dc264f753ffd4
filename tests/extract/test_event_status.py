"""Status of events as the news scheme defines it (asserted, planned, hypothetical,
historical, proposed, denied), on hand-written sentences, published 2025-12-22."""

from __future__ import annotations

from datetime import date

import pytest

from parley.extract.actors import complete_actors
from parley.extract.entities import extract_entities
from parley.extract.events import extract_events
from parley.extract.times import extract_times
from parley.resources import Resources

DAY = date(2025, 12, 22)


@pytest.fixture(scope="module")
def res():
    """Resources without the trained event decision: these tests are about the arguments and
    status the rules give every candidate, whichever the decision keeps."""
    bare = Resources()
    bare.__dict__["event_model"] = None  # the cached property, set to "no model"
    return bare


def statuses(text: str, res, day: date = DAY) -> dict[tuple[str, str], str]:
    doc = res.nlp(text)
    entities = complete_actors(doc, extract_entities(doc, day, res=res), res=res)
    events = extract_events(doc, entities, (), extract_times(doc, day), day, res=res)
    return {(ev.type, ev.trigger.text): ev.status for ev in events}


def test_conditional_phrase_makes_both_events_hypothetical(res):
    found = statuses("Germany announced sanctions in the event of an attack on Latvia.", res)
    assert found[("ASSAULT", "attack")] == "hypothetical"
    assert found[("SANCTION", "announced sanctions")] == "hypothetical"


def test_cue_word_does_not_reach_a_coordinated_clause(res):
    found = statuses("The United States demanded a ceasefire, but Russia refused.", res)
    assert found[("REJECT", "refused")] == "asserted"
    assert found[("RETREAT", "ceasefire")] == "proposed"


def test_past_clause_under_announce_is_asserted(res):
    found = statuses("Poland announced that it had expelled three Russian diplomats.", res)
    assert found[("SANCTION", "expelled")] == "asserted"


def test_event_noun_object_of_a_modal_verb(res):
    found = statuses("Moscow could respond with an attack on Kyiv.", res)
    assert found[("ASSAULT", "attack")] == "hypothetical"
    found = statuses("Moscow responded with an attack on Kyiv.", res)
    assert found[("ASSAULT", "attack")] == "asserted"


def test_be_to_infinitive_is_planned(res):
    found = statuses("The Turkish minister is to visit Armenia on Monday.", res)
    assert found[("CONSULT", "visit")] == "planned"


def test_shared_future_auxiliary(res):
    found = statuses("Japan will meet Korea and discuss trade.", res)
    assert found[("CONSULT", "discuss")] == "planned"


def test_year_of_the_past_clause_around_the_event_makes_it_historical(res):
    found = statuses("In 2008, the talks collapsed after Georgia attacked the city.", res)
    assert found[("ASSAULT", "attacked")] == "historical"
    found = statuses("This week, the talks collapsed after Georgia attacked the city.", res)
    assert found[("ASSAULT", "attacked")] == "asserted"


def test_event_noun_done_in_its_relative_clause_is_asserted(res):
    found = statuses("They discussed the sanctions that Japan has imposed on Russia.", res)
    assert found[("SANCTION", "sanctions")] == "asserted"
    found = statuses("They discussed the sanctions against Russia.", res)
    assert found[("SANCTION", "sanctions")] == "hypothetical"


def test_coordinated_bare_verb_shares_the_cue_above_its_head(res):
    found = statuses(
        "The ministers are expected to promise more aid for Moldova and impose sanctions on "
        "Belarus.",
        res,
    )
    assert found[("SANCTION", "impose sanctions")] == "planned"


def test_cue_verb_does_not_bear_on_its_own_coordinated_verb(res):
    found = statuses(
        "The officials talked of a possible truce but rejected the proposal of Belarus.", res
    )
    assert found[("REJECT", "rejected")] == "asserted"


def test_planning_word_on_the_event_noun_makes_it_planned(res):
    found = statuses(
        "The foreign ministers discussed the scheduled visit of Chile's president to Peru.", res
    )
    assert found[("CONSULT", "visit")] == "planned"


def test_plan_is_a_planning_word_and_no_plans_deny(res):
    found = statuses("Talks between Chile and Peru are planned for May.", res)
    assert found[("CONSULT", "Talks")] == "planned"
    found = statuses("Chile said it had no plans to meet Peru.", res)
    assert found[("CONSULT", "meet")] == "denied"


def test_past_relative_clause_of_a_dated_noun_is_historical(res):
    found = statuses(
        "Chile did not recognize the 2019 election, which sparked protests in Lima.", res
    )
    assert found[("PROTEST", "protests")] == "historical"


def test_should_before_its_subject_is_a_condition(res):
    found = statuses("Chile will impose sanctions on Peru should it attack Bolivia.", res)
    assert found[("ASSAULT", "attack")] == "hypothetical"
    found = statuses("Peru should attack Bolivia.", res)
    assert found[("ASSAULT", "attack")] == "proposed"


def test_modal_of_a_cue_verb_does_not_make_its_object_planned(res):
    found = statuses("The leaders will discuss the attack on Kyiv.", res)
    assert found[("ASSAULT", "attack")] != "planned"
    found = statuses("The leaders will launch an attack on Kyiv.", res)
    assert found[("ASSAULT", "launch an attack")] == "planned"


def test_an_invasion_recalled_over_a_year_after_it_began_is_historical(res):
    text = "Exports have fallen since Moscow began its invasion of Ukraine."
    found = statuses(text, res)
    assert found[("ASSAULT", "began its invasion")] == "historical"
    found = statuses(text, res, date(2022, 3, 10))  # the invasion is the news
    assert found[("ASSAULT", "began its invasion")] == "asserted"
    # a base form speaks of an invasion in general or to come, not of the known one
    found = statuses("Russia must never again be allowed to invade Ukraine.", res)
    assert found[("ASSAULT", "invade")] != "historical"


def test_an_invasion_with_no_state_named_is_the_one_the_article_is_set_in(res):
    # a person's country stands for the side; with no side named, the invasion whose
    # states the article names
    found = statuses("Exports collapsed after the country was invaded by Putin.", res)
    assert found[("ASSAULT", "invaded")] == "historical"
    text = "Russia and Ukraine exchanged prisoners. Trade has grown since the invasion began."
    assert statuses(text, res)[("ASSAULT", "invasion")] == "historical"
    assert statuses("Trade has grown since the invasion began.", res)[("ASSAULT", "invasion")] == (
        "asserted"
    )


def test_an_aid_package_announced_is_given_and_a_visit_announced_to_come(res):
    found = statuses("Canada announced a new aid package for Moldova on Friday.", res)
    assert found[("AID", "aid")] == "asserted"
    found = statuses("Canada will announce a new aid package for Moldova.", res)
    assert found[("AID", "aid")] == "planned"
    # announcing that something would be done later is not doing it
    text = "Norway announced that it would send an aid package to Moldova."
    assert statuses(text, res)[("AID", "send")] == "planned"


def test_an_event_before_the_war_the_article_is_set_in_is_historical(res):
    text = "In December 2021, Russia and Ukraine held talks in Minsk."
    assert statuses(text, res, date(2022, 6, 1))[("CONSULT", "held talks")] == "historical"
    # before the full-scale war began, December was the news period
    assert statuses(text, res, date(2022, 1, 20))[("CONSULT", "held talks")] == "asserted"
    # an article that does not name the war's sides is not set in it
    other = "In December 2021, Germany and France held talks in Paris."
    assert statuses(other, res, date(2022, 6, 1))[("CONSULT", "held talks")] == "asserted"


def test_what_a_state_that_no_longer_exists_did_is_historical(res):
    found = statuses("The Soviet Union deployed missiles to Cuba.", res)
    assert found[("MOBILIZE", "deployed")] == "historical"


def test_an_event_dated_after_publication_is_planned(res):
    found = statuses("Ministers meet in Brussels on 15 January 2026.", res)
    assert found[("CONSULT", "meet")] == "planned"
    found = statuses("Ministers met in Brussels on 15 December 2025.", res)
    assert found[("CONSULT", "met")] == "asserted"


def test_readiness_is_hypothetical_and_intention_planned(res):
    found = statuses("Germany is ready to impose sanctions on Russia.", res)
    assert found[("SANCTION", "impose sanctions")] == "hypothetical"
    found = statuses("Germany is determined to impose sanctions on Russia.", res)
    assert found[("SANCTION", "impose sanctions")] == "planned"


def test_predicate_adjective_of_an_event(res):
    found = statuses("Further sanctions against Russia are imminent.", res)
    assert found[("SANCTION", "Further sanctions")] == "planned"
    found = statuses("A Russian invasion is now possible.", res)
    assert found[("ASSAULT", "invasion")] == "hypothetical"
    found = statuses("Russia is likely to attack Kyiv.", res)
    assert found[("ASSAULT", "attack")] == "hypothetical"


def test_a_possible_or_potential_event_is_hypothetical(res):
    assert statuses("Minsk braced for a possible invasion.", res)[("ASSAULT", "invasion")] == (
        "hypothetical"
    )
    found = statuses("The minister announced potential sanctions against Belarus.", res)
    assert found[("SANCTION", "announced potential sanctions")] == "hypothetical"
    found = statuses("Germany imposed new sanctions on Belarus.", res)
    assert found[("SANCTION", "imposed new sanctions")] == "asserted"


def test_an_adverb_of_likelihood_makes_the_verb_hypothetical(res):
    found = statuses("Partisans probably attacked a depot near Melitopol.", res)
    assert found[("ASSAULT", "attacked")] == "hypothetical"
    found = statuses("Partisans attacked a depot near Melitopol.", res)
    assert found[("ASSAULT", "attacked")] == "asserted"
