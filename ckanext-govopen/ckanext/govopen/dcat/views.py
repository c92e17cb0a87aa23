"""The stable URLs behind the IRIs our feeds mint: the classification concept scheme
(``/dcat/classification``, concepts as ``#<code>``) and one division per code; and the
charset of every RDF response (ckanext-dcat's catalog and dataset endpoints included)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, request
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import SKOS

from ckanext.dcat.utils import catalog_uri
from ckanext.govopen.catalog.codes import division_name
from ckanext.govopen.dcat import terms as t
from ckanext.govopen.dcat.vocabulary import classification_graph

__all__ = ["dcat_vocabulary"]

dcat_vocabulary = Blueprint("govopen_dcat", __name__, url_prefix="/dcat")

# suffix → (rdflib format, media type)
FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("pretty-xml", "application/rdf+xml"),
    "xml": ("pretty-xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}


# Every RDF syntax ckanext-dcat and we serve. Its views set a bare media type, and a
# client that finds no charset decodes text/* as ISO-8859-1 (RFC 2616 default): the Chinese
# of our feeds came out as mojibake.
RDF_MEDIA_TYPES = frozenset({
    "text/turtle", "application/rdf+xml", "application/ld+json", "text/n3",
    "application/n-triples", "application/n-quads", "application/trig",
})


@dcat_vocabulary.after_app_request
def _declare_utf8(response: Response) -> Response:
    """State the encoding of every RDF response of the portal (rdflib writes UTF-8)."""
    if response.mimetype in RDF_MEDIA_TYPES and "charset" not in response.mimetype_params:
        response.headers["Content-Type"] = f"{response.mimetype}; charset=utf-8"
    return response


def _negotiate(fmt: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            tk.abort(404, tk._("Formats: ttl, rdf, xml, jsonld"))
        return fmt
    offered = {media: suffix for suffix, (_, media) in FORMATS.items() if suffix != "xml"}
    best = request.accept_mimetypes.best_match(list(offered), default="text/turtle")
    return offered.get(best or "text/turtle", "ttl")


def _respond(graph: Graph, fmt: str | None) -> Response:
    suffix = _negotiate(fmt)
    rdf_format, media = FORMATS[suffix]
    body = graph.serialize(format=rdf_format)
    return Response(body, mimetype=media, headers={"Vary": "Accept"})


def classification(fmt: str | None = None) -> Response:
    """Our 类/项/目 classification as a SKOS concept scheme."""
    return _respond(classification_graph(catalog_uri()), fmt)


def division(code: str, fmt: str | None = None) -> Response:
    """A GB/T 2260 division as the ``dct:Location`` our datasets cover."""
    name = division_name(code)
    if name is None:
        return tk.abort(404, tk._("Not a current GB/T 2260 administrative division code"))
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dct", DCT)
    place = URIRef(t.division_uri(catalog_uri(), code))
    g.add((place, RDF.type, DCT.Location))
    g.add((place, SKOS.notation, Literal(code)))
    g.add((place, SKOS.prefLabel, Literal(name, lang=t.ZH_TAG)))
    return _respond(g, fmt)


dcat_vocabulary.add_url_rule("/classification", view_func=classification)
dcat_vocabulary.add_url_rule("/classification.<fmt>", view_func=classification,
                             endpoint="classification_format")
dcat_vocabulary.add_url_rule("/division/<code>", view_func=division)
dcat_vocabulary.add_url_rule("/division/<code>.<fmt>", view_func=division,
                             endpoint="division_format")
