"""``parley analyze --kb DIR`` end to end: for every file a user may put in a knowledge-base
folder, one record of theirs changes what the analysis says. The names are invented, so
only the user's file can explain the change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parley.cli import main
from parley.kb import FILES

DAY = "2025-03-10"


def analyse(tmp_path: Path, capsys, text: str, kb: dict[str, object] | None) -> dict:
    """The JSON analysis of ``text`` through the command line, with a --kb folder holding
    ``kb`` (file name -> JSON content) when given."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    argv = ["analyze", str(article), "--published", DAY, "--json"]
    if kb is not None:
        folder = tmp_path / "kb"
        for name, content in kb.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(content), encoding="utf-8")
        argv += ["--kb", str(folder)]
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def both(tmp_path, capsys, text, kb) -> tuple[dict, dict]:
    """The analysis without, then with, the user's folder."""
    return analyse(tmp_path, capsys, text, None), analyse(tmp_path, capsys, text, kb)


def kb_ids(result: dict) -> dict[str, dict]:
    return {e["kb_id"]: e for e in result["entities"] if e["kb_id"]}


def test_persons_json_adds_a_person_with_a_role(tmp_path, capsys):
    person = {
        "id": "person:mirela-vostrikova",
        "name": "Mirela Vostrikova",
        "country": "MDA",
        "surnames": ["Vostrikova"],
        "roles": [{"office": "foreign_minister", "of": "MDA", "title": "Foreign Minister",
                   "start": "2024-01-01", "end": None}],
    }  # fmt: skip
    text = "Vostrikova met the Romanian delegation in Chisinau on Monday."
    before, after = both(tmp_path, capsys, text, {"persons.json": [person]})
    assert "person:mirela-vostrikova" not in kb_ids(before)
    entity = kb_ids(after)["person:mirela-vostrikova"]
    assert entity["name"] == "Mirela Vostrikova" and entity["country"] == "MDA"


def test_states_json_adds_a_state_its_demonym_and_capital(tmp_path, capsys):
    state = {
        "id": "state:zzf", "name": "Freedonia", "iso3": "ZZF", "status": "breakaway",
        "demonyms": ["Freedonian"], "capital": "Fredburg", "metonyms": ["the Citadel"],
    }  # fmt: skip
    text = "Freedonian officials said Fredburg would not sign the accord."
    before, after = both(tmp_path, capsys, text, {"states.json": [state]})
    assert "state:zzf" not in kb_ids(before)
    assert kb_ids(after)["state:zzf"]["kind"] == "state"


def test_organizations_json_adds_an_organisation(tmp_path, capsys):
    org = {"id": "org:grain-corridor-board", "name": "Grain Corridor Board",
           "kind": "organization", "sector": "IGO", "aliases": ["GCB"]}  # fmt: skip
    text = "The GCB said on Monday that inspections would resume at the port."
    before, after = both(tmp_path, capsys, text, {"organizations.json": [org]})
    assert "org:grain-corridor-board" not in kb_ids(before)
    assert kb_ids(after)["org:grain-corridor-board"]["sector"] == "IGO"


def test_media_json_adds_an_outlet(tmp_path, capsys):
    outlet = {"id": "media:harbour-courier", "name": "Harbour Courier", "country": "EST",
              "sector": "MED", "kind": "media"}  # fmt: skip
    text = "The ministry told the Harbour Courier that the talks had stalled."
    before, after = both(tmp_path, capsys, text, {"media.json": [outlet]})
    assert "media:harbour-courier" not in kb_ids(before)
    assert kb_ids(after)["media:harbour-courier"]["kind"] == "media"


def test_places_json_places_an_event(tmp_path, capsys):
    place = {"id": "place:velykyi-ozernyi", "name": "Velykyi Ozernyi", "country": "UKR",
             "lat": 47.5, "lon": 35.25}  # fmt: skip
    text = "Russian forces shelled Velykyi Ozernyi on Sunday, the regional governor said."
    before, after = both(tmp_path, capsys, text, {"places.json": [place]})
    assert "place:velykyi-ozernyi" not in kb_ids(before)
    wheres = [e["where"] for e in after["events"] if e["where"]]
    assert any(w["name"] == "Velykyi Ozernyi" and w["lat"] == 47.5 for w in wheres)


def test_facts_json_adds_a_dated_event_that_dates_are_checked_against(tmp_path, capsys):
    fact = {"id": "fact:lakeside-talks", "name": "Lakeside talks", "kind": "talks_round",
            "aliases": ["Lakeside talks"], "start": "2021-05-04", "end": "2021-05-06",
            "participants": ["state:rus", "state:ukr"]}  # fmt: skip
    text = "Since the Lakeside talks in 2016, the two sides have not met."
    before, after = both(tmp_path, capsys, text, {"facts.json": [fact]})
    assert not [f for f in before["flags"] if f["kind"] == "date_conflict"]
    [flag] = [f for f in after["flags"] if f["kind"] == "date_conflict"]
    assert flag["evidence"]["facts"][0]["fact"] == "fact:lakeside-talks"


def test_cues_json_adds_a_reporting_verb_and_a_channel(tmp_path, capsys):
    text = "Protesters, the minister wailed, would not be tolerated."
    cues = {"cues": [{"lemma": "wail", "pos": "VERB"}]}
    before, after = both(tmp_path, capsys, text, {"cues.json": cues})
    assert not before["quotes"]
    assert [q["cue"]["text"] for q in after["quotes"]] == ["wailed"]
    text = (
        "In a tweetstorm, the minister said the new sanctions would hurt the farmers of the south."
    )
    before = analyse(tmp_path, capsys, text, None)
    after = analyse(tmp_path / "second", capsys, text, {"cues.json": {"channels": ["tweetstorm"]}})
    assert [q["channel"] for q in before["quotes"]] == [None]
    assert [q["channel"] for q in after["quotes"]] == ["In a tweetstorm"]


def test_plover_json_adds_and_replaces_patterns(tmp_path, capsys):
    text = "Poland embraced the Ukrainian proposal on Monday."
    plover = {"patterns": [{"lemma": "embrace", "pos": "VERB", "type": "SUPPORT"}]}
    before, after = both(tmp_path, capsys, text, {"plover.json": plover})
    assert "SUPPORT" not in [e["type"] for e in before["events"]]
    assert "SUPPORT" in [e["type"] for e in after["events"]]


def test_plover_json_pattern_with_a_shipped_id_replaces_it(tmp_path, capsys):
    text = "Russian forces shelled the city on Sunday."
    before = analyse(tmp_path, capsys, text, None)
    [event] = [e for e in before["events"] if e["trigger"]["text"] == "shelled"]
    rule = event["explanation"].split(" by rule ")[1].split(";")[0]
    blocked = {"patterns": [{"id": rule, "lemma": "shell", "pos": "VERB", "type": None}]}
    after = analyse(tmp_path, capsys, text, {"plover.json": blocked})
    assert "shelled" not in [e["trigger"]["text"] for e in after["events"]]


def test_positions_json_adds_a_stance_verb(tmp_path, capsys):
    text = "Poland espouses faster accession talks for Ukraine."
    stances = {"verbs": {"espouse": {"obj": True, "stance": "promotes"}}}
    before, after = both(tmp_path, capsys, text, {"positions.json": stances})
    assert not before["positions"]
    assert [p["stance"] for p in after["positions"]] == ["promotes"]


def test_hedges_json_adds_a_hedge(tmp_path, capsys):
    text = "Word on the street is that the convoy turned back before the border."
    hedges = [{"phrase": "word on the street is", "kind": "hearsay"}]
    before, after = both(tmp_path, capsys, text, {"hedges.json": hedges})
    assert not [f for f in before["flags"] if f["kind"] == "hedge"]
    [flag] = [f for f in after["flags"] if f["kind"] == "hedge"]
    assert flag["evidence"] == {"hedge": "Word on the street is", "kind": "hearsay"}


def test_a_user_quote_model_replaces_the_shipped_one(tmp_path, capsys):
    text = "The foreign minister said that the sanctions would hurt farmers."
    model = {"weights": {"bias": -5.0}, "threshold": 0.5}  # rejects every candidate
    before, after = both(tmp_path, capsys, text, {"models/quotes.json": model})
    assert before["quotes"] and not after["quotes"]


def test_a_user_event_model_replaces_the_shipped_one(tmp_path, capsys):
    text = "Russian forces shelled the city on Sunday, the governor said."
    model = {"weights": {"bias": -5.0}, "threshold": 0.5}  # rejects every candidate
    before, after = both(tmp_path, capsys, text, {"models/events.json": model})
    assert before["events"] and not after["events"]


def test_every_user_file_has_a_test_here():
    """A file added to ``kb.FILES`` without an end-to-end test here fails."""
    source = Path(__file__).read_text(encoding="utf-8")
    assert [name for name in FILES if f'"{name}"' not in source] == []


def test_a_bad_user_file_is_one_clear_error_before_any_article(tmp_path):
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "plover.json").write_text('{"patterns": [{"lemma": "x", "type": "HUG"}]}')
    article = tmp_path / "a.txt"
    article.write_text("Russian forces shelled the city on Sunday.", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "parley.cli", "analyze", str(article), "--kb", str(tmp_path / "kb")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0
    assert "unknown type 'HUG'" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["persons.json", "cues.json", "hedges.json"])
def test_malformed_user_files_name_the_file(tmp_path, name):
    from parley.errors import ParleyError
    from parley.resources import Resources

    (tmp_path / name).write_text("{not json", encoding="utf-8")
    with pytest.raises(ParleyError, match=name):
        Resources(kb_dirs=[str(tmp_path)]).warm()


def test_the_kb_readme_documents_every_file():
    readme = (Path(__file__).parents[2] / "src" / "parley" / "kb" / "README.md").read_text(
        encoding="utf-8"
    )
    headings = {line.split()[1] for line in readme.splitlines() if line.startswith("## ")}
    assert set(FILES) <= headings
