"""Validators of derived products: the producer's credit code and the list of sources."""
from __future__ import annotations

from ckanext.govopen.provenance.sources import (
    govopen_producer_credit_code,
    govopen_product_sources,
)

__all__ = ["govopen_producer_credit_code", "govopen_product_sources"]
