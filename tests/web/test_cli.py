"""``parley serve``: options, and clean one-line errors instead of tracebacks."""

from __future__ import annotations

import socket

import pytest


@pytest.fixture
def cli(monkeypatch):
    import parley.cli

    monkeypatch.setattr(parley.cli, "COMMANDS", ("parley.web.cli",))
    return parley.cli.main


def test_serve_is_registered_with_its_options(cli, capsys):
    with pytest.raises(SystemExit) as done:
        cli(["serve", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for option in ("--host", "--port", "--db", "--token", "--kb", "--model"):
        assert option in out


def test_bad_port_is_a_usage_error(cli, capsys):
    with pytest.raises(SystemExit) as done:
        cli(["serve", "--port", "99999"])
    assert done.value.code == 2
    assert "port number" in capsys.readouterr().err


def test_missing_database_is_one_line(cli, tmp_path, capsys):
    assert cli(["serve", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert "no database at" in err and "Traceback" not in err


def test_a_kb_that_is_not_a_folder_is_a_usage_error(cli, hand_db, tmp_path, capsys):
    missing = tmp_path / "no-such-kb"
    with pytest.raises(SystemExit) as done:
        cli(["serve", "--db", str(hand_db), "--kb", str(missing)])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"{missing}: no such folder" in err and "Traceback" not in err


def test_a_model_that_is_not_installed_is_a_usage_error_before_the_server_listens(
    cli, hand_db, capsys, monkeypatch
):
    import uvicorn

    def serve(*args, **kwargs):
        raise AssertionError("the server started with a model that is not installed")

    monkeypatch.setattr(uvicorn, "run", serve)
    argv = ["serve", "--db", str(hand_db), "--token", "t", "--model", "xx_no_such_pipeline"]
    with pytest.raises(SystemExit) as done:
        cli([*argv, "--port", str(_free_port())])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "no spaCy pipeline 'xx_no_such_pipeline' is installed" in err
    assert "Traceback" not in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_port_in_use_is_one_line(cli, hand_db, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli(["serve", "--db", str(hand_db), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


def test_register_imports_no_server_modules():
    import subprocess
    import sys

    code = (
        "import sys, argparse; from parley.web.cli import register; "
        "register(argparse.ArgumentParser().add_subparsers()); "
        "print([m for m in ('starlette', 'uvicorn', 'pyarrow') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
