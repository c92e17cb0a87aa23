"""Solr date parsing, date math and output."""
from __future__ import annotations

import pytest
from ckanext.govopen.searchd.dates import format_date, parse_date, parse_instant
from ckanext.govopen.searchd.errors import SolrError

NOW = parse_instant("2027-01-15T08:30:45.250Z")


@pytest.mark.parametrize("value, expected", [
    ("2014-06-10T08:24:12.782257Z", "2014-06-10T08:24:12.782Z"),
    ("2014-06-10T08:24:12Z", "2014-06-10T08:24:12Z"),
    ("2014-06-10T08:24:12.000Z", "2014-06-10T08:24:12Z"),
    ("2014-06-10T08:24:12.5Z", "2014-06-10T08:24:12.500Z"),
    ("2019-10-10T01:15:00+00:00", "2019-10-10T01:15:00Z"),
    ("2019-10-10T09:15:00+08:00", "2019-10-10T01:15:00Z"),
    ("0099-01-01T00:00:00Z", "0099-01-01T00:00:00Z"),
])
def test_parse_and_format(value: str, expected: str) -> None:
    assert format_date(parse_date(value)) == expected


@pytest.mark.parametrize("expr, expected", [
    ("NOW", "2027-01-15T08:30:45.250Z"),
    ("NOW/DAY", "2027-01-15T00:00:00Z"),
    ("NOW-1DAY", "2027-01-14T08:30:45.250Z"),
    ("NOW/DAY+1DAY", "2027-01-16T00:00:00Z"),
    ("NOW-1MONTH/MONTH", "2026-12-01T00:00:00Z"),
    ("NOW+1YEAR", "2028-01-15T08:30:45.250Z"),
    ("NOW/HOUR-30MINUTES", "2027-01-15T07:30:00Z"),
    ("2024-03-31T00:00:00Z-1MONTH", "2024-02-29T00:00:00Z"),
])
def test_date_math(expr: str, expected: str) -> None:
    assert format_date(parse_date(expr, NOW)) == expected


@pytest.mark.parametrize("bad", ["2014-06-10", "yesterday", "2014-13-01T00:00:00Z",
                                 "NOW-1FORTNIGHT", "NOW+", "2014-06-10T08:24:12"])
def test_invalid_dates(bad: str) -> None:
    with pytest.raises(SolrError, match="Invalid Date String"):
        parse_date(bad, NOW)
