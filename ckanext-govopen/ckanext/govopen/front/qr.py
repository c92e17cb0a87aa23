"""A page address as a QR code (inline SVG), for the share box: what Chinese users scan."""
from __future__ import annotations

import functools

import segno


@functools.lru_cache(maxsize=1024)
def svg(url: str) -> str:
    """An SVG element (no XML declaration, scalable) encoding `url`; remembered, since
    drawing the code is a third of a dataset page's time and a page's address does not
    change."""
    code = segno.make_qr(url, error="m")
    return code.svg_inline(scale=3, border=2, dark="#000", light="#fff",
                           svgclass="govopen-qr", omitsize=False)
