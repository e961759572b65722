"""Pages of a list filtered on fields no index holds (text search), at bounded cost.

The candidates are read newest first in batches, at most ``MAX_FILTER_SCAN``
of them: past that, the page and the total cover the newest ``MAX_FILTER_SCAN``
candidates and the page says it is not complete (answered as
``X-Total-Count-Exact: false``), rather than one request reading a whole
collection.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

MAX_FILTER_SCAN = 2_000
SCAN_BATCH = 100


class Page(NamedTuple):
    items: list
    total: int
    complete: bool = True   # False: a filtered list stopped after MAX_FILTER_SCAN candidates


def filtered_page(read: Callable[[int, int], list[dict]], candidates: int,
                  keep: Callable[[dict], bool], offset: int, limit: int) -> Page:
    """The ``offset``/``limit`` page of the documents ``keep`` accepts among the
    ``candidates`` that ``read(offset, limit)`` returns (documents, newest first)."""
    page, matches, scanned = [], 0, 0
    for start in range(0, min(candidates, MAX_FILTER_SCAN), SCAN_BATCH):
        batch = read(start, min(SCAN_BATCH, MAX_FILTER_SCAN - start))
        scanned += len(batch)
        for doc in batch:
            if keep(doc):
                if offset <= matches < offset + limit:
                    page.append(doc)
                matches += 1
    return Page(page, matches, complete=scanned >= candidates)
