"""Front matter: a text file's date, outlet, title and URL in a block at its top."""

from pathlib import Path

import pytest

from parley.ingest import read_inputs
from parley.ingest.frontmatter import split_front_matter

BODY = "Envoys meet in Geneva\nThe envoys met on Friday and agreed to meet again.\n"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_block_gives_the_fields_and_the_text_after_it_exactly():
    text = "---\npublished: 2024-05-03\nsource: 'Wire One'\nauthor: anyone\n---\n" + BODY
    assert split_front_matter(text) == ({"published": "2024-05-03", "source": "Wire One"}, BODY)
    crlf = "\ufeff---\r\ntitle: Envoys\r\n---\r\n" + BODY
    assert split_front_matter(crlf) == ({"title": "Envoys"}, BODY)


@pytest.mark.parametrize(
    "text",
    ["---\nnot a field\n---\n" + BODY,  # a line that is no key: value
     "---\npublished: 2024-05-03\n" + BODY,  # never closed
     BODY + "---\npublished: 2024-05-03\n---\n",  # not at the top
     "--- \n" + "k: v\n" * 50 + "---\n" + BODY],  # too long to be front matter
)  # fmt: skip
def test_anything_else_is_all_text(text):
    assert split_front_matter(text) == ({}, text)


def test_a_text_file_with_front_matter_becomes_a_dated_article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("---\npublished: 2024-05-03\nsource: Wire One\n---\n" + BODY, "utf-8")
    [article] = read_inputs([str(path)])
    assert article.text == BODY
    assert (article.published, article.source, article.title) == ("2024-05-03", "Wire One", None)
    [given] = read_inputs([str(path)], published="2024-06-01")  # options still win
    assert given.published == "2024-06-01"


def test_every_example_carries_its_date():
    articles = list(read_inputs([str(EXAMPLES)]))
    dated = [a for a in articles if getattr(a, "published", None)]
    assert len(dated) == len(articles) == 6
    assert all(not a.text.startswith("---") for a in dated)
