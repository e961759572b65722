"""Versions on the wire: ``ETag`` on answers, ``If-Match`` on writes.

Stories, worlds, characters, locations and events carry ``version``. A GET of
one sends ``ETag: "<version>"`` (a strong tag); a PUT/PATCH/DELETE (and a
restore from history) that sends ``If-Match`` proceeds only if it names the
current version or is ``*``; otherwise, or if the header is malformed, it is
refused with 412 ``version_conflict``, the current document in ``current``
and its ``ETag``. Without ``If-Match`` writes behave as before.

Views call ``require_version`` after loading the document inside the
request's unit of work (under the write lock), so nothing can change it
between the check and the write.
"""
from __future__ import annotations

import re
from typing import Callable

from flask import jsonify, request

from core.errors import PreconditionFailed

_TAG = r'\s*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*'
_TAG_LIST = re.compile(rf"^{_TAG}(,{_TAG})*$")
_ONE_TAG = re.compile(_TAG)

ETAG_HEADER = {"ETag": {"description": 'The version of the document, quoted: `"3"`. Send it back as '
                                      "`If-Match` to write only over that version.",
                        "required": True, "schema": {"type": "string"}}}


def etag(version: int) -> str:
    return f'"{int(version)}"'


def with_etag(data, version: int, status: int = 200):
    """``data`` as JSON with the document's ``ETag``."""
    response = jsonify(data)
    response.status_code = status
    response.headers["ETag"] = etag(version)
    return response


def if_match_allows(header: str, version: int) -> bool:
    """``If-Match`` semantics (RFC 9110 13.1.1): ``*``, or a list of entity tags one of
    which is strongly equal to the current one. A weak or malformed tag never matches."""
    if header.strip() == "*":
        return True
    if not _TAG_LIST.match(header):
        return False
    return any(not weak and value == str(int(version)) for weak, value in _ONE_TAG.findall(header))


def require_version(version: int, current: Callable[[], dict]) -> None:
    """Raise 412 unless the request's ``If-Match`` (if any) allows writing over ``version``;
    ``current()`` builds the document as its GET shows it, for the answer."""
    header = request.headers.get("If-Match")
    if header is None or if_match_allows(header, version):
        return
    raise PreconditionFailed(
        f"The document changed: it is at version {version}. Merge your changes into the "
        "current one (in `current`) and send them again with its ETag.",
        current=current(), version=version)
