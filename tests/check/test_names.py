import functools

import parley
from parley.check import names
from parley.kb import load_kb
from parley.model import Entity, Span

name_variants = functools.partial(names.name_variants, kb=load_kb())


def entity(forms, name="Volodymyr Zelenskyy", variants=None, id="E1", kind="person", kb_id=None):
    spans, at = [], 0
    for f in forms:
        spans.append(Span(at, at + len(f), f))
        at += len(f) + 1
    return Entity(id, name, kind, tuple(spans), kb_id=kb_id, variants=tuple(variants or forms))


def test_two_spellings_of_one_person_are_flagged():
    [flag] = name_variants(
        [
            entity(
                ["Volodymyr Zelensky", "Zelenskyy", "Zelensky", "he"],
                variants=["Volodymyr Zelensky", "Zelenskyy", "Zelensky"],
            )
        ]
    )
    assert flag.kind == "name_variant"
    assert "Zelensky" in flag.message and "Zelenskyy" in flag.message
    assert [s.text for s in flag.spans] == ["Volodymyr Zelensky", "Zelenskyy", "Zelensky"]


def test_transliterations_of_a_capital_are_variants():
    [flag] = name_variants([entity(["Kyiv", "Kiev"], name="Ukraine")])
    assert "Kiev" in flag.message


def test_different_names_and_acronyms_are_not_variants():
    assert name_variants([entity(["Russia", "Moscow", "Kremlin"], name="Russia")]) == []
    assert name_variants([entity(["US", "USA", "United States"], name="United States")]) == []
    assert name_variants([entity(["Vladimir Putin", "Putin"], name="Vladimir Putin")]) == []


def test_a_person_the_linker_split_in_two_is_flagged_across_entities():
    lavrov = entity(["Sergei Lavrov", "Lavrov"], name="Sergei Lavrov", kb_id="person:x")
    other = entity(["Lavroff"], name="Lavroff", id="E2")
    [flag] = name_variants([lavrov, other])
    assert flag.evidence["entities"] == ["E1", "E2"]
    assert {s.text for s in flag.spans} == {"Sergei Lavrov", "Lavrov", "Lavroff"}


def test_a_capital_as_actor_and_its_other_spelling_as_place_are_one_name():
    state = entity(["Kyiv"], name="Ukraine", kind="state", kb_id="state:ukr")
    city = entity(["Kiev"], name="Kyiv", id="E2", kind="place", kb_id="place:kyiv")
    assert load_kb().capital_place["state:ukr"] == "place:kyiv"
    [flag] = name_variants([state, city])
    assert "Kiev" in flag.message and "Kyiv" in flag.message


def test_similar_names_of_different_actors_are_not_variants():
    austria = entity(["Austria"], name="Austria", kind="state", kb_id="state:aut")
    australia = entity(["Australia"], name="Australia", id="E2", kind="state", kb_id="state:aus")
    assert name_variants([austria, australia]) == []
    one = entity(["Peskov"], name="Dmitry Peskov", kb_id="person:a")
    two = entity(["Peskova"], name="Marina Peskova", id="E2", kb_id="person:b")
    assert name_variants([one, two]) == []


def test_end_to_end_a_respelled_surname_is_flagged():
    text = (
        "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart on Monday. "
        "Lavrov said the talks were useful. Later, Lawrow told reporters he was hopeful."
    )
    flags = parley.analyze(text, published="2025-12-22").flags
    assert any(f.kind == "name_variant" and "Lawrow" in f.message for f in flags)


def test_a_name_with_and_without_its_particle_is_one_spelling():
    forms = ["Bashar al-Assad", "Assad", "al-Assad"]
    assert name_variants([entity(forms, name="Bashar al-Assad")]) == []


def test_a_country_and_the_word_for_its_people_are_not_variants():
    forms = ["South Korea", "Koreans", "South Korea"]
    assert name_variants([entity(forms, name="South Korea", kind="state")]) == []


def test_an_initial_is_the_first_name():
    same = entity(["Sergei Lavrov", "S. Lavrov", "Lavrov"], name="Sergei Lavrov")
    assert name_variants([same]) == []
    [flag] = name_variants([entity(["Sergei Lavrov", "A. Lavrov"], name="Sergei Lavrov")])
    assert "A. Lavrov" in flag.message and [s.text for s in flag.spans] == [
        "Sergei Lavrov",
        "A. Lavrov",
    ]


def test_two_people_with_different_first_names_are_not_one_person_spelled_twice():
    one = entity(["Sergei Lavrov", "Lavrov"], name="Sergei Lavrov", kb_id="person:x")
    two = entity(["Marek Lavrow"], name="Marek Lavrow", id="E2")
    assert name_variants([one, two]) == []
