"""A page address as a QR code (inline SVG), for the share box: what Chinese users scan."""
from __future__ import annotations

import segno


def svg(url: str) -> str:
    """An SVG element (no XML declaration, scalable) encoding `url`."""
    code = segno.make_qr(url, error="m")
    return code.svg_inline(scale=3, border=2, dark="#000", light="#fff",
                           svgclass="govopen-qr", omitsize=False)
