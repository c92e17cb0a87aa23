"""Validate a graph against the DCAT-AP 3 shapes, offline.

Shapes: mandatory (``shapes.ttl``), ranges (``range.ttl``) and the controlled-vocabulary
shapes (``mdr-vocabularies.shape.ttl``), from the copy kept beside this module
(``dcat-ap-3-shacl/``, see its README for source and licence). The EU authority-table
concepts those need come from our own local subset (``eu_vocabulary_graph``), added to
the data graph as a validator would load the EU tables; no ``owl:imports`` is followed,
so nothing is fetched.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ckanext.govopen.dcat.vocabulary import eu_vocabulary_graph
from pyshacl import validate
from rdflib import Graph, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_DIR = Path(os.environ.get("GOVOPEN_DCAT_SHAPES", Path(__file__).resolve().parent / "dcat-ap-3-shacl"))
SHAPE_FILES = ("shapes.ttl", "range.ttl", "mdr-vocabularies.shape.ttl")


@lru_cache(maxsize=1)
def shapes() -> Graph:
    g = Graph()
    for name in SHAPE_FILES:
        g.parse(SHAPES_DIR / name, format="turtle")
    return g


@lru_cache(maxsize=1)
def vocabularies() -> Graph:
    return eu_vocabulary_graph()


def violations(data: Graph) -> list[str]:
    """One line per sh:Violation (warnings, e.g. our own theme scheme, are allowed)."""
    _conforms, report, _text = validate(
        data + vocabularies(), shacl_graph=shapes(), inference="none",
        allow_warnings=True, do_owl_imports=False, advanced=True,
    )
    out = []
    # top-level results only: nested sh:detail results explain a result, they are not one
    for result in report.objects(None, SH.result):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        out.append(" | ".join(str(report.value(result, p)) for p in (
            SH.focusNode, SH.resultPath, SH.value, SH.resultMessage)))
    return sorted(set(out))
