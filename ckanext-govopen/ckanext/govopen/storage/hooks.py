"""Storage hooks: resource uploads are encrypted at rest by our uploader, and take the
place of the previous file only when their write commits."""
from __future__ import annotations

from typing import Any

from ckanext.govopen.storage import files
from ckanext.govopen.storage.files import EncryptedResourceUpload

files.install()


def get_resource_uploader(data_dict: dict[str, Any]) -> EncryptedResourceUpload:
    return EncryptedResourceUpload(data_dict)

