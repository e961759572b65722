"""Mentions: the index kept on every save, renames that rewrite links (with history),
names that resolve once their entry exists, visibility of sources, and sources that go
to the trash and come back. On both stores."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from core.models import Mention, Story, World


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(owner, make_world):
    return make_world(owner, visibility="public")


def base(world):
    return f"/api/worlds/{world['world_id']}"


def create(client, user, world, collection, **fields):
    response = client.post(f"{base(world)}/{collection}", json=fields, headers=user["headers"])
    assert response.status_code == 201, response.json
    return response.json


def mentions_of(client, world, entry_id, user=None, status=200, **params):
    response = client.get(f"{base(world)}/entries/{entry_id}/mentions",
                          query_string=params, headers=(user or {}).get("headers", {}))
    assert response.status_code == status, response.json
    return response.json


def unresolved(client, world, user=None):
    response = client.get(f"{base(world)}/mentions/unresolved", headers=(user or {}).get("headers", {}))
    assert response.status_code == 200, response.json
    return response.json


def resolve(client, world, names, user=None, status=200):
    response = client.get(f"{base(world)}/mentions/resolve?{urlencode([('names', n) for n in names])}",
                          headers=(user or {}).get("headers", {}))
    assert response.status_code == status, response.json
    return response.json


def story_doc(client, user, story):
    response = client.get(f"/api/stories/{story['story_id']}", headers=user["headers"])
    assert response.status_code == 200
    return response.json


# -- the index follows every save ---------------------------------------------------

def test_saving_a_story_indexes_its_mentions(client, owner, world, make_story):
    hung = create(client, owner, world, "entities", name="Trần Hưng Đạo", aliases=["Hưng Đạo Vương"])
    story = make_story(owner, world, content="Hôm ấy [[Trần Hưng Đạo|ông]] về. Rồi [[Hưng Đạo Vương]] đi.",
                       description="Về [[trần hưng đạo]].")
    found = mentions_of(client, world, hung["entity_id"], owner)
    assert found == [{"source_kind": "story", "source_id": story["story_id"], "title": story["title"],
                      "snippet": "Hôm ấy ông về. Rồi Hưng Đạo Vương đi.", "count": 3}]
    # tone marks count: Trấn is another name, and it links nowhere
    client.patch(f"/api/stories/{story['story_id']}", json={"content": "[[Trấn Hưng Đạo]]", "description": ""},
                 headers=owner["headers"])
    assert mentions_of(client, world, hung["entity_id"], owner) == []
    assert [u["name"] for u in unresolved(client, world, owner)] == ["Trấn Hưng Đạo"]


def test_entry_descriptions_are_sources_too(client, owner, world):
    port = create(client, owner, world, "locations", name="Port of Ash")
    mara = create(client, owner, world, "entities", name="Mara", description="Born in [[Port of Ash|the port]].")
    guild = create(client, owner, world, "entities", name="Guild", entity_type="faction",
                   description="Based at [[Port of Ash]]; led by [[Mara]].")
    found = mentions_of(client, world, port["location_id"], owner)
    assert {(f["source_kind"], f["source_id"], f["title"]) for f in found} == {
        ("entity", mara["entity_id"], "Mara"), ("entity", guild["entity_id"], "Guild")}
    assert [f["snippet"] for f in found if f["source_id"] == mara["entity_id"]] == ["Born in the port."]
    client.patch(f"{base(world)}/entities/{guild['entity_id']}", json={"description": "Gone."},
                 headers=owner["headers"])
    assert [f["source_id"] for f in mentions_of(client, world, port["location_id"], owner)] == [mara["entity_id"]]
    assert mentions_of(client, world, mara["entity_id"], owner) == []
    guild_place = create(client, owner, world, "locations", name="Hall", description="Where [[Guild]] meets.")
    assert [(f["source_kind"], f["source_id"]) for f in mentions_of(client, world, guild["entity_id"], owner)] \
        == [("location", guild_place["location_id"])]


def test_one_record_per_source_and_entry_and_nothing_for_plain_text(client, owner, world, make_story, store):
    create(client, owner, world, "entities", name="Vell")
    story = make_story(owner, world, content="[[Vell]] " * 30 + " \\[[Vell]] [[Vell] [[]]")
    records = store.find(Mention.collection, where={"source_id": story["story_id"]})
    assert [(r["count"], r["names"]) for r in records] == [(30, ["Vell"])]
    plain = make_story(owner, world, content="No mentions at all.")
    assert store.count(Mention.collection, where={"source_id": plain["story_id"]}) == 0


def test_a_description_copied_into_the_content_counts_once(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    story = make_story(owner, world, description="[[Mara]] alone.")
    assert story_doc(client, owner, story)["content"] == "[[Mara]] alone."
    assert [f["count"] for f in mentions_of(client, world, mara["entity_id"], owner)] == [1]


def test_titles_resolve_as_the_codex_resolves_them(client, owner, world):
    vell = create(client, owner, world, "entities", name="Vell")
    create(client, owner, world, "locations", name="Hà Nội")
    answer = resolve(client, world, ["Captain Vell", "vell", "Hà Nội", "ha noi", "Nobody", "Vell"])
    assert answer == {
        "Captain Vell": {"kind": "character", "id": vell["entity_id"], "name": "Vell"},
        "vell": {"kind": "character", "id": vell["entity_id"], "name": "Vell"},
        "Vell": {"kind": "character", "id": vell["entity_id"], "name": "Vell"},
        "Hà Nội": {"kind": "location", "id": answer["Hà Nội"]["id"], "name": "Hà Nội"},
        "ha noi": None,      # Vietnamese names keep their tone marks
        "Nobody": None,
    }


def test_resolve_takes_up_to_a_hundred_names(client, owner, world):
    create(client, owner, world, "entities", name="Item 7", entity_type="item")
    names = [f"Item {i}" for i in range(100)]
    answer = resolve(client, world, names)
    assert len(answer) == 100 and answer["Item 7"]["kind"] == "item" and answer["Item 8"] is None
    assert resolve(client, world, names + ["one more"], status=400)["code"] == "validation_error"
    assert client.get(f"{base(world)}/mentions/resolve").json == {}
    assert resolve(client, world, ["x" * 201], status=400)["details"]


# -- renames keep links -------------------------------------------------------------------

def test_a_rename_rewrites_every_text_that_mentions_the_old_name(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara", aliases=["the Grey"])
    story = make_story(owner, world, content="[[Mara]] sailed; [[mara|she]] wept; [[the Grey]] stayed; [[Bram]].")
    port = create(client, owner, world, "locations", name="Port", description="Home of [[Mara]].")
    renamed = client.patch(f"{base(world)}/entities/{mara['entity_id']}", json={"name": "Mara Vell"},
                           headers=owner["headers"])
    assert renamed.status_code == 200
    text = story_doc(client, owner, story)
    assert text["content"] == "[[Mara Vell]] sailed; [[Mara Vell|she]] wept; [[the Grey]] stayed; [[Bram]]."
    assert text["version"] == 2
    history = client.get(f"/api/stories/{story['story_id']}/versions/1", headers=owner["headers"]).json
    assert history["document"]["content"].startswith("[[Mara]] sailed")
    assert history["changed_by"]["user_id"] == owner["user_id"]
    place = client.get(f"{base(world)}/locations/{port['location_id']}").json
    assert (place["description"], place["version"]) == ("Home of [[Mara Vell]].", 2)
    found = mentions_of(client, world, mara["entity_id"], owner)
    assert {(f["source_id"], f["count"]) for f in found} == {(story["story_id"], 3), (port["location_id"], 1)}
    assert [u["name"] for u in unresolved(client, world, owner)] == ["Bram"]


def test_a_rename_rewrites_its_own_description_in_the_same_version(client, owner, world):
    mara = create(client, owner, world, "entities", name="Mara", description="[[Mara]] is herself.")
    renamed = client.patch(f"{base(world)}/entities/{mara['entity_id']}", json={"name": "Mara Vell"},
                           headers=owner["headers"])
    assert renamed.json["description"] == "[[Mara Vell]] is herself." and renamed.json["version"] == 2
    assert renamed.headers["ETag"] == '"2"'
    versions = client.get(f"{base(world)}/entities/{mara['entity_id']}/versions", headers=owner["headers"]).json
    assert [(v["version"], v["changed_fields"]) for v in versions] == [(1, ["name", "description"])]
    assert [f["source_id"] for f in mentions_of(client, world, mara["entity_id"], owner)] == [mara["entity_id"]]


def test_a_name_kept_as_an_alias_is_left_as_written(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    story = make_story(owner, world, content="[[Mara]] came.")
    client.patch(f"{base(world)}/entities/{mara['entity_id']}", json={"name": "Mara Vell", "aliases": ["Mara"]},
                 headers=owner["headers"])
    assert story_doc(client, owner, story)["content"] == "[[Mara]] came."
    assert story_doc(client, owner, story)["version"] == 1
    assert [f["source_id"] for f in mentions_of(client, world, mara["entity_id"], owner)] == [story["story_id"]]


def test_restoring_an_old_name_rewrites_the_links_back(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    story = make_story(owner, world, content="[[Mara|she]] came.")
    entity = f"{base(world)}/entities/{mara['entity_id']}"
    client.patch(entity, json={"name": "Mara Vell"}, headers=owner["headers"])
    assert story_doc(client, owner, story)["content"] == "[[Mara Vell|she]] came."
    restored = client.post(f"{entity}/versions/1/restore", headers=owner["headers"])
    assert restored.status_code == 200 and restored.json["name"] == "Mara"
    assert story_doc(client, owner, story)["content"] == "[[Mara|she]] came."
    assert story_doc(client, owner, story)["version"] == 3


def test_a_new_name_that_cannot_be_written_in_brackets_leaves_the_text(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    story = make_story(owner, world, content="[[Mara]] came.")
    renamed = client.patch(f"{base(world)}/entities/{mara['entity_id']}", json={"name": "Mara [the Grey]"},
                           headers=owner["headers"])
    assert renamed.status_code == 200
    assert story_doc(client, owner, story)["content"] == "[[Mara]] came."   # never a broken rewrite
    assert [u["name"] for u in unresolved(client, world, owner)] == ["Mara"]


def test_a_refused_rename_rewrites_nothing(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    create(client, owner, world, "entities", name="Bram")
    story = make_story(owner, world, content="[[Mara]]")
    clash = client.patch(f"{base(world)}/entities/{mara['entity_id']}", json={"name": "Bram"},
                         headers=owner["headers"])
    assert clash.status_code == 409
    assert story_doc(client, owner, story)["content"] == "[[Mara]]"
    stale = client.patch(f"{base(world)}/entities/{mara['entity_id']}", json={"name": "Mara Vell"},
                         headers={**owner["headers"], "If-Match": '"7"'})
    assert stale.status_code == 412
    assert story_doc(client, owner, story)["content"] == "[[Mara]]"


# -- unresolved names ----------------------------------------------------------------------

def test_an_unresolved_name_resolves_when_its_entry_is_created(client, owner, world, make_story):
    story = make_story(owner, world, content="[[Captain Bram]] and [[Bram|him]]; [[Nessa]].")
    listed = unresolved(client, world, owner)
    assert [(u["name"], u["key"], u["count"], u["names"], u["sources_total"]) for u in listed] == [
        ("Captain Bram", "bram", 2, ["Captain Bram", "Bram"], 1), ("Nessa", "nessa", 1, ["Nessa"], 1)]
    assert listed[0]["sources"][0]["source_id"] == story["story_id"]
    bram = create(client, owner, world, "entities", name="Bram")
    assert [u["name"] for u in unresolved(client, world, owner)] == ["Nessa"]
    assert mentions_of(client, world, bram["entity_id"], owner)[0]["count"] == 2
    # an alias resolves too
    isle = create(client, owner, world, "locations", name="Isle")
    client.patch(f"{base(world)}/locations/{isle['location_id']}", json={"aliases": ["Nessa"]},
                 headers=owner["headers"])
    assert unresolved(client, world, owner) == []
    assert [f["source_id"] for f in mentions_of(client, world, isle["location_id"], owner)] == [story["story_id"]]
    # and dropping the alias unlinks it again (an alias change rewrites no text)
    client.patch(f"{base(world)}/locations/{isle['location_id']}", json={"aliases": []}, headers=owner["headers"])
    assert [u["name"] for u in unresolved(client, world, owner)] == ["Nessa"]
    assert story_doc(client, owner, story)["content"] == "[[Captain Bram]] and [[Bram|him]]; [[Nessa]]."


def test_entries_an_analysis_creates_resolve_mentions(client, owner, world, make_story, app):
    story = make_story(owner, world, content="[[Ayla]] met [[Borin]] at [[Deepforge]].")
    linked = client.post(f"/api/stories/{story['story_id']}/link-entities", headers=owner["headers"],
                         json={"characters": ["Ayla"], "locations": ["Deepforge"]})
    assert linked.status_code == 200
    assert [u["name"] for u in unresolved(client, world, owner)] == ["Borin"]
    services = app.extensions["worldsmith"]
    user = services.auth.get_user(owner["user_id"])
    world_model = World.from_dict(services.store.get("worlds", world["world_id"]))
    story_model = Story.from_dict(services.store.get("stories", story["story_id"]))
    review = services.reviews.record(owner["user_id"], world_model, story_model, "task", "en", [
        {"name": "Borin", "kind": "character", "confidence": 0.9, "quote": "Borin.", "count": 1}])
    proposal = review.proposals[0]
    services.reviews.decide(user, review, world_model, [{"proposal_id": proposal["proposal_id"], "action": "accept"}],
                            False)
    assert unresolved(client, world, owner) == []


# -- who sees what ---------------------------------------------------------------------------

def test_sources_the_caller_may_not_see_are_left_out(client, owner, world, make_story, auth):
    mara = create(client, owner, world, "entities", name="Mara")
    public = make_story(owner, world, visibility="public", content="[[Mara]] in public. [[Ghost]].")
    private = make_story(owner, world, visibility="private", content="[[Mara]] in secret. [[Secret One]].")
    other = auth.register()
    assert {f["source_id"] for f in mentions_of(client, world, mara["entity_id"], owner)} == {
        public["story_id"], private["story_id"]}
    for caller in (other, None):
        assert [f["source_id"] for f in mentions_of(client, world, mara["entity_id"], caller)] == [public["story_id"]]
        assert [u["name"] for u in unresolved(client, world, caller)] == ["Ghost"]
    assert {u["name"] for u in unresolved(client, world, owner)} == {"Ghost", "Secret One"}
    listed = client.get(f"{base(world)}/entries/{mara['entity_id']}/mentions", headers=other["headers"])
    assert listed.headers["X-Total-Count"] == "1"


def test_a_private_world_is_missing_to_others(client, owner, make_world, make_story, auth):
    hidden = make_world(owner)
    mara = create(client, owner, hidden, "entities", name="Mara")
    make_story(owner, hidden, content="[[Mara]]")
    other = auth.register()
    for path in (f"/entries/{mara['entity_id']}/mentions", "/mentions/unresolved", "/mentions/resolve?names=Mara"):
        answer = client.get(f"{base(hidden)}{path}", headers=other["headers"])
        assert answer.status_code == 404 and answer.json["code"] == "not_found"


def test_an_entry_of_another_world_or_none_is_404(client, owner, world, make_world):
    elsewhere = make_world(owner)
    stranger = create(client, owner, elsewhere, "entities", name="Stranger")
    assert mentions_of(client, world, stranger["entity_id"], owner, status=404)["code"] == "not_found"
    assert mentions_of(client, world, "no-such-entry", owner, status=404)["code"] == "not_found"


def test_mentions_are_paginated(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    stories = [make_story(owner, world, content=f"[[Mara]] {n}") for n in range(5)]
    response = client.get(f"{base(world)}/entries/{mara['entity_id']}/mentions?per_page=2&page=2",
                          headers=owner["headers"])
    assert response.headers["X-Total-Count"] == "5"
    assert [f["source_id"] for f in response.json] == [stories[2]["story_id"], stories[1]["story_id"]]


# -- sources and entries in the trash ------------------------------------------------------------

def test_a_story_in_the_trash_mentions_nothing_until_restored(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    story = make_story(owner, world, content="[[Mara]] and [[Bram]].")
    trashed = client.delete(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json
    assert mentions_of(client, world, mara["entity_id"], owner) == []
    assert unresolved(client, world, owner) == []
    # while it is away Bram comes to exist: the restore indexes it against the world as it is now
    bram = create(client, owner, world, "entities", name="Bram")
    assert client.post(f"/api/trash/{trashed['trash_id']}/restore", headers=owner["headers"]).status_code == 200
    assert [f["source_id"] for f in mentions_of(client, world, mara["entity_id"], owner)] == [story["story_id"]]
    assert [f["source_id"] for f in mentions_of(client, world, bram["entity_id"], owner)] == [story["story_id"]]


def test_an_entry_in_the_trash_leaves_its_mentions_unresolved_until_restored(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara", description="Friend of [[Bram]].")
    bram = create(client, owner, world, "entities", name="Bram")
    story = make_story(owner, world, content="[[Mara|she]] sailed.")
    trashed = client.delete(f"{base(world)}/entities/{mara['entity_id']}", headers=owner["headers"]).json
    assert [(u["name"], [s["source_id"] for s in u["sources"]]) for u in unresolved(client, world, owner)] == [
        ("Mara", [story["story_id"]])]
    assert mentions_of(client, world, bram["entity_id"], owner) == []   # its description went with it
    assert client.post(f"/api/trash/{trashed['trash_id']}/restore", headers=owner["headers"]).status_code == 200
    assert unresolved(client, world, owner) == []
    assert [f["source_id"] for f in mentions_of(client, world, mara["entity_id"], owner)] == [story["story_id"]]
    assert [f["source_id"] for f in mentions_of(client, world, bram["entity_id"], owner)] == [mara["entity_id"]]


def test_a_world_in_the_trash_takes_its_mentions_and_brings_them_back(client, owner, world, make_story, store):
    mara = create(client, owner, world, "entities", name="Mara")
    make_story(owner, world, content="[[Mara]] and [[Bram]].")
    assert store.count(Mention.collection, where={"world_id": world["world_id"]}) == 2
    trashed = client.delete(base(world), headers=owner["headers"]).json
    assert store.count(Mention.collection, where={"world_id": world["world_id"]}) == 0
    assert client.post(f"/api/trash/{trashed['trash_id']}/restore", headers=owner["headers"]).status_code == 200
    assert len(mentions_of(client, world, mara["entity_id"], owner)) == 1
    assert [u["name"] for u in unresolved(client, world, owner)] == ["Bram"]


def test_restoring_a_story_version_reindexes_it(client, owner, world, make_story):
    mara = create(client, owner, world, "entities", name="Mara")
    story = make_story(owner, world, content="[[Mara]] first.")
    client.patch(f"/api/stories/{story['story_id']}", json={"content": "Nobody now."}, headers=owner["headers"])
    assert mentions_of(client, world, mara["entity_id"], owner) == []
    restored = client.post(f"/api/stories/{story['story_id']}/versions/1/restore", headers=owner["headers"])
    assert restored.status_code == 200
    assert [f["source_id"] for f in mentions_of(client, world, mara["entity_id"], owner)] == [story["story_id"]]
