"""IRIs, namespaces and EU authority-table labels the ``govopen`` profile writes (pure).

Decisions worth knowing:
- Catalog fields DCAT-AP has no property for (sharing attribute, data items, secrecy …)
  use the ``GOV`` namespace below, fixed across portals so one portal can harvest another.
- The reason and condition of data that is not open recur word for word across datasets:
  one ``dct:RightsStatement`` per distinct pair, minted like a legal basis below.
- A Chinese legal basis is free text (“《中华人民共和国数据安全法》第二十一条”), and
  ``dcatap:applicableLegislation`` needs an IRI of an ``eli:LegalResource``. China has no
  ELI, so each distinct legal-basis text gets an IRI minted from its normalized text under
  the portal (``/dcat/legislation/<hash>``), typed ``eli:LegalResource`` with the text as
  its ``eli:title``/``rdfs:label`` in Chinese: valid, stable for the same text, and the
  text travels with it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import RDFS, Namespace

from ckanext.govopen.catalog import dcat_map

GOV = Namespace("https://w3id.org/govopen/catalog#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
RDFS_RESOURCE, RDFS_SUBCLASS_OF = RDFS.Resource, RDFS.subClassOf
EU = dcat_map.EU

ZH_TAG = "zh-Hans"
EN_TAG = "en"

LANGUAGE_ZH = EU + "language/ZHO"
LANGUAGE_EN = EU + "language/ENG"
TEL_CN = "tel:+86-"

PUBLISHER_TYPE_SCHEME = "http://purl.org/adms/publishertype/1.0"
PUBLISHER_TYPE = {
    "province": "http://purl.org/adms/publishertype/RegionalAuthority",
    "city": "http://purl.org/adms/publishertype/LocalAuthority",
    "county": "http://purl.org/adms/publishertype/LocalAuthority",
}
LICENCE_TYPE_SCHEME = "http://purl.org/adms/licencetype/1.0"
LICENCE_TYPE_ATTRIBUTION = "http://purl.org/adms/licencetype/Attribution"
LICENCE_TYPE_UNKNOWN = "http://purl.org/adms/licencetype/UnknownIPR"

IANA = "https://www.iana.org/assignments/media-types/"
MEDIA_TYPE: dict[str, str] = {
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "XLS": "application/vnd.ms-excel",
    "JSON": "application/json",
    "XML": "application/xml",
    "PDF": "application/pdf",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "SHP": "application/vnd.shp",
    "GeoJSON": "application/geo+json",
    "KML": "application/vnd.google-earth.kml+xml",
    "JPEG": "image/jpeg",
    "PNG": "image/png",
}
_FORMAT_BY_UPPER = {code.upper(): code for code in dcat_map.FILE_TYPE | MEDIA_TYPE}

# English labels of the EU authority-table concepts we use (the tables carry no Chinese).
EU_LABELS: dict[str, str] = {
    "frequency/UPDATE_CONT": "continuously updated", "frequency/DAILY": "daily",
    "frequency/WEEKLY": "weekly", "frequency/MONTHLY": "monthly",
    "frequency/QUARTERLY": "quarterly", "frequency/ANNUAL_2": "semiannual",
    "frequency/ANNUAL": "annual", "frequency/IRREG": "irregular", "frequency/NEVER": "never",
    "access-right/PUBLIC": "public", "access-right/RESTRICTED": "restricted",
    "access-right/NON_PUBLIC": "non-public",
    "data-theme/AGRI": "Agriculture, fisheries, forestry and food",
    "data-theme/ECON": "Economy and finance", "data-theme/EDUC": "Education, culture and sport",
    "data-theme/ENER": "Energy", "data-theme/ENVI": "Environment",
    "data-theme/GOVE": "Government and public sector", "data-theme/HEAL": "Health",
    "data-theme/JUST": "Justice, legal system and public safety",
    "data-theme/REGI": "Regions and cities", "data-theme/SOCI": "Population and society",
    "data-theme/TRAN": "Transport",
    "language/ZHO": "Chinese", "language/ENG": "English",
}
EU_SCHEME_TITLES: dict[str, str] = {
    "frequency": "Frequency", "access-right": "Access right", "data-theme": "Data theme",
    "file-type": "File type", "language": "Language",
}
# The ADMS tables of publisher and licence types, labelled as the ADMS vocabulary does.
ADMS_LABELS: dict[str, str] = {
    PUBLISHER_TYPE["province"]: "Regional authority",
    PUBLISHER_TYPE["city"]: "Local authority",
    LICENCE_TYPE_ATTRIBUTION: "Attribution",
    LICENCE_TYPE_UNKNOWN: "Unknown IPR",
}
ADMS_SCHEME_TITLES: dict[str, str] = {
    PUBLISHER_TYPE_SCHEME: "Publisher type",
    LICENCE_TYPE_SCHEME: "Licence type",
}


def authority_concept(uri: str) -> tuple[str, str] | None:
    """(scheme IRI, English label) of an EU or ADMS concept the feeds describe inline.

    A harvester validating the bare feed loads no authority table: every concept our
    feeds call a ``skos:Concept`` carries its label and scheme itself.
    """
    label = ADMS_LABELS.get(uri)
    if label is not None:
        kind = uri.rsplit("/", 1)[0]
        return next(s for s in ADMS_SCHEME_TITLES if s.rsplit("/", 1)[0] == kind), label
    if uri.startswith(EU):
        label = EU_LABELS.get(uri.removeprefix(EU))
        if label is not None:
            return scheme_of(uri), label
    return None


def scheme_title(uri: str) -> str | None:
    """The English title of an EU or ADMS concept scheme."""
    if uri in ADMS_SCHEME_TITLES:
        return ADMS_SCHEME_TITLES[uri]
    return EU_SCHEME_TITLES.get(uri.removeprefix(EU)) if uri.startswith(EU) else None


def format_code(value: str | None) -> str | None:
    """Our format code (``CSV``, ``GeoJSON`` …) of a CKAN resource format, any case."""
    return _FORMAT_BY_UPPER.get((value or "").strip().upper())


def media_type_uri(fmt: str) -> str | None:
    media = MEDIA_TYPE.get(fmt)
    return IANA + media if media else None


def scheme_of(uri: str) -> str:
    """The EU authority table (concept scheme) an EU concept IRI belongs to."""
    return uri.rsplit("/", 1)[0]


def classification_scheme(base: str) -> str:
    return base.rstrip("/") + "/dcat/classification"


def classification_uri(base: str, code: str) -> str:
    return f"{classification_scheme(base)}#{code}"


def division_uri(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/dcat/division/{code}"


def normalize_legal_text(text: str) -> str:
    """NFKC, whitespace collapsed: the same law typed twice gets the same IRI."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@lru_cache(maxsize=1024)
def legislation_uri(base: str, text: str) -> str:
    digest = hashlib.sha256(normalize_legal_text(text).encode("utf-8")).hexdigest()[:20]
    return f"{base.rstrip('/')}/dcat/legislation/{digest}"


@lru_cache(maxsize=1024)
def rights_uri(base: str, reason: str, condition: str) -> str:
    text = normalize_legal_text(reason) + "\n" + normalize_legal_text(condition)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    return f"{base.rstrip('/')}/dcat/rights/{digest}"


def prefixes(base: str) -> dict[str, str]:
    """Turtle prefixes for every namespace the profile writes, the portal's own included."""
    base = base.rstrip("/")
    return {
        "gov": str(GOV), "dcatap": str(DCATAP), "eli": str(ELI),
        "dataset": f"{base}/dataset/", "organization": f"{base}/organization/",
        "classification": classification_scheme(base) + "#",
        "division": f"{base}/dcat/division/", "legislation": f"{base}/dcat/legislation/",
        "rights": f"{base}/dcat/rights/", "tel-cn": TEL_CN,
        **{f"eu-{name}": f"{EU}{name}/" for name in EU_SCHEME_TITLES},
        "publisher-type": PUBLISHER_TYPE_SCHEME.rsplit("/", 1)[0] + "/",
        "licence-type": LICENCE_TYPE_SCHEME.rsplit("/", 1)[0] + "/",
    }


def tel_uri(phone: str) -> str:
    """RFC 3966 global number: ``0351-1234567`` → ``tel:+86-351-1234567``."""
    number = phone.strip()
    if number.startswith("+"):
        return "tel:" + number.replace(" ", "-")
    return TEL_CN + number.removeprefix("0").replace(" ", "-")


def phone_of(uri: str) -> str:
    """Inverse of :func:`tel_uri` for Chinese numbers: mobiles start with 1, landlines get 0."""
    number = uri.removeprefix("tel:")
    if not number.startswith("+86-"):
        return number
    local = number.removeprefix("+86-")
    return local if local.startswith("1") else "0" + local
