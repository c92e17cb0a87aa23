"""Validate a graph against the DCAT-AP 3 shapes, offline, as a strict harvester does.

:func:`violations` checks the graph exactly as served, against the mandatory-property
shapes (``shapes.ttl``) and the value-class shapes (``range.ttl``) alone: nothing is added
to the data, so every concept, scheme and licence the feed names must be described in
the feed itself. :func:`vocabulary_violations` adds the controlled-vocabulary shapes
(``mdr-vocabularies.shape.ttl``), which need the EU authority tables: our local subset
(``eu_vocabulary_graph``) stands in for them. Shapes come from the copy kept beside this
module (``dcat-ap-3-shacl/``, see its README for source and licence); no ``owl:imports``
is followed, so nothing is fetched.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ckanext.govopen.dcat.vocabulary import eu_vocabulary_graph
from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, RDF
from rdflib.namespace import DCTERMS as DCT

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_DIR = Path(os.environ.get("GOVOPEN_DCAT_SHAPES", Path(__file__).resolve().parent / "dcat-ap-3-shacl"))
BARE_SHAPE_FILES = ("shapes.ttl", "range.ttl")
VOCABULARY_SHAPE_FILE = "mdr-vocabularies.shape.ttl"
SHAPE_FILES = (*BARE_SHAPE_FILES, VOCABULARY_SHAPE_FILE)


@lru_cache(maxsize=2)
def _shapes(names: tuple[str, ...]) -> Graph:
    g = Graph()
    for name in names:
        g.parse(SHAPES_DIR / name, format="turtle")
    return g


@lru_cache(maxsize=1)
def _vocabularies() -> Graph:
    return eu_vocabulary_graph()


def violations(data: Graph) -> list[str]:
    """One line per sh:Violation of `data` as served, against shapes.ttl + range.ttl."""
    return _violations(data, _shapes(BARE_SHAPE_FILES))


def vocabulary_violations(data: Graph) -> list[str]:
    """Violations of the controlled-vocabulary shapes, the EU tables loaded beside `data`."""
    return _violations(data + _vocabularies(), _shapes((VOCABULARY_SHAPE_FILE,)))


def datasets_without_identifier(data: Graph) -> list[str]:
    """Every dcat:Dataset of `data` that has no dct:identifier."""
    return sorted(str(ds) for ds in data.subjects(RDF.type, DCAT.Dataset)
                  if data.value(ds, DCT.identifier) is None)


def _violations(data: Graph, shapes: Graph) -> list[str]:
    # warnings (e.g. our own theme scheme, which is no EU table) are allowed
    _conforms, report, _text = validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True,
        do_owl_imports=False, advanced=True,
    )
    out = []
    # top-level results only: nested sh:detail results explain a result, they are not one
    for result in report.objects(None, SH.result):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        out.append(" | ".join(str(report.value(result, p)) for p in (
            SH.focusNode, SH.resultPath, SH.value, SH.resultMessage)))
    return sorted(set(out))
