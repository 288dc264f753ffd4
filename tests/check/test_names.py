from parley.check.names import name_variants
from parley.model import Entity, Span


def entity(forms, name="Volodymyr Zelenskyy", variants=None):
    spans, at = [], 0
    for f in forms:
        spans.append(Span(at, at + len(f), f))
        at += len(f) + 1
    return Entity("E1", name, "person", tuple(spans), variants=tuple(variants or forms))


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
