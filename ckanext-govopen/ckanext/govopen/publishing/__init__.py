"""Publishing: encrypted raw uploads, the desensitization job, the publish gate and review.

* ``storage``   — the resource uploader: raw bytes encrypted at rest, public copy apart;
* ``crypto``    — chunked AES-GCM file encryption (pure Python over ``cryptography``);
* ``jobs``      — the ``govopen:desensitize`` job: decrypt, desensitize, record;
* ``workflow``  — draft → submitted → approved / returned → published, and the audit log;
* ``policy``    — organizations' overrides of the desensitization policy;
* ``rotation``  — re-encrypting raw files under a new storage key;
* ``action``, ``auth`` — the ``govopen_*`` actions and their auth functions;
* ``chained``   — core actions chained: no direct publication, purge removes files;
* ``views``     — the gated download and the review page.
"""
from __future__ import annotations
