"""CSV downloads: every list has one, with the page's filters and the page's rows; cells a
spreadsheet would run as formulas stay text."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest

from parley.web.csvout import cell, to_csv
from parley.web.lists import LISTINGS


def rows_of(response):
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_cells():
    assert cell(None) == "" and cell(True) == "true" and cell(3) == 3 and cell(-2.5) == -2.5
    assert cell(["Russia", None, "Ukraine"]) == "Russia; Ukraine"
    assert cell({"b": 1, "a": "é"}) == '{"a": "é", "b": 1}'
    for formula in ('=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tx"):
        assert cell(formula) == "'" + formula
    assert to_csv(["a", "b"], [["x,y", 'say "hi"']]) == 'a,b\r\n"x,y","say ""hi"""\r\n'


@pytest.mark.parametrize(("path", "csv_path"), [(lst.path, lst.csv_path) for _, lst in LISTINGS])
def test_every_list_links_its_csv_with_its_filters(client, path, csv_path):
    params = {"limit": "2", "since": "2024-06-01"}
    if path == "/stories":
        params.pop("since")
    if path == "/actors":
        params = {"limit": "2", "kind": "state"}
    html = client.get(path, params=params).text
    links = [unescape(h) for h in re.findall(r'<a class="csv" href="([^"]+)"', html)]
    assert len(links) == 1 and links[0].startswith(csv_path + "?")
    for name, value in params.items():
        assert f"{name}={value}" in links[0]
    assert len(rows_of(client.get(links[0]))) <= 2


def test_quotes_csv_holds_the_page_rows(client):
    page = client.get("/api/quotes", params={"speaker": "Lavrov", "limit": 2, "offset": 1})
    rows = rows_of(client.get("/quotes.csv", params={"speaker": "Lavrov", "limit": 2,
                                                      "offset": 1}))  # fmt: skip
    assert [r["article_id"] for r in rows] == [q["article_id"] for q in page.json()["items"]]
    assert rows[0]["speaker"] == "Sergey Lavrov" and rows[0]["anonymous"] == "false"
    assert rows[0]["sentence"].startswith('"We are ready to talk about grain," Lavrov said')
    assert rows[0]["article_title"].startswith("Talks, part")


def test_other_csvs(client, untitled_client):
    actors = rows_of(client.get("/actors.csv"))
    assert actors[0]["name"] == "Sergey Lavrov" and actors[0]["mentions"] == "6"
    events = rows_of(client.get("/events.csv", params={"type": "REJECT"}))
    assert len(events) == 3 and {e["actors"] for e in events} == {"Volodymyr Zelenskyy"}
    flags = rows_of(client.get("/flags.csv", params={"kind": "anonymous_source"}))
    assert len(flags) == 3 and flags[0]["passages"] == "Officials"
    stories = rows_of(client.get("/stories.csv"))
    assert stories and all(s["title"].startswith("Talks, part") for s in stories)
    hits = rows_of(client.get("/articles.csv", params={"q": "heating"}))
    assert [h["title"] for h in hits] == ["Talks, part 1"] and "heating" in hits[0]["snippet"]
    untitled = rows_of(untitled_client.get("/articles.csv"))
    assert all(r["title"].startswith(("Diplomats", "The second round")) for r in untitled)


def test_a_bad_csv_request_is_a_400_page(client):
    r = client.get("/quotes.csv", params={"anonymous": "maybe"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "true or false" in r.text
