"""Make the helpers in ``tests/`` (``schema_check``) importable from every test module.

If the package is not installed into the environment, fall back to ``src/`` so the tests
still run from a plain checkout.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"

if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
if importlib.util.find_spec("parley") is None and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

# --- shared data and the analysis pipeline ------------------------------------------------
import os  # noqa: E402

import pytest  # noqa: E402

SHARED_DATA = TESTS.parent.parent / "shared" / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def shared_path(*parts: str) -> Path:
    """A folder or file under ../shared/data: missing is a failure in CI, a skip elsewhere."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing (tests read gold data from ../shared/data)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text):
    """The founding article analysed with its publication date."""
    import parley

    return parley.analyze(seed_text, published="2025-12-22")
