"""Publishing: encrypted raw uploads, the desensitization job, the publish gate and review.

* ``storage``   — the resource uploader: raw bytes encrypted at rest, public copy apart;
* ``crypto``    — chunked AES-GCM file encryption (pure Python over ``cryptography``);
* ``jobs``      — the ``govopen:desensitize`` job: decrypt, desensitize, record;
* ``workflow``  — draft → submitted → approved / returned → published, and the audit log;
* ``logic``     — the ``govopen_*`` actions and their auth functions;
* ``views``     — the gated download and the review page.
"""
from __future__ import annotations
