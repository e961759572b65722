"""GET /api/search on both stores: accent folding, ranking, snippets, filters, and
visibility (nothing from a world or story the caller cannot see; trashed things
absent, back after a restore; edits re-indexed)."""
from __future__ import annotations

import pytest

from core.models import Event, Story


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def search(client, q, user=None, **params):
    response = client.get("/api/search", query_string={"q": q, **params},
                          headers=user["headers"] if user else {})
    assert response.status_code == 200, response.json
    return response.json


def ids(hits) -> list[str]:
    return [hit["id"] for hit in hits]


def add_entity(client, user, world, **body):
    response = client.post(f"/api/worlds/{world['world_id']}/entities", json=body, headers=user["headers"])
    assert response.status_code == 201, response.json
    return response.json


def add_location(client, user, world, **body):
    response = client.post(f"/api/worlds/{world['world_id']}/locations", json=body, headers=user["headers"])
    assert response.status_code == 201, response.json
    return response.json


def add_event(store, story, title, description=""):
    event = Event(world_id=story["world_id"], story_id=story["story_id"], title=title, description=description)
    store.put(Event.collection, event.event_id, event.to_dict())
    return event.event_id


def test_tone_marks_and_case_are_folded(client, auth, make_world, make_story):
    writer = auth.register()
    world = make_world(writer, name="Đại Việt")
    story = make_story(writer, world, title="Hà Nội mùa thu", content="Lá vàng rơi trên phố.")
    street = add_location(client, writer, world, name="Hàng Bạc", description="Phố của thợ bạc.")
    general = add_entity(client, writer, world, name="Trần Hưng Đạo", aliases=["Hưng Đạo Vương"])
    assert ids(search(client, "ha noi", writer)) == [story["story_id"]]
    assert ids(search(client, "HÀ NỘI", writer)) == [story["story_id"]]
    assert ids(search(client, "hang bac", writer)) == [street["location_id"]]
    assert ids(search(client, "dai viet", writer)) == [world["world_id"]]
    assert ids(search(client, "hung dao vuong", writer)) == [general["entity_id"]]
    assert set(ids(search(client, "pho", writer))) == {story["story_id"], street["location_id"]}
    hit = search(client, "hang ba", writer)[0]   # the last word is a prefix while typing
    assert hit == {"type": "entry", "kind": "location", "id": street["location_id"],
                   "world_id": world["world_id"], "title": "Hàng Bạc", "snippet": "Phố của thợ <mark>bạc</mark>.",
                   "score": hit["score"], "url": f"/worlds/{world['world_id']}/entries/{street['location_id']}"}


def test_a_mistyped_name_finds_titles_like_it_when_no_word_matches(client, auth, make_world, make_story):
    writer, other = auth.register(), auth.register()
    world = make_world(writer)
    general = add_entity(client, writer, world, name="Trần Hưng Đạo", description="Đánh quân Nguyên.")
    story = make_story(writer, world, title="Hưng Đạo Vương")
    hits = search(client, "trann hungg", writer)      # no word matches: titles like it
    assert ids(hits) == [general["entity_id"]]
    assert 30 <= hits[0]["score"] < 100 and hits[0]["snippet"] == "Đánh quân Nguyên."
    assert search(client, "trann hungg", other) == []                     # still only what one may see
    exact = search(client, "hung dao", writer)        # words match: no similar titles mixed in
    assert set(ids(exact)) == {general["entity_id"], story["story_id"]}
    assert all(hit["score"] >= 200 for hit in exact)


def test_english_words_and_the_answer_shape(client, auth, make_world, make_story):
    writer = auth.register()
    world = make_world(writer)
    story = make_story(writer, world, title="The Lighthouse Keeper",
                       description="A <b>storm</b> & a keeper.", content="The lamp went dark at midnight.")
    [hit] = search(client, "lighthouse keepers ", writer)   # one of two words is enough
    assert hit["id"] == story["story_id"] and hit["type"] == "story" and "kind" not in hit
    assert hit["url"] == f"/stories/{story['story_id']}"
    [hit] = search(client, "storm", writer)
    assert hit["snippet"] == "A &lt;b&gt;<mark>storm</mark>&lt;/b&gt; &amp; a keeper."
    [hit] = search(client, "midnight", writer)
    assert hit["snippet"] == "The lamp went dark at <mark>midnight</mark>."


def test_snippets_show_a_window_around_the_first_match(client, auth, make_world, make_story):
    writer = auth.register()
    world = make_world(writer)
    filler = "Sóng vỗ bờ cát trắng xóa dưới trăng. " * 30
    make_story(writer, world, title="Biển", content=filler + "Rồi thuyền cập bến Hội An lúc bình minh. " + filler)
    [hit] = search(client, "hoi an", writer)
    snippet = hit["snippet"]
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>Hội</mark> <mark>An</mark>" in snippet
    assert len(snippet) < 260


def test_title_hits_rank_above_body_hits_and_more_words_first(client, auth, make_world, make_story):
    writer = auth.register()
    world = make_world(writer)
    body_one = make_story(writer, world, title="Harbour", content="A dragon sleeps here.")
    title_one = make_story(writer, world, title="The Dragon", content="Nothing more.")
    body_both = make_story(writer, world, title="Notes", content="The red dragon and the moon.")
    title_both = make_story(writer, world, title="Red Dragon", content="Text.")
    hits = search(client, "red dragon ", writer, types="story")
    assert ids(hits) == [title_both["story_id"], body_both["story_id"], title_one["story_id"],
                         body_one["story_id"]]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_a_private_world_is_invisible_to_others_and_seen_by_its_readers(client, auth, make_world, make_story, store):
    owner, other, shared, admin = auth.register(), auth.register(), auth.register(), auth.register(role="admin")
    world = make_world(owner, name="Xứ Mù Sương", visibility="private")
    client.post(f"/api/worlds/{world['world_id']}/share", json={"user_ids": [shared["user_id"]]},
                headers=owner["headers"])
    story = make_story(owner, world, title="Sương mù", visibility="private")
    entity = add_entity(client, owner, world, name="Người Sương")
    event = add_event(store, story, "Sương tan")
    everything = {world["world_id"], story["story_id"], entity["entity_id"], event}
    for reader in (owner, shared, admin):
        assert set(ids(search(client, "suong", reader))) == everything
    for stranger in (other, None):
        assert search(client, "suong", stranger) == []
        response = client.get("/api/search", query_string={"q": "suong", "world_id": world["world_id"]},
                              headers=stranger["headers"] if stranger else {})
        missing = client.get("/api/search", query_string={"q": "suong", "world_id": "no-such-world"},
                             headers=stranger["headers"] if stranger else {})
        assert (response.status_code, response.json) == (404, missing.json)


def test_a_private_story_in_a_public_world_is_found_by_its_readers_only(client, auth, make_world, make_story, store):
    owner, other, shared = auth.register(), auth.register(), auth.register()
    world = make_world(owner, name="Open Sea", visibility="public")
    client.post(f"/api/worlds/{world['world_id']}/share", json={"user_ids": [shared["user_id"]]},
                headers=owner["headers"])
    public = make_story(owner, world, title="Kraken rising", visibility="public")
    private = make_story(owner, world, title="Kraken sleeping", visibility="private")
    seen_event = add_event(store, public, "Kraken wakes")
    hidden_event = add_event(store, private, "Kraken dreams")
    beast = add_entity(client, owner, world, name="Kraken")
    for stranger in (other, None):
        assert set(ids(search(client, "kraken", stranger))) == {public["story_id"], seen_event, beast["entity_id"]}
        assert ids(search(client, "kraken", stranger, world_id=world["world_id"], types="event")) == [seen_event]
    for reader in (owner, shared):
        assert set(ids(search(client, "kraken", reader))) == {
            public["story_id"], private["story_id"], seen_event, hidden_event, beast["entity_id"]}
    # one's own private story in a public world one does not read (as permissions.can_view_story)
    mine = Story(world_id=world["world_id"], title="Kraken diary", owner_id=other["user_id"])
    store.put(Story.collection, mine.story_id, mine.to_dict())
    assert ids(search(client, "kraken diary", other, types="story"))[0] == mine.story_id
    assert mine.story_id not in ids(search(client, "kraken diary", None))


def test_deleted_things_are_absent_and_back_after_a_restore(client, auth, make_world, make_story):
    writer = auth.register()
    world = make_world(writer)
    story = make_story(writer, world, title="Thành Cổ Loa")
    deleted = client.delete(f"/api/stories/{story['story_id']}", headers=writer["headers"])
    assert deleted.status_code == 200
    assert search(client, "co loa", writer) == []
    restored = client.post(f"/api/trash/{deleted.json['trash_id']}/restore", headers=writer["headers"])
    assert restored.status_code == 200, restored.json
    assert ids(search(client, "co loa", writer)) == [story["story_id"]]
    gone = client.delete(f"/api/worlds/{world['world_id']}", headers=writer["headers"])
    assert gone.status_code == 200
    assert search(client, "co loa", writer) == []


def test_edits_are_reindexed(client, auth, make_world, make_story):
    writer = auth.register()
    world = make_world(writer)
    story = make_story(writer, world, title="Draft title", content="first words")
    changed = client.patch(f"/api/stories/{story['story_id']}", json={"title": "Bạch Đằng", "content": "cọc gỗ"},
                           headers=writer["headers"])
    assert changed.status_code == 200, changed.json
    assert search(client, "draft", writer) == [] and search(client, "first", writer) == []
    assert ids(search(client, "bach dang", writer)) == [story["story_id"]]
    assert ids(search(client, "coc go", writer)) == [story["story_id"]]


def test_types_kind_tag_and_world_filters(client, auth, make_world, make_story, store):
    writer = auth.register()
    world, elsewhere = make_world(writer, name="Amber Realm"), make_world(writer, name="Amber Isles")
    story = make_story(writer, world, title="Amber road")
    hero = add_entity(client, writer, world, name="Amber Knight", entity_type="character")
    guild = add_entity(client, writer, world, name="Amber Guild", entity_type="faction")
    place = add_location(client, writer, world, name="Amber Gate")
    store.put("stories", story["story_id"], {**store.get("stories", story["story_id"]), "tags": ["gold"]})
    store.put("entities", guild["entity_id"], {**store.get("entities", guild["entity_id"]), "tags": ["gold"]})
    assert set(ids(search(client, "amber", writer, types="world"))) == {world["world_id"], elsewhere["world_id"]}
    assert set(ids(search(client, "amber", writer, types="entry"))) == {
        hero["entity_id"], guild["entity_id"], place["location_id"]}
    assert ids(search(client, "amber", writer, kind="location")) == [place["location_id"]]
    assert ids(search(client, "amber", writer, kind="faction")) == [guild["entity_id"]]
    assert set(ids(search(client, "amber", writer, tag="gold"))) == {story["story_id"], guild["entity_id"]}
    assert ids(search(client, "amber", writer, world_id=elsewhere["world_id"])) == [elsewhere["world_id"]]
    assert set(ids(search(client, "amber", writer, types="story,world"))) == {
        story["story_id"], world["world_id"], elsewhere["world_id"]}


def test_pages_and_counts(client, auth, make_world, make_story):
    writer = auth.register()
    world = make_world(writer)
    made = [make_story(writer, world, title=f"Tide {n}", content="tide " * n)["story_id"] for n in range(1, 6)]
    first = client.get("/api/search", query_string={"q": "tide", "per_page": 2}, headers=writer["headers"])
    assert first.headers["X-Total-Count"] == "5" and 'rel="next"' in first.headers["Link"]
    third = client.get("/api/search", query_string={"q": "tide", "per_page": 2, "page": 3}, headers=writer["headers"])
    assert ids(first.json) == made[::-1][:2]       # more occurrences rank first
    assert ids(third.json) == [made[0]]
    deep = client.get("/api/search", query_string={"q": "tide", "page": 1000}, headers=writer["headers"])
    assert deep.status_code == 200 and deep.json == [] and deep.headers["X-Total-Count"] == "5"


def test_bad_queries_are_refused_and_empty_ones_find_nothing(client, auth):
    writer = auth.register()
    for params in ({}, {"q": ""}, {"q": "x" * 201}, {"q": "a", "types": "story,people"},
                   {"q": "a", "kind": "dragon"}, {"q": "a", "sort": "name"}, {"q": "a", "per_page": 500}):
        response = client.get("/api/search", query_string=params, headers=writer["headers"])
        assert response.status_code == 400, params
        assert {"error", "code", "details"} <= set(response.json)
    assert search(client, "?! ...", writer) == []


def test_a_word_with_more_matches_than_it_brings_makes_the_count_inexact(client, auth, make_world, make_story,
                                                                          monkeypatch):
    for module in ("storage.search_index", "storage.postgres_search", "storage.postgres_store"):
        monkeypatch.setattr(f"{module}.TERM_CANDIDATES", 2)
    writer = auth.register()
    world = make_world(writer)
    made = [make_story(writer, world, title=f"Reef {n}")["story_id"] for n in range(3)]
    response = client.get("/api/search", query_string={"q": "reef", "types": "story"}, headers=writer["headers"])
    assert ids(response.json) == made[::-1][:2]      # the newest two
    assert response.headers["X-Total-Count-Exact"] == "false"
    exact = client.get("/api/search", query_string={"q": "reef 1", "types": "story"}, headers=writer["headers"])
    assert ids(exact.json)[0] == made[1]
