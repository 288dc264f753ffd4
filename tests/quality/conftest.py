"""The quality gates run the measuring code of ``benchmarks/`` (``scoring``, ``eval_*``) and
read their bounds from ``baseline.json`` through ``scoring``."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
# appended, not prepended: ``import conftest`` must still find tests/conftest.py
if str(BENCHMARKS) not in sys.path:
    sys.path.append(str(BENCHMARKS))
