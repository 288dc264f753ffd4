"""Search that knows the actors: a person's name searches every spelling of that person."""

import pytest

from parley.model import Analysis, Article, Sentence
from parley.store import search as search_articles
from parley.store import store_analyses
from parley.store.expand import expand

CAPS = (
    "Wire report from the capital\n"
    "President ZELENSKYY told reporters in Kyiv on Monday that the talks with the envoys "
    "would resume after the holiday, and that a new round of prisoner exchanges was planned."
)


@pytest.fixture
def store(db, hand):
    """Three hand-built articles naming "Zelensky" (entity Volodymyr Zelenskyy) and one
    that spells the name in capitals with a y, no entity stored for it."""
    caps = Analysis(Article(CAPS, published="2024-09-02"), sentences=(Sentence(0, 0, 29),))
    store_analyses(db, [*hand, caps])
    return db


def test_a_persons_name_searches_all_its_spellings_and_says_so(store):
    page = search_articles(store, "Zelensky", expand=True)
    assert page.total == 4  # the three that say Zelensky and the one that says ZELENSKYY
    assert page.expanded.actors == ("Volodymyr Zelenskyy",)
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= set(page.expanded.spellings)
    assert "also searched" in page.expanded.describe()
    assert page.to_dict()["expanded"]["query"] == "Zelensky"
    assert search_articles(store, "Zelensky").total == 3  # exact: as before
    assert search_articles(store, "zelenskiy", expand=True).total == 4  # a KB surname


@pytest.mark.parametrize(
    "text", ['"Zelensky"', "Zelensky OR Lavrov", "Zelens*", "Ukraine", "talks", "2024"]
)
def test_only_plain_names_of_people_are_expanded(store, text):
    assert expand(store, text) is None
    page = search_articles(store, text, expand=True)
    assert getattr(page, "expanded", None) is None and "expanded" not in page.to_dict()


def test_the_command_prints_the_expansion_and_exact_turns_it_off(cli, tmp_path, store, capsys):
    db = store.execute("PRAGMA database_list").fetchone()[2]
    assert cli(["search", "Zelensky", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("'Zelensky' names Volodymyr Zelenskyy: also searched") and "of 4" in out
    assert cli(["search", "Zelensky", "--exact", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "also searched" not in out and "of 3" in out
