"""Storage hooks: resource uploads are encrypted at rest by our uploader."""
from __future__ import annotations

from typing import Any

from ckanext.govopen.storage.files import EncryptedResourceUpload


def get_resource_uploader(data_dict: dict[str, Any]) -> EncryptedResourceUpload:
    return EncryptedResourceUpload(data_dict)
