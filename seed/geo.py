"""Administrative divisions of the province (code 140000) used to place rows in space.

A subset of the counties of each prefecture-level city is enough for demo data; the codes are
the GB/T 2260 codes of those counties.
"""
from __future__ import annotations

from dataclasses import dataclass

PROVINCE = "山西省"
PROVINCE_CODE = "140000"


@dataclass(frozen=True)
class County:
    code: str
    name: str
    city: str


@dataclass(frozen=True)
class City:
    code: str
    name: str
    phone_prefix: str
    lon: float  # approximate centre, for points scattered around the city
    lat: float
    counties: tuple[County, ...]

    @property
    def short(self) -> str:
        return self.name.removesuffix("市")


def _city(code: str, name: str, phone: str, lon_lat: tuple[float, float], counties: str) -> City:
    parts = [c.split(":") for c in counties.split()]
    return City(code, name, phone, *lon_lat, tuple(County(k, v, name) for k, v in parts))


CITIES: tuple[City, ...] = (
    _city("140100", "太原市", "0351", (112.55, 37.87),
          "140105:小店区 140106:迎泽区 140107:杏花岭区 140108:尖草坪区 140109:万柏林区 "
          "140110:晋源区 140121:清徐县 140181:古交市"),
    _city("140200", "大同市", "0352", (113.3, 40.08),
          "140213:平城区 140214:云冈区 140215:云州区 140221:阳高县 140225:浑源县"),
    _city("140300", "阳泉市", "0353", (113.58, 37.86),
          "140302:城区 140303:矿区 140311:郊区 140321:平定县 140322:盂县"),
    _city("140400", "长治市", "0355", (113.12, 36.2),
          "140403:潞州区 140404:上党区 140405:屯留区 140406:潞城区 140423:襄垣县 "
          "140428:长子县"),
    _city("140500", "晋城市", "0356", (112.85, 35.49),
          "140502:城区 140521:沁水县 140522:阳城县 140525:泽州县 140581:高平市"),
    _city("140600", "朔州市", "0349", (112.43, 39.33),
          "140602:朔城区 140603:平鲁区 140621:山阴县 140622:应县 140681:怀仁市"),
    _city("140700", "晋中市", "0354", (112.75, 37.69),
          "140702:榆次区 140703:太谷区 140727:祁县 140728:平遥县 140729:灵石县 "
          "140781:介休市"),
    _city("140800", "运城市", "0359", (111.0, 35.03),
          "140802:盐湖区 140821:临猗县 140823:闻喜县 140830:芮城县 140881:永济市 "
          "140882:河津市"),
    _city("140900", "忻州市", "0350", (112.73, 38.42),
          "140902:忻府区 140921:定襄县 140922:五台县 140923:代县 140981:原平市"),
    _city("141000", "临汾市", "0357", (111.52, 36.09),
          "141002:尧都区 141021:曲沃县 141023:襄汾县 141024:洪洞县 141081:侯马市 "
          "141082:霍州市"),
    _city("141100", "吕梁市", "0358", (111.14, 37.52),
          "141102:离石区 141121:文水县 141122:交城县 141125:柳林县 141181:孝义市 "
          "141182:汾阳市"),
)

COUNTIES: tuple[County, ...] = tuple(c for city in CITIES for c in city.counties)
CITY_BY_NAME = {c.name: c for c in CITIES}

# Birthplaces outside the province, for people who moved here (floating population).
OTHER_AREAS: tuple[str, ...] = (
    "130102", "130602", "410102", "410302", "610102", "610402", "150102", "370102",
    "110105", "120101", "320102", "510104",
)

STREET_WORDS: tuple[str, ...] = (
    "迎泽", "府西", "并州", "长风", "平阳", "体育", "学府", "南内环", "北大", "新建",
    "建设", "解放", "和平", "胜利", "五一", "滨河", "文化", "兴华", "龙城", "晋阳",
)
STREET_KINDS: tuple[str, ...] = ("路", "街", "大街", "东路", "西路", "南路", "北路")
