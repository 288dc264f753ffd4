"""The JSON API over a store of three hand-built articles (exact counts), and its errors."""

from __future__ import annotations

import pytest

from parley import store
from parley.store.entities import ACTOR_SORTS
from parley.store.lists import FLAG_SORTS, QUOTE_SORTS
from parley.store.queries import ARTICLE_SORTS
from parley.store.stories import STORY_SORTS
from parley.web.api import ENDPOINTS


def items(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def days(page):
    return [(i.get("published") or i.get("day") or "")[:10] for i in page["items"]]


def test_articles_list_newest_first_with_totals(client):
    page = items(client, "/api/articles")
    assert days(page) == ["2024-08-20", "2024-07-02", "2024-06-11"]
    assert (page["total"], page["limit"], page["offset"]) == (3, 20, 0)
    assert page["items"][0]["quotes"] == 2 and page["items"][0]["events"] == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2024-07-01"}, ["2024-08-20", "2024-07-02"]),
        ({"until": "2024-07-02"}, ["2024-07-02", "2024-06-11"]),
        ({"since": "2024-07-01", "until": "2024-07-31"}, ["2024-07-02"]),
        ({"source": "hand"}, ["2024-08-20", "2024-07-02", "2024-06-11"]),
        ({"source": "elsewhere"}, []),
        ({"actor": "Lavrov"}, ["2024-08-20", "2024-07-02", "2024-06-11"]),
        ({"actor": "nobody known"}, []),
    ],
)
def test_articles_filters(client, params, expected):
    page = items(client, "/api/articles", **params)
    assert days(page) == expected and page["total"] == len(expected)


def test_pagination_keeps_the_total(client):
    page = items(client, "/api/articles", limit=1, offset=1)
    assert days(page) == ["2024-07-02"] and page["total"] == 3
    assert items(client, "/api/articles", offset=5)["items"] == []


def test_one_article_by_id_or_prefix(client):
    first = items(client, "/api/articles")["items"][0]["id"]
    record = items(client, f"/api/articles/{first}")
    assert record["schema"] == "parley.analysis/1" and record["article"]["id"] == first
    assert record["store"]["duplicate_of"] is None
    assert items(client, f"/api/articles/{first[7:19]}")["article"]["id"] == first


def test_one_article_errors(client):
    r = client.get("/api/articles/" + "0" * 16)
    assert r.status_code == 404 and "no article" in r.json()["error"]
    assert client.get("/api/articles/not-an-id").status_code == 400


def test_search_ranks_and_marks(client):
    page = items(client, "/api/search", q="heating")
    assert page["total"] == 1 and days(page) == ["2024-06-11"]
    assert "[heating]" in page["items"][0]["snippet"] and page["items"][0]["score"] > 0
    assert items(client, "/api/search", q="Lavrov")["total"] == 3
    assert items(client, "/api/search", q="Lavrov", since="2024-07-01", limit=1)["total"] == 2
    assert items(client, "/api/search", q="Lavrov", source="nowhere")["total"] == 0
    assert items(client, "/api/search", q='"televised address"', actor="Zelensky")["total"] == 3


def test_search_needs_text(client):
    r = client.get("/api/search")
    assert r.status_code == 400 and "'q' is required" in r.json()["error"]


def test_quotes_filters(client):
    assert items(client, "/api/quotes")["total"] == 6
    by_lavrov = items(client, "/api/quotes", speaker="Lavrov")
    assert by_lavrov["total"] == 3
    assert {q["speaker_name"] for q in by_lavrov["items"]} == {"Sergey Lavrov"}
    assert items(client, "/api/quotes", anonymous="true")["total"] == 3
    assert items(client, "/api/quotes", anonymous="false")["total"] == 3
    assert items(client, "/api/quotes", about="grain")["total"] == 3
    assert items(client, "/api/quotes", since="2024-08-01")["total"] == 2
    one = items(client, "/api/articles")["items"][0]["id"]
    assert items(client, "/api/quotes", article=one)["total"] == 2


def test_events_filters(client):
    assert items(client, "/api/events")["total"] == 9
    assert items(client, "/api/events", type="accuse")["total"] == 3
    assert items(client, "/api/events", actor="Lavrov")["total"] == 3
    assert items(client, "/api/events", recipient="Sergey Lavrov")["total"] == 3
    assert items(client, "/api/events", status="proposed")["total"] == 3
    assert items(client, "/api/events", type="REJECT", actor="Zelensky",
                 recipient="Lavrov")["total"] == 3  # fmt: skip
    event = items(client, "/api/events", type="ACCUSE", limit=1)["items"][0]
    assert (event["actors"], event["recipients"]) == (["Sergey Lavrov"], ["Ukraine"])


def test_flags_filters(client):
    assert items(client, "/api/flags")["total"] == 6
    assert items(client, "/api/flags", kind="anonymous_source")["total"] == 3
    assert items(client, "/api/flags", severity="info")["total"] == 3


def test_entities_list_and_profile(client):
    page = items(client, "/api/entities", q="lavr")
    assert [e["name"] for e in page["items"]] == ["Sergey Lavrov"]
    assert page["items"][0]["articles"] == 3
    states = items(client, "/api/entities", kind="state")
    assert [e["name"] for e in states["items"]] == ["Turkey", "Ukraine"]
    assert items(client, "/api/entities", limit=2)["total"] == 4
    profile = items(client, "/api/entities/Lavrov", quotes=1)
    assert profile["name"] == "Sergey Lavrov" and profile["quotes"] == 3
    assert len(profile["recent_quotes"]) == 1 and profile["events_as_actor"] == 3
    r = client.get("/api/entities/Nobody At All")
    assert r.status_code == 404


def test_entities_sorted(client):
    default = [e["name"] for e in items(client, "/api/entities")["items"]]
    assert default[0] == "Sergey Lavrov"  # most mentioned first
    by_name = [e["name"] for e in items(client, "/api/entities", sort="name")["items"]]
    assert by_name == sorted(by_name, key=str.lower)
    assert [e["name"] for e in items(client, "/api/entities", sort="-name")["items"]] == (
        by_name[::-1]
    )
    r = client.get("/api/entities", params={"sort": "pk"})
    assert r.status_code == 400 and r.json()["parameter"] == "sort"


def test_quotes_naming_an_actor_and_sorted(client):
    named = items(client, "/api/quotes", actor="Turkey")
    assert named["total"] == 3
    assert {q["content"] for q in named["items"]} == {"Turkey would host a meeting"}
    assert items(client, "/api/quotes", actor="Lavrov")["total"] == 0
    oldest = items(client, "/api/quotes", sort="date")
    assert days(oldest) == sorted(days(oldest))
    assert days(items(client, "/api/quotes")) == sorted(days(oldest), reverse=True)


def test_lists_sorted(client):
    assert days(items(client, "/api/articles", sort="date")) == [
        "2024-06-11", "2024-07-02", "2024-08-20"
    ]  # fmt: skip
    flags = items(client, "/api/flags", sort="-severity")["items"]
    assert [f["severity"] for f in flags] == ["warning"] * 3 + ["info"] * 3
    stories = items(client, "/api/stories", sort="first_day")["items"]
    assert [s["first_day"] for s in stories] == sorted(s["first_day"] for s in stories)
    for path in ("/api/articles", "/api/flags", "/api/stories"):
        r = client.get(path, params={"sort": "title"})
        assert r.status_code == 400 and r.json()["parameter"] == "sort", path


@pytest.mark.parametrize(
    ("name", "query", "sorts", "default"),
    [("articles", store.articles, ARTICLE_SORTS, "-date"),
     ("quotes", store.quotes, QUOTE_SORTS, "-date"),
     ("flags", store.flags, FLAG_SORTS, "-date"),
     ("stories", store.list_stories, STORY_SORTS, "-last_day"),
     ("entities", store.actors, ACTOR_SORTS, "-mentions")],
)  # fmt: skip
def test_sort_is_the_store_order(client, hand_db, name, query, sorts, default):
    endpoint = next(e for e in ENDPOINTS if e.name == name)
    doc = client.get("/api/openapi.json").json()
    params = doc["paths"][endpoint.path]["get"]["parameters"]
    (schema,) = [p["schema"] for p in params if p["name"] == "sort"]
    assert schema["enum"] == list(sorts.choices()) and schema["default"] == default
    every = {"min_articles": 1} if name == "stories" else {}
    conn = store.connect(hand_db)
    try:
        for sort in sorts.choices():
            page = items(client, endpoint.path, sort=sort)
            page.pop("stale", None)
            assert page == query(conn, order=sort, **every).to_dict(), sort
    finally:
        conn.close()


def test_stories_are_listed_whatever_their_size(client):
    assert items(client, "/api/stories")["total"] == items(client, "/api/stories",
                                                           min_articles=1)["total"]  # fmt: skip


def test_stories_list_and_one(client):
    page = items(client, "/api/stories", min_articles=1)
    assert page["total"] >= 1 and page["stale"] is False
    story = items(client, f"/api/stories/{page['items'][0]['id']}")
    assert story["story"]["id"] == page["items"][0]["id"] and story["timeline"]
    assert client.get("/api/stories/99999").status_code == 404
    assert client.get("/api/stories/abc").status_code == 400


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/articles?limit=0", "limit must be from 1"),
        ("/api/articles?limit=many", "limit must be a whole number"),
        ("/api/articles?offset=-1", "offset must be from 0"),
        ("/api/articles?since=yesterday", "not an ISO 8601 date"),
        ("/api/articles?since=2024-08-01&until=2024-07-01", "is after until"),
        ("/api/articles?colour=red", "unknown parameter 'colour'"),
        ("/api/events?type=HUG", "unknown type 'HUG'"),
        ("/api/flags?severity=awful", "unknown severity"),
        ("/api/quotes?anonymous=maybe", "true or false"),
        ("/api/search?q=OR", "search text is empty"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, path, message):
    r = client.get(path)
    assert r.status_code == 400
    assert message in r.json()["error"] and r.json()["status"] == 400


def test_unknown_paths_and_methods(client):
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["error"]
    assert client.delete("/api/articles").status_code == 405


def test_openapi_document_covers_every_endpoint(client):
    doc = items(client, "/api/openapi.json")
    assert doc["openapi"].startswith("3.")
    for e in ENDPOINTS:
        op = doc["paths"][e.path]["get"]
        names = {p["name"] for p in op["parameters"]}
        assert names == {p.name for p in (*e.params, *e.path_params)}
    post = doc["paths"]["/api/articles"]["post"]
    assert {"201", "401", "403", "413"} <= set(post["responses"])
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    schemas = doc["components"]["schemas"]

    def refs(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "$ref":
                    yield v
                else:
                    yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)

    for ref in refs(doc):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def test_every_api_route_is_documented(client):
    doc = client.get("/api/openapi.json").json()
    paths = {r.path for r in client.app.routes if getattr(r, "path", "").startswith("/api/")}
    assert paths == set(doc["paths"])


def test_list_responses_match_their_schema(client):
    doc = client.get("/api/openapi.json").json()
    schemas = doc["components"]["schemas"]
    for e in ENDPOINTS:
        if not e.schema.endswith("Page"):
            continue
        params = {"min_articles": 1} if e.name == "stories" else {}
        if e.name == "search":
            params["q"] = "Lavrov"
        page = items(client, e.path, **params)
        assert page["items"], e.path
        row = schemas[schemas[e.schema]["properties"]["items"]["items"]["$ref"].split("/")[-1]]
        assert set(page["items"][0]) == set(row["properties"]), e.path


def test_security_headers_on_api_and_pages(client):
    for path in ("/api/articles", "/", "/api/nothing", "/static/parley.css"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"


def test_connections_are_reused_across_requests(hand_db):
    from web_helpers import test_client

    from parley.web import create_app

    app = create_app(hand_db)
    client = test_client(app)  # a new event loop and worker thread for every request
    for _ in range(20):
        assert client.get("/api/articles").status_code == 200
    assert len(app.state.store._all) == 1
