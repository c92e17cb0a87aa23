"""Publishing: the review workflow (draft → submitted → approved / returned → published),
the write guard that lets only the workflow make a dataset public (guard.py,
action_chained.py), the one download gate (gate.py) and the download and review pages."""
from __future__ import annotations
