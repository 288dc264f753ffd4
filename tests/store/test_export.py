import csv
import io
import json

import pytest

from parley.store import article
from parley.store.export import TABLES, write_csv, write_jsonl, write_parquet, write_plover


def test_jsonl_round_trips_the_records(filled):
    out = io.StringIO()
    assert write_jsonl(filled, out) == 8
    for line in out.getvalue().splitlines():
        record = json.loads(line)
        stored = article(filled, record["article"]["id"])
        stored.pop("store")
        assert record == stored
    dup = io.StringIO()
    assert write_jsonl(filled, dup, include_duplicates=True) == 9


@pytest.mark.parametrize("table, rows", [("articles", 3), ("quotes", 6), ("events", 9),
                                         ("flags", 6), ("entities", 12)])  # fmt: skip
def test_csv_tables(handdb, table, rows):
    out = io.StringIO()
    n = write_csv(handdb, out, table)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(parsed) == n
    assert list(parsed[0]) == [c[0] for c in TABLES[table][2]]
    assert n == rows
    if table == "events":
        reject = next(r for r in parsed if r["type"] == "REJECT")
        assert (reject["actors"], reject["recipients"]) == ("Volodymyr Zelenskyy", "Sergey Lavrov")


def test_csv_keeps_text_exactly(filled):
    out = io.StringIO()
    write_csv(filled, out, "articles")
    for row in csv.DictReader(io.StringIO(out.getvalue())):
        assert article(filled, row["id"])["article"]["text"] == row["text"]


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_reads_back(filled, tmp_path, table):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / f"{table}.parquet"
    n = write_parquet(filled, str(path), table)
    back = pq.read_table(path)
    assert back.num_rows == n and back.column_names == [c[0] for c in TABLES[table][2]]
    out = io.StringIO()
    write_csv(filled, out, table)
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    row = back.slice(0, 1).to_pylist()[0]
    for key, value in first.items():
        expected = row[key]
        if isinstance(expected, bool):
            expected = int(expected)
        assert ("" if expected is None else str(expected)) == value


def test_parquet_of_an_empty_selection(filled, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "none.parquet"
    assert write_parquet(filled, str(path), "events", since="2030-01-01") == 0
    assert pq.read_table(path).num_rows == 0


def test_plover_events(handdb):
    filled = handdb
    out = io.StringIO()
    assert write_plover(filled, out) == 9
    events = json.loads(out.getvalue())
    reject = next(e for e in events if e["event"] == "REJECT" and e["date"] == "2024-08-20")
    assert reject["source"] == [{"actorText": "Volodymyr Zelenskyy", "code": "UKR",
                                 "kb_id": "person:volodymyr-zelenskyy"}]  # fmt: skip
    assert reject["target"][0]["actorText"] == "Sergey Lavrov"
    assert reject["eventText"] == "rejected"
    assert reject["text"] == "Zelensky rejected the proposal on Tuesday."
    assert reject["parley"]["status"] == "asserted"
    consult = next(e for e in events if e["event"] == "CONSULT")
    assert consult["mode"] == "third-party"
    assert consult["eventLoc"] == {"name": "Ankara", "country code": "TUR"}
    later = io.StringIO()
    assert write_plover(filled, later, since="2024-07-01") == 6
    for same in ("20240701", "2024-07-01T00:00:00Z"):  # other ISO spellings of the day
        assert write_plover(filled, io.StringIO(), since=same) == 6
    empty = io.StringIO()
    assert write_plover(filled, empty, since="2030-01-01") == 0
    assert json.loads(empty.getvalue()) == []
