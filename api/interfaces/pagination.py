"""``?page=&per_page=`` lists with ``X-Total-Count`` and ``Link`` headers.

``Link`` URLs are relative (path and query), or absolute on ``PUBLIC_BASE_URL``
when it is set: never built from the request's ``Host`` header, which the
client chooses.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field

from interfaces.validation import responds

MAX_PER_PAGE = 200
# The headers of every page answer, for the spec.
PAGE_HEADERS = {
    "X-Total-Count": {"description": "How many items match, over all pages", "required": True,
                      "schema": {"type": "integer", "minimum": 0}},
    "Link": {"description": "`first`, `prev`, `next` and `last` page URLs (RFC 8288)", "required": True,
             "schema": {"type": "string"}},
    "X-Total-Count-Exact": {"description": "`false` when a filtered list stopped reading at its bound: "
                                           "`X-Total-Count` then counts the matches among the items read",
                            "required": False, "schema": {"type": "string", "enum": ["false"]}},
}


class PageQuery(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)  # built on first use: faster cold start

    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paged(item, description: str = "One page of items, a bare array"):
    """Declare, for the spec, that the view answers ``page_response``: an array of ``item``
    with the page headers."""
    return responds(200, description, schema=list[item], headers=PAGE_HEADERS)


def page_response(items: list, total: int, page: PageQuery, exact: bool = True):
    """The page as a bare array with ``X-Total-Count`` and ``Link``; a filtered list
    that stopped reading at its bound also says ``X-Total-Count-Exact: false``."""
    response = jsonify(items)
    response.headers["X-Total-Count"] = str(total)
    if not exact:
        response.headers["X-Total-Count-Exact"] = "false"
    last = max(1, -(-total // page.per_page))
    links = []
    args = request.args.to_dict()
    base = (current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    path = quote(request.script_root + request.path)

    def url(number: int) -> str:
        args.update(page=str(number), per_page=str(page.per_page))
        return f"<{base}{path}?{urlencode(args)}>"

    links.append(f'{url(1)}; rel="first"')
    if page.page > 1:
        links.append(f'{url(min(page.page - 1, last))}; rel="prev"')
    if page.page < last:
        links.append(f'{url(page.page + 1)}; rel="next"')
    links.append(f'{url(last)}; rel="last"')
    response.headers["Link"] = ", ".join(links)
    return response
