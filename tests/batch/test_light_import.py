"""``parley`` start-up registers ``parley batch`` without importing pyarrow or Dask."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pyarrow", "dask", "distributed", "duckdb")

CHECK = """
import json, sys
import parley.cli
parley.cli.build_parser()
import parley.batch
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[1])))
print(json.dumps({"heavy": heavy, "batch": "parley.batch.cli" in sys.modules}))
"""


def test_registering_the_command_imports_neither_pyarrow_nor_dask():
    done = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout) == {"heavy": [], "batch": True}
