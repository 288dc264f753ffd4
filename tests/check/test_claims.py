"""claims and unattributed_claim: checkable statements, their worth and verdicts."""

from __future__ import annotations

import parley


def analyse(text: str):
    return parley.analyze(text, published="2025-12-22")


def test_seed_claims_carry_the_flags_of_their_sentences(seed):
    by_text = {c.span.text[:40]: c for c in seed.claims}
    istanbul = next(c for t, c in by_text.items() if t.startswith("Since the collapse of talks"))
    assert istanbul.kind == "temporal" and istanbul.verdict == "conflicts"
    kinds = {e["flag"] for e in istanbul.evidence}
    assert {"date_conflict", "internal_inconsistency"} <= kinds
    assert [c.id for c in seed.claims] == [f"C{i + 1}" for i in range(len(seed.claims))]
    assert all(0.3 <= c.checkworthy <= 1 for c in seed.claims)


def test_a_correct_date_of_a_known_event_is_consistent_with_evidence():
    (claim,) = analyse("The Minsk II agreement of 2015 was never fully implemented.").claims
    assert claim.kind == "temporal" and claim.verdict == "consistent"
    assert claim.evidence[0]["fact"]["name"].startswith("Minsk II")


def test_numbers_and_causes_are_claims_and_worth_more_than_bare_quotes():
    text = (
        "Russian strikes killed 12 people in Kharkiv on Monday, regional officials said. "
        "Prices rose because Russia blockaded the port. "
        '"We will see," he said.'
    )
    claims = analyse(text).claims
    kinds = [c.kind for c in claims]
    assert kinds[:2] == ["numeric", "causal"]
    assert claims[0].checkworthy > claims[1].checkworthy
    assert all(c.verdict == "unverified" for c in claims)


def test_small_counts_in_words_are_not_numeric_claims():
    assert analyse("The two countries have not met since the summit ended.").claims == ()


def test_claims_resting_on_no_source_are_flagged():
    text = (
        "It is believed that the convoy carried ammunition. "
        "The commander was allegedly removed last week. "
        "The minister said the talks were useful."
    )
    flags = [f for f in analyse(text).flags if f.kind == "unattributed_claim"]
    assert [f.spans[0].text for f in flags] == ["It is believed that", "allegedly"]


def test_a_named_speakers_own_words_are_attributed():
    text = 'Zelensky said: "It is believed that the convoy carried ammunition."'
    assert not [f for f in analyse(text).flags if f.kind == "unattributed_claim"]


def test_named_reports_and_sources_are_attributions():
    text = (
        "According to reports in The Guardian, the plan was dropped. "
        "In the report of the General Staff, it was reported that 40 drones were downed."
    )
    assert not [f for f in analyse(text).flags if f.kind == "unattributed_claim"]
