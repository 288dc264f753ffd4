"""parley: who said what, who did what to whom, when and where, from news text.

>>> import parley
>>> result = parley.analyze(text, published="2025-12-22")
>>> result.to_dict()["entities"]
"""

from parley.model import Analysis, Article
from parley.pipeline import analyze, analyze_batch
from parley.version import __version__

__all__ = ["Analysis", "Article", "__version__", "analyze", "analyze_batch"]
