"""GovOpen desensitization (脱敏) engine: pure Python, imports nothing of CKAN.

Public API::

    from ckanext.govopen.desensitize import desensitize_file, load_policy, DesensitizeError

    report = desensitize_file("upload.csv", "public.csv", secret=b"portal key")
    report.to_dict()  # JSON-serializable

``desensitize_file(src, dst, *, fmt=None, policy=None, secret=None, chunk_bytes=16 MiB)``

* Input: CSV (UTF-8, UTF-8 with BOM, GB18030/GBK; decoded strictly, UTF-8 first; comma,
  semicolon, tab or pipe separated, decided on a sample; title and blank lines above the
  header and one-text notes below the table are cut and listed in the report), XLSX
  (every sheet; zip-bomb limits checked first; title rows above the header skipped, two
  header rows with merged group cells joined as ``组/列``), JSON (an array of objects, an
  object wrapping one such array at any depth, or JSON Lines; parsed whole up to
  ``limits.json_max_bytes``). ``fmt`` is detected from the name or the content when None.
  A reading the engine is unsure of is refused with a message saying what it found.
* Output: the input's format. CSV is comma-separated UTF-8 without BOM; XLSX keeps the
  sheets and writes every cell as text; JSON keeps its layout and untouched values with
  their JSON type. Headers are kept unless a header cell holds an identifier; a header
  row repeated inside the data is kept as it is.
* ``policy``: a :class:`Policy` or a dict of organization overrides merged into the
  shipped ``policy.yaml`` (versioned; the report carries version and digest).
* ``secret``: the key of the HMAC-SHA256 pseudonyms, needed only by ``pseudonym`` rules.
* The output goes to a temporary file beside ``dst``, is re-read and verified twice -
  cell by cell with the readers, and as raw text with no columns (``rawscan.py``: any
  validating identifier, and any name the masker saw in a name column or after a cue) -
  and is renamed to ``dst`` only when both pass. Otherwise, and on any malformed input,
  a :class:`DesensitizeError` subclass is raised and ``dst`` is untouched.
* Work runs on two threads besides the caller's (``pipeline.py``): a batch is parsed
  while the previous one is masked in two row slices and the one before is written; a CSV
  output is re-read and verified, both ways, while it is being written (the byte scan
  after it when a column is public; JSON, XLSX and k-anonymized outputs after they are
  finished).

Each column gets a type from its header and a content sample (content that validates as
an identifier wins over the header). Rules, all "recognized → transform, otherwise mask
the whole value":

==============  =====================================================================
id_card         first 3 + last 4 (``110***********1234``; never the birth date 7–14;
                15-digit IDs keep 3 + 3); policy may allow up to 6 + 4
phone           ``138****1234``, landlines ``0571****4321``
name            ``张*``, ``张**``; Latin names ``J***``
email           ``z***@example.com``
bank_card       first 6 + last 4
passport/plate  ``E********`` / ``京A*****``
address         cut after the township/street level (街道/镇/乡) + ``****``
birth_date      year only
uscc            kept when the GB 32100 check passes (and it is not also a valid ID)
free_text       backstop: 11–19 digit runs (3 + 4 kept), spaced phones/cards, IDs in
                6-8-4 groups, landlines, e-mail, Excel-mangled numbers, names after cues
                (联系人王*电话…) and the table's own names
public          kept (only by an explicit per-column policy override)
==============  =====================================================================

Errors (``errors.MESSAGES`` holds every zh/en message): :class:`EncodingError`,
:class:`MalformedInputError` (ragged rows, unclosed quotes, broken JSON/XLSX; ``row`` is the
spreadsheet row, header = 1), :class:`TooLargeError`, :class:`UnsupportedFormatError`,
:class:`PolicyError`, :class:`VerificationError` (carries the ``report``).
"""

from __future__ import annotations

from .engine import desensitize_file, detect_format
from .errors import (
    MESSAGES,
    DesensitizeError,
    EncodingError,
    MalformedInputError,
    PolicyError,
    TooLargeError,
    UnsupportedFormatError,
    VerificationError,
)
from .policy import Policy, load_policy
from .report import Report

__all__ = [
    "MESSAGES",
    "DesensitizeError",
    "EncodingError",
    "MalformedInputError",
    "Policy",
    "PolicyError",
    "Report",
    "TooLargeError",
    "UnsupportedFormatError",
    "VerificationError",
    "desensitize_file",
    "detect_format",
    "load_policy",
]
