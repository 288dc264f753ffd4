"""parley: who said what, who did what to whom, when and where, from news text.

>>> import parley
>>> result = parley.analyze(text, published="2025-12-22")
>>> result.to_dict()["entities"]
"""

__version__ = "0.1.0"

from parley.model import Analysis, Article  # noqa: E402
from parley.pipeline import analyze, analyze_batch  # noqa: E402

__all__ = ["Analysis", "Article", "__version__", "analyze", "analyze_batch"]
