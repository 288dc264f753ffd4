"""Event coding (PLOVER) on hand-written sentences and on the founding article.

Each sentence runs through the stages as the analysis runs them: entities, the actors named
by demonyms and group nouns (``complete_actors``), times, then ``extract_events`` with the
publication date 2025-12-22 (a Monday).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest

from parley.errors import ParleyError
from parley.extract.actors import complete_actors
from parley.extract.entities import extract_entities
from parley.extract.events import explain, extract_events
from parley.extract.events.coder import event_candidates
from parley.extract.structure import sentences
from parley.extract.times import extract_times
from parley.kb.plover import load_lexicon
from parley.model import Entity, Event, Quote, Span
from parley.nlp import load_pipeline
from parley.resources import Resources, load_resources

DAY = date(2025, 12, 22)


@dataclass
class Coded:
    text: str
    entities: list[Entity]
    events: list[Event]
    proposed: list[Event]  # every candidate of the lexicon rules, before the decision

    def names(self, ids) -> set[str]:
        by_id = {e.id: e.name for e in self.entities}
        return {by_id[i] for i in ids}

    def kinds(self, ids) -> set[str]:
        by_id = {e.id: e.kind for e in self.entities}
        return {by_id[i] for i in ids}

    def find(self, kind: str, trigger: str | None = None, among=None) -> Event:
        among = self.events if among is None else among
        for ev in among:
            if ev.type == kind and (trigger is None or trigger in ev.trigger.text):
                return ev
        raise AssertionError(f"no {kind} {trigger or ''} in {among}")

    def candidate(self, kind: str, trigger: str | None = None) -> Event:
        """A candidate the rules coded, whether or not the decision kept it."""
        return self.find(kind, trigger, self.proposed)

    def main(self) -> Event:
        return max(self.events, key=lambda e: e.confidence)


def code(text: str, *, quotes=(), day: date | None = DAY, res=None) -> Coded:
    res = res or load_resources()
    doc = res.nlp(text)
    entities = complete_actors(doc, extract_entities(doc, day, res=res), res=res)
    times = extract_times(doc, day)
    events = extract_events(doc, entities, quotes, times, day, res=res)
    proposed = [c.event for c in event_candidates(doc, entities, quotes, times, day, res=res)]
    return Coded(text, entities, events, proposed)


# --- status ---------------------------------------------------------------------------------


def test_asserted_event_with_actor_recipient_time_and_place():
    c = code("Russian troops detained 15 Ukrainians in Melitopol on Saturday.")
    ev = c.find("COERCE", "detained")
    assert ev.mode == "arrest"
    assert ev.status == "asserted" and not ev.negated
    assert c.names(ev.actors) == {"Russia"}
    assert [e.country for e in c.entities if e.id in ev.recipients] == ["UKR"]
    assert ev.when.value == "2025-12-20" and ev.when.precision == "day"
    assert ev.when.text.text == "Saturday"
    melitopol = load_resources().kb.get("place:melitopol")
    assert (ev.where.name, ev.where.country) == ("Melitopol", "UKR")
    assert (ev.where.lat, ev.where.lon) == (melitopol.lat, melitopol.lon)


def test_denied_talks_and_the_denial():
    c = code("The Kremlin denied preparations for talks with Ukraine.")
    talks = c.candidate("CONSULT", "talks")  # the decision may keep only the denial (REJECT)
    assert talks.status == "denied"
    denial = c.find("REJECT", "denied")
    assert denial.status == "asserted"
    assert c.names(denial.actors) == {"Russia"}


def test_proposed_negotiations_take_the_proposer_as_actor():
    c = code("Zelensky revealed a US proposal for negotiations.")
    ev = c.find("CONSULT", "negotiations")
    assert ev.status == "proposed"
    assert "United States" in c.names(ev.actors)


def test_planned_meeting_and_the_stated_intent():
    c = code("Russia and Ukraine will meet in Istanbul next week.")
    meeting = c.candidate("CONSULT", "meet")
    assert meeting.status == "planned"
    assert c.names(meeting.actors) == {"Russia", "Ukraine"}
    assert meeting.where.name == "Istanbul"
    intent = c.candidate("AGREE", "will meet")  # PLOVER: a stated future cooperative act
    assert intent.status == "asserted"
    assert c.names(intent.actors) == {"Russia", "Ukraine"}
    # one event per mention: the meeting or the stated intention, not both
    [event] = c.events
    assert (event.type, event.status) in {("CONSULT", "planned"), ("AGREE", "asserted")}
    assert c.names(event.actors) == {"Russia", "Ukraine"}


def test_preparations_are_planned_and_arrivals_are_visits():
    c = code("Russia confirmed preparations for talks with Ukraine.")
    assert c.find("CONSULT", "talks").status == "planned"
    c = code("The Ukrainian delegation arrived in Istanbul.")
    ev = c.find("CONSULT", "arrived")
    assert (ev.mode, ev.status, ev.where.name) == ("visit", "asserted", "Istanbul")
    assert c.names(ev.actors) == {"Ukraine"}


def test_hypothetical_events():
    c = code("Moscow could impose sanctions on Kyiv.")
    ev = c.find("SANCTION")
    assert ev.status == "hypothetical"
    assert c.names(ev.actors) == {"Russia"} and c.names(ev.recipients) == {"Ukraine"}
    assert ev.where is None  # "on Kyiv" names the target, not a place
    c = code("If Ukraine attacks, Russia would retaliate.")
    assert c.find("ASSAULT", "attacks").status == "hypothetical"


def test_historical_events():
    c = code("Russia had invaded Georgia in 2008.")
    ev = c.find("ASSAULT", "invaded")
    assert ev.status == "historical"
    assert (ev.when.value, ev.when.precision) == ("2008", "year")
    assert c.names(ev.recipients) == {"Georgia"}


def test_a_since_phrase_is_historical_and_dates_only_its_own_event():
    c = code("Since the collapse of talks in Istanbul in 2012, no negotiations have taken place.")
    talks = c.find("CONSULT", "talks")
    assert talks.status == "historical" and talks.when.value == "2012"
    none = c.find("CONSULT", "negotiations")
    assert none.negated and none.status == "asserted"
    assert none.when.value == DAY.isoformat()


# --- negation, actors, triggers ---------------------------------------------------------------


def test_negation():
    assert code("Russia did not meet Ukraine.").find("CONSULT").negated
    assert not code("Russia met Ukraine.").find("CONSULT").negated
    c = code("No talks took place between Russia and Ukraine.")
    ev = c.find("CONSULT", "talks")
    assert ev.negated
    assert c.names(ev.actors) == {"Russia", "Ukraine"}


def test_refusal_negates_what_is_refused():
    c = code("Hungary has refused to send weapons to Ukraine.")
    assert c.main().type == "REJECT"
    assert c.names(c.main().actors) == {"Hungary"}
    assert c.candidate("AID", "send").negated


def test_compound_actors_and_places_are_never_actors():
    c = code("Russian and Ukrainian delegations met in Istanbul.")
    ev = c.find("CONSULT", "met")
    assert c.names(ev.actors) == {"Russia", "Ukraine"}
    assert "place" not in c.kinds(ev.actors + ev.recipients)
    assert ev.where.name == "Istanbul" and ev.where.country == "TUR"


def test_meeting_participants_are_all_actors():
    c = code("Zelensky met Macron in Paris.")
    ev = c.find("CONSULT", "met")
    assert c.names(ev.actors) == {"Volodymyr Zelenskyy", "Emmanuel Macron"}
    assert ev.recipients == ()
    assert ev.where.name == "Paris"


def test_nominal_triggers():
    c = code("Zelensky denounced continued attacks by Russia.")
    attacks = c.candidate("ASSAULT")  # embedded in the accusation: the decision may drop it
    assert attacks.trigger.text == "continued attacks"
    assert c.names(attacks.actors) == {"Russia"}
    assert c.main().type == "ACCUSE"
    c = code("Israel imposed sanctions on Iran.")
    ev = c.find("SANCTION")
    assert ev.trigger.text == "imposed sanctions"  # the noun with its support verb
    assert (c.names(ev.actors), c.names(ev.recipients)) == ({"Israel"}, {"Iran"})


def test_verb_that_names_its_object_absorbs_the_noun():
    c = code("Ukraine lifted the curfew in Odesa.")
    assert [e.type for e in c.events] == ["CONCEDE"]
    c = code("The United Nations lifted sanctions on Libya.")
    ev = c.find("RETREAT")
    assert ev.mode == "ease" and c.names(ev.recipients) == {"Libya"}


# --- derived events and modes ------------------------------------------------------------------


def test_stated_hostile_intent_is_a_threat():
    c = code("Hungarian ministers announced they would boycott the Brussels summit.")
    assert c.main().type == "THREATEN"
    assert c.names(c.main().actors) == {"Hungary"}


def test_speaker_saying_another_must_act_is_a_request():
    c = code("Ukraine said Russia must return the captured ships.")
    ev = c.main()
    assert ev.type == "REQUEST"
    assert (c.names(ev.actors), c.names(ev.recipients)) == ({"Ukraine"}, {"Russia"})
    assert c.candidate("RETREAT", "return").status == "proposed"


def test_threat_mode_and_recipient_from_what_is_threatened():
    c = code("The United States threatened to impose sanctions on Iran.")
    ev = c.main()
    assert (ev.type, ev.mode) == ("THREATEN", "restrict")
    assert c.names(ev.recipients) == {"Iran"}
    assert c.candidate("SANCTION").status == "hypothetical"  # the threat is the event kept


def test_modes_from_the_words():
    c = code("Russian tanks shelled Kharkiv.")
    ev = c.find("ASSAULT")
    assert ev.mode == "heavy-weapons" and c.names(ev.actors) == {"Russia"}
    assert ev.where.name == "Kharkiv"
    c = code("A suicide bombing near Kabul killed two guards.")
    assert [(e.type, e.mode) for e in c.events] == [("ASSAULT", "suicide-attack")]
    c = code("Putin held a phone call with Erdogan.")
    ev = c.find("CONSULT")
    assert ev.mode == "phone" and len(ev.actors) == 2


def test_complete_actors_adds_demonym_groups_and_keeps_ids():
    text = "Georgian farmers rioted in Batumi while Russian tanks shelled Kharkiv."
    doc = load_pipeline()(text)
    before = extract_entities(doc, DAY)
    after = complete_actors(doc, before)
    assert [e.id for e in after[: len(before)]] == [e.id for e in before]
    groups = [e for e in after if e.kind == "group"]
    assert [(g.name, g.country) for g in groups] == [("Georgian farmers", "GEO")]
    russia = next(e for e in after if e.kb_id == "state:rus")
    assert any(m.text.startswith("Russian") for m in russia.mentions)
    c = code("Georgian farmers rioted in Batumi.")
    ev = c.find("PROTEST")
    assert ev.mode == "riot" and c.names(ev.actors) == {"Georgian farmers"}


# --- when, sources, records -------------------------------------------------------------------


def test_when_falls_back_to_the_publication_date_or_none():
    ev = code("Russia met Ukraine.").find("CONSULT")
    assert (ev.when.value, ev.when.precision, ev.when.text) == ("2025-12-22", "day", None)
    assert code("Russia met Ukraine.", day=None).find("CONSULT").when is None


def test_reported_by_the_quote_that_holds_the_trigger():
    text = "Ukraine said Russian forces shelled Kharkiv. Russia attacked Odesa."
    content = "Russian forces shelled Kharkiv"
    start = text.index(content)
    quote = Quote("Q1", "indirect", Span.of(text, start, start + len(content)), 0)
    c = code(text, quotes=[quote])
    assert c.find("ASSAULT", "shelled").reported_by == "Q1"
    assert c.find("ASSAULT", "attacked").reported_by is None


def test_ids_spans_sentences_and_explanations():
    text = "Russia attacked Odesa. Ukraine condemned the attack and demanded sanctions."
    c = code(text)
    assert [e.id for e in c.events] == [f"V{n}" for n in range(1, len(c.events) + 1)]
    assert [e.trigger.start for e in c.events] == sorted(e.trigger.start for e in c.events)
    sents = sentences(load_pipeline()(text))
    for ev in c.events:
        assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        s = sents[ev.sentence]
        assert s.start <= ev.trigger.start < s.end
        assert 0 < ev.confidence <= 1
    why = explain(c.find("ACCUSE"))
    assert "plover:condemn/verb/ACCUSE" in why and "confidence" in why


def test_user_patterns_extend_the_lexicon(tmp_path):
    assert code("Biden hugged Netanyahu.").events == []
    extra = {"patterns": [{"lemma": "hug", "pos": "VERB", "type": "SUPPORT"}]}
    (tmp_path / "plover.json").write_text(json.dumps(extra), encoding="utf-8")
    c = code("Biden hugged Netanyahu.", res=Resources(kb_dirs=[str(tmp_path)]))
    assert [e.type for e in c.events] == ["SUPPORT"]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "plover.json").write_text('{"patterns": [{"lemma": "x", "type": "HUG"}]}')
    with pytest.raises(ParleyError, match="unknown type"):
        load_lexicon((str(bad),))


# --- the founding article ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_events(seed_text):
    """The seed with quote 5 built by hand (Zelensky, "in a post")."""
    content = (
        "signals from Moscow remained negative, characterized by continued attacks and war crimes"
    )
    start = seed_text.index(content)
    doc = load_pipeline()(seed_text)
    entities = complete_actors(doc, extract_entities(doc, DAY))
    zelensky = next(e.id for e in entities if e.kb_id == "person:volodymyr-zelenskyy")
    quote = Quote(
        "Q5", "indirect", Span.of(seed_text, start, start + len(content)), 7,
        speaker_entity=zelensky,
    )  # fmt: skip
    events = extract_events(doc, entities, [quote], extract_times(doc, DAY), DAY)
    kb_of = {e.id: e.kb_id for e in entities}
    return seed_text, entities, events, kb_of


def _kb(ids, kb_of) -> set[str]:
    return {kb_of[i] for i in ids}


def test_seed_denied_trilateral_talks(seed_events):
    _, _, events, kb_of = seed_events
    talks = [e for e in events if e.type == "CONSULT" and e.status == "denied"]
    assert talks, events
    assert _kb(talks[0].actors, kb_of) == {"state:rus", "state:ukr", "state:usa"}
    denial = next(e for e in events if e.type == "REJECT" and e.trigger.text == "denied")
    assert _kb(denial.actors, kb_of) == {"state:rus"}


def test_seed_us_proposal_of_negotiations(seed_events):
    _, _, events, kb_of = seed_events
    ev = next(e for e in events if e.type == "CONSULT" and e.status == "proposed")
    assert "state:usa" in _kb(ev.actors, kb_of)
    assert ev.trigger.text.endswith("negotiations")


def test_seed_consult_in_miami(seed_events):
    _, _, events, _ = seed_events
    ev = next(e for e in events if e.where is not None and e.where.name == "Miami")
    assert (ev.type, ev.status) == ("CONSULT", "asserted")
    assert ev.where.country == "USA" and ev.where.lat is not None


def test_seed_attacks_reported_by_zelenskys_post(seed_events):
    _, _, events, kb_of = seed_events
    ev = next(e for e in events if e.type == "ASSAULT")
    assert ev.trigger.text == "continued attacks and war crimes"
    assert _kb(ev.actors, kb_of) == {"state:rus"}
    assert _kb(ev.recipients, kb_of) == {"state:ukr"}
    assert ev.reported_by == "Q5"


def test_seed_istanbul_talks_are_historical(seed_events):
    _, _, events, _ = seed_events
    ev = next(e for e in events if e.where is not None and e.where.name == "Istanbul")
    assert (ev.type, ev.status) == ("CONSULT", "historical")
    assert (ev.when.value, ev.when.precision) == ("2012", "year")


def test_seed_places_are_never_actors_and_positions_are_not_events(seed_events):
    text, entities, events, _ = seed_events
    places = {e.id for e in entities if e.kind == "place"}
    assert not any(set(ev.actors) & places or set(ev.recipients) & places for ev in events)
    start = text.index("Kyiv adheres")
    end = text.index("new regional reality") + len("new regional reality")
    assert not [ev for ev in events if start <= ev.trigger.start < end]


def test_mention_index_finds_the_mention_a_scan_of_the_mentions_finds():
    from parley.extract.events.where import MentionIndex

    # out of text order, one mention inside a longer one, two with the same bounds
    city = Entity("E1", "Kharkiv", "place", (
        Span(40, 47, "Kharkiv"), Span(0, 7, "Kharkiv"), Span(0, 7, "Kharkiv"),
        Span(20, 36, "Kharkiv's centre"), Span(20, 27, "Kharkiv"),
    ), country="UKR")  # fmt: skip
    state = Entity("E2", "Ukraine", "state", (Span(60, 67, "Ukraine"),), country="UKR")
    index = MentionIndex.build([city, state])
    for char in range(70):
        first = next((m for m in city.mentions if m.start <= char < m.end), None)
        assert index.mention_at(city, char) is first
    assert index.countries == {"UKR"}
    # an event is placed by the mention at its place token: the second "Kharkiv", not the first
    text = "Russian forces shelled Kharkiv on Monday. Officials held talks in Kharkiv on Tuesday."
    talks = code(text).find("CONSULT")
    second = text.rindex("Kharkiv")
    assert talks.where is not None and talks.where.name == "Kharkiv"
    assert talks.where.text == Span(second, second + len("Kharkiv"), "Kharkiv")


def test_the_per_article_scan_lists_hold_every_token_the_scans_would_take():
    from parley.extract.events import arguments as A
    from parley.extract.events.context import Context
    from parley.extract.events.triggers import match

    res = load_resources()
    lex = res.plover
    doc = load_pipeline()(
        "The rebels STORMED the town and shelled it. Officials said Kyiv must withdraw its "
        "troops. Warsaw prepared to send tanks; the talks were staged in Geneva. Attacks "
        "continued, and Moscow failed to agree on a truce."
    )
    ctx = Context(doc, lex, A.EntityIndex.build(doc, []), res.kb, [], [], None)
    deontic = lex.words.get("deontic_aux", ())
    for sent in doc.sents:
        lexical = {t.i for t in ctx.scan("lexical", sent)}
        complement = {t.i for t in ctx.scan("complement", sent)}
        heads = {t.i for t in ctx.scan("deontic", sent)}
        for t in sent:
            if match(t, lex) is not None:
                assert t.i in lexical, t.text
            if t.lemma_.lower() in lex.lemmas_for_comp:
                assert t.i in complement, t.text
            if any(c.dep_ == "aux" and c.lower_ in deontic for c in t.children):
                assert t.i in heads, t.text
    whole = doc[:]
    assert {"shelled", "attacks"} <= {t.lower_ for t in ctx.scan("lexical", whole)}
    assert "withdraw" in {t.lower_ for t in ctx.scan("deontic", whole)}


# --- territory and forces -------------------------------------------------------------------


def test_taking_a_named_place_is_an_assault_and_seizing_property_coercion():
    c = code("Russian forces captured Kharkiv after a week of fighting.")
    assert c.candidate("ASSAULT", "captured")
    c = code("Belgium seized Russian assets in Brussels.")
    assert c.candidate("COERCE", "seized")
    assert not [e for e in c.proposed if e.type == "ASSAULT"]


def test_massing_and_moving_troops_is_mobilizing_but_handing_over_tanks_is_not():
    assert code("Russia amassed 100,000 troops near the border.").candidate("MOBILIZE", "amassed")
    assert code("Moscow moved troops to Belarus.").candidate("MOBILIZE", "moved")
    c = code("Ukraine transferred tanks to Moldova.")
    assert not [e for e in c.proposed if e.type == "MOBILIZE"]


def test_surrounding_needs_forces_or_territory_and_a_political_incursion_is_none():
    assert code("Russian soldiers surrounded the city.").candidate("ASSAULT", "surrounded")
    c = code("The increased military presence surrounding Ukraine worries Kyiv.")
    assert not [e for e in c.proposed if e.trigger.text.startswith("surround")]
    c = code("Moscow scored a success in its political incursions into Moldova.")
    assert not [e for e in c.proposed if "incursion" in e.trigger.text]


def test_voting_against_handing_over_weapons_and_abandoning_positions():
    assert code("Hungary voted against the resolution.").candidate("REJECT", "voted")
    assert code("Poland handed over 200 tanks to Ukraine.").candidate("AID", "handed over")
    assert code("Ukraine handed over the town to Russia.").candidate("RETREAT", "handed over")
    c = code("Ukrainian troops were forced to abandon their positions near Avdiivka.")
    assert c.candidate("RETREAT", "abandon")
