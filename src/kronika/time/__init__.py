"""Temporal expressions: detection, normalization to TIMEX3 values, and anchoring (see docs/time.md).

``extract_times(text, dct, doc)`` is the entry point; the pipeline stage is ``kronika.time.normalize.v1``.
"""

from kronika.time.resolution import Anchors, RefTime, Resolution
from kronika.time.resolve import extract_times, parse_dct
from kronika.time.rules import normalize

__all__ = ["Anchors", "RefTime", "Resolution", "extract_times", "normalize", "parse_dct"]
