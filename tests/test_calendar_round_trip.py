"""The legacy round trip through the HTTP API: a story placed by ``time_index`` alone answers a
date, and that date placed on a story gives back the same ``time_index``, for every index and
several spans (the mapping is the store's no concern: TinyDB only)."""
from __future__ import annotations

import pytest


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.mark.slow   # 202 writes per span
@pytest.mark.parametrize("span", [100, 150, 333, 1000])
def test_legacy_time_index_round_trip_is_the_identity(client, owner, make_world, make_story, span):
    """time_index -> date (as answered) -> time_index gives back every index 0..100."""
    world = make_world(owner)
    client.patch(f"/api/worlds/{world['world_id']}", headers=owner["headers"],
                 json={"metadata": {"calendar": {"current_year": 777, "span_years": span}}})
    legacy = make_story(owner, world)
    dated = make_story(owner, world)
    for index in range(101):
        shown = client.put(f"/api/stories/{legacy['story_id']}", headers=owner["headers"],
                           json={"time_index": index}).json
        assert shown["date"] == {"year": shown["metadata"]["world_time"]["year"]} and shown["time_index"] == index
        back = client.put(f"/api/stories/{dated['story_id']}", headers=owner["headers"],
                          json={"date": shown["date"]}).json
        assert back["time_index"] == index and back["date"] == shown["date"], (span, index)
