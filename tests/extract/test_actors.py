from parley.extract.actors import _match, demonym_starts, demonyms
from parley.nlp import indices_with_text, load_pipeline
from parley.resources import load_resources


def test_a_demonym_is_only_found_at_a_token_that_can_start_one():
    res = load_resources()
    table, starts = res.built(demonyms), res.built(demonym_starts)
    text = (
        "Senior Polish and Lithuanian officials met Ukrainians and Sri Lankan envoys, while "
        "the Russian side and French troops stayed away; Britain's Foreign Office said so."
    )
    doc = load_pipeline()(text)
    found = [i for i in range(len(doc)) if _match(doc, i, table) is not None]
    assert found and set(found) <= set(indices_with_text(doc, starts))
