import pytest

import parley
from parley.errors import ParleyError
from parley.model import Article


def test_analyze_batch_keeps_order_and_reports_bad_items():
    failures = []
    items = [
        Article(text="Sergei Lavrov met Hakan Fidan in Ankara.", input="a"),
        Article(text="   ", input="b"),
        "Antony Blinken spoke to Dmitro Kuleba on Monday.",
    ]
    results = list(parley.analyze_batch(items, on_error=lambda a, e: failures.append((a, e))))
    assert [r.meta["input"] for r in results] == ["a", None]
    assert [a.input for a, _ in failures] == ["b"]
    assert "whitespace" in str(failures[0][1])
    names = {e.name for e in results[1].entities}
    assert "Antony Blinken" in names


def test_bad_items_raise_without_on_error():
    with pytest.raises(ParleyError):
        list(parley.analyze_batch(["\n\n"]))
    with pytest.raises(ParleyError, match="ISO 8601"):
        parley.analyze("Talks resumed.", published="last week")


def test_a_dateline_on_the_first_line_is_never_the_title():
    body = "The two delegations met in Geneva on Tuesday to discuss a ceasefire.\n"
    dated = parley.analyze("GENEVA, Switzerland (AP) —\n\n" + body)
    assert dated.article.title is None
    headed = parley.analyze("Delegations meet in Geneva\n\n" + body)
    assert headed.article.title == "Delegations meet in Geneva"


def test_roles_follow_the_publication_date():
    text = "Mike Pompeo met Sergei Lavrov. Pompeo said little."
    early = parley.analyze(text, published="2019-05-14")
    late = parley.analyze(text, published="2024-05-14")
    pompeo = next(e for e in early.entities if e.name == "Mike Pompeo")
    assert pompeo.role and "Secretary of State" in pompeo.role
    assert next(e for e in late.entities if e.name == "Mike Pompeo").role is None
    assert [m.text for m in pompeo.mentions] == ["Mike Pompeo", "Pompeo"]


def test_title_mention_resolves_to_office_holder():
    text = "The Ukrainian president spoke to reporters. Russia's foreign minister replied."
    result = parley.analyze(text, published="2023-03-01")
    by_name = {e.name: [m.text for m in e.mentions] for e in result.entities}
    assert by_name["Volodymyr Zelenskyy"] == ["The Ukrainian president"]
    assert by_name["Sergey Lavrov"] == ["Russia's foreign minister"]


def test_without_a_date_titles_stay_unresolved():
    result = parley.analyze("The Ukrainian president spoke to reporters.")
    assert all(e.kind != "person" for e in result.entities)


def test_capital_as_place_or_actor():
    text = "Moscow rejected the plan. Diplomats gathered in Moscow on Friday."
    result = parley.analyze(text, published="2024-01-01")
    russia = next(e for e in result.entities if e.name == "Russia")
    place = next(e for e in result.entities if e.kind == "place" and e.name == "Moscow")
    assert [m.start for m in russia.mentions] == [0]
    assert place.country == "RUS" and len(place.mentions) == 1


def test_unknown_people_become_entities_and_surnames_link():
    text = "Analyst Maria Testova said the talks failed. Testova added that nothing changed."
    result = parley.analyze(text, published="2024-01-01")
    person = next(e for e in result.entities if e.name == "Maria Testova")
    assert person.kb_id is None and person.kind == "person"
    assert [m.text for m in person.mentions][:2] == ["Maria Testova", "Testova"]


def test_spelling_variants_by_fuzzy_match():
    result = parley.analyze("Volodymir Zelenskiy addressed parliament.", published="2024-01-01")
    z = next(e for e in result.entities if e.kind == "person")
    assert z.name == "Volodymyr Zelenskyy"
