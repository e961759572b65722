"""Bounded work per request: the relationship graph, auto-linking and story
lists answer in bounded size and read a bounded number of documents, whatever
the size of the world."""
from __future__ import annotations

import pytest

from core.models import Entity, Location, Story, User, World
from services import link_service, listing
from services.link_service import (MAX_EDGE_STORY_IDS, MAX_GRAPH_EDGES, MAX_GRAPH_NODES,
                                   MAX_LINKS_LISTED, MAX_LINKS_PER_STORY)
from services.story_service import StoryService

MB = 1024 * 1024


def seed_cast(store, world, kind, names):
    items = [kind(world_id=world["world_id"], name=name) for name in names]
    store.put_many(kind.collection, ((item.id, item.to_dict()) for item in items))
    return [item.id for item in items]


def seed_stories(store, world, owner, count, entities=(), locations=(), visibility="public", **fields):
    """``count`` stories written straight to the (real) store: far faster than 2 requests each."""
    stories = [Story(world_id=world["world_id"], owner_id=owner["user_id"], title=f"Tale {n}",
                     visibility=visibility, entities=list(entities), locations=list(locations), **fields)
               for n in range(count)]
    store.put_many(Story.collection, ((s.story_id, s.to_dict()) for s in stories))
    return [s.story_id for s in stories]


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def public_world(owner, make_world):
    return make_world(owner, visibility="public")


def graph(client, world, user=None):
    response = client.get(f"/api/worlds/{world['world_id']}/relationships",
                          headers=user["headers"] if user else {})
    assert response.status_code == 200, response.json
    return response


# -- the relationship graph -------------------------------------------------------

def test_graph_of_a_cast_in_300_stories_is_bounded_and_keeps_true_weights(client, store, owner, public_world):
    people = seed_cast(store, public_world, Entity, [f"Person {n}" for n in range(12)])
    places = seed_cast(store, public_world, Location, ["Port", "Keep"])
    seed_stories(store, public_world, owner, 300, people, places)
    response = graph(client, public_world)   # anonymous: nobody may make the server build more
    body = response.json
    assert len(response.data) < 2 * MB
    assert len(body["edges"]) <= MAX_GRAPH_EDGES and len(body["nodes"]) <= MAX_GRAPH_NODES
    assert all(len(e["story_ids"]) <= MAX_EDGE_STORY_IDS for e in body["edges"])
    assert body["truncated"] is True
    # 300 x (12 appears_in + 2 set_in) edges, plus 66 co_appears and 24 visits pairs
    assert body["totals"] == {"nodes": 314, "edges": 300 * 14 + 66 + 24}
    pairs = [e for e in body["edges"] if e["kind"] in ("co_appears", "visits")]
    assert len(pairs) == 90   # the heaviest edges are the ones kept
    assert all(e["weight"] == 300 and len(e["story_ids"]) == MAX_EDGE_STORY_IDS for e in pairs)


def test_graph_keeps_at_most_the_node_cap_and_only_edges_between_kept_nodes(client, store, owner, public_world):
    [ana] = seed_cast(store, public_world, Entity, ["Ana"])
    seed_stories(store, public_world, owner, MAX_GRAPH_NODES + 100, [ana])
    body = graph(client, public_world).json
    ids = {n["id"] for n in body["nodes"]}
    assert len(ids) == MAX_GRAPH_NODES and ana in ids
    assert body["totals"]["nodes"] == MAX_GRAPH_NODES + 101 and body["truncated"] is True
    assert body["edges"] and all(e["source"] in ids and e["target"] in ids for e in body["edges"])


def test_a_huge_cast_adds_no_pair_edges_and_says_so(client, store, owner, public_world):
    crowd = seed_cast(store, public_world, Entity, [f"Extra {n}" for n in range(40)])   # 780 pairs
    seed_stories(store, public_world, owner, 1, crowd)
    body = graph(client, public_world).json
    assert not [e for e in body["edges"] if e["kind"] == "co_appears"]
    assert len([e for e in body["edges"] if e["kind"] == "appears_in"]) == 40
    assert body["skipped_stories"] == 1 and body["truncated"] is True


def test_small_graph_is_whole(client, store, owner, public_world):
    people = seed_cast(store, public_world, Entity, ["Ana", "Bo"])
    seed_stories(store, public_world, owner, 3, people)
    body = graph(client, public_world).json
    assert body["truncated"] is False and body["skipped_stories"] == 0
    assert body["totals"] == {"nodes": 5, "edges": len(body["edges"])}


def test_cached_graph_never_shows_hidden_stories_and_follows_changes(client, owner, public_world, make_story):
    shown = make_story(owner, public_world, title="Shown", visibility="public")
    secret = make_story(owner, public_world, title="Secret", visibility="private")
    for story in (shown, secret):
        response = client.post(f"/api/stories/{story['story_id']}/link-entities", headers=owner["headers"],
                               json={"characters": ["Ana", "Bo"]})
        assert response.status_code == 200
    for _ in range(2):   # the second round is answered from the cache
        mine = graph(client, public_world, owner).data.decode()
        anonymous = graph(client, public_world).data.decode()
        assert secret["story_id"] in mine and "Secret" in mine
        assert secret["story_id"] not in anonymous and "Secret" not in anonymous
        assert shown["story_id"] in anonymous
    client.put(f"/api/stories/{shown['story_id']}", headers=owner["headers"], json={"visibility": "private"})
    assert shown["story_id"] not in graph(client, public_world).data.decode()
    ana = next(n for n in graph(client, public_world, owner).json["nodes"] if n["name"] == "Ana")
    client.put(f"/api/worlds/{public_world['world_id']}/entities/{ana['id']}", headers=owner["headers"],
               json={"name": "Anabel"})
    assert "Anabel" in {n["name"] for n in graph(client, public_world).json["nodes"]}


def test_graph_cache_stays_small(store, owner, make_world):
    service = link_service.LinkService(store)
    user = User.from_dict(store.get("users", owner["user_id"]))
    for _ in range(link_service.GRAPH_CACHE_SIZE + 5):
        world = make_world(owner)
        service.relationships(World.from_dict(store.get("worlds", world["world_id"])), user)
    assert len(service._graphs) == link_service.GRAPH_CACHE_SIZE


# -- auto-linking -------------------------------------------------------------------

def auto_link(client, user, world, query=""):
    response = client.post(f"/api/worlds/{world['world_id']}/auto-link-stories{query}", headers=user["headers"])
    assert response.status_code == 200, response.json
    return response


def test_auto_link_of_400_stories_sharing_one_character_is_bounded(client, store, owner, make_world):
    world = make_world(owner)
    [ana] = seed_cast(store, world, Entity, ["Ana"])
    ids = seed_stories(store, world, owner, 400, [ana], visibility="private")
    response = auto_link(client, owner, world)
    body = response.json
    assert len(response.data) < 1 * MB
    assert len(body["links"]) == MAX_LINKS_LISTED and body["links_total"] == body["linked_count"]
    assert body["unlinked_stories"] == [] and body["unlinked_total"] == 0
    partners = {i: store.get("stories", i)["linked_stories"] for i in ids}
    assert all(1 <= len(p) <= MAX_LINKS_PER_STORY for p in partners.values())
    assert all(a in partners[b] for a in ids for b in partners[a])   # links are mutual
    assert body["linked_count"] == sum(len(p) for p in partners.values()) // 2
    second = auto_link(client, owner, world, "?page=2&per_page=50").json["links"]
    first = auto_link(client, owner, world, "?page=1&per_page=100").json["links"]
    assert len(second) == 50 and second == first[50:]


def test_auto_link_prefers_partners_sharing_more_cast(client, store, owner, make_world):
    world = make_world(owner)
    hub, pair = seed_cast(store, world, Entity, ["Hub", "Pair"])
    ids = seed_stories(store, world, owner, MAX_LINKS_PER_STORY + 2, [hub])
    for story_id in (ids[0], ids[-1]):   # the first and the last also share Pair
        doc = store.get("stories", story_id)
        doc["entities"].append(pair)
        store.put_many("stories", [(story_id, doc)])
    auto_link(client, owner, world)
    first = store.get("stories", ids[0])["linked_stories"]
    assert ids[-1] in first and len(first) == MAX_LINKS_PER_STORY


def test_auto_link_answer_lists_a_page_of_unlinked_stories(client, store, owner, make_world):
    world = make_world(owner)
    seed_stories(store, world, owner, link_service.MAX_UNLINKED_LISTED + 10, visibility="private")
    body = auto_link(client, owner, world).json
    assert body["linked_count"] == 0 and body["links"] == []
    assert len(body["unlinked_stories"]) == link_service.MAX_UNLINKED_LISTED
    assert body["unlinked_total"] == link_service.MAX_UNLINKED_LISTED + 10
    assert set(body["unlinked_stories"][0]) == {"story_id", "title", "time_index", "description"}


# -- story lists page in the store query --------------------------------------------------

class CountingStore:
    """The app's real TinyDB store, counting the documents its reads hand out."""

    def __init__(self, inner):
        self.inner = inner
        self.loaded = 0

    def find(self, *args, **kwargs):
        docs = self.inner.find(*args, **kwargs)
        self.loaded += len(docs)
        return docs

    def get(self, *args, **kwargs):
        doc = self.inner.get(*args, **kwargs)
        self.loaded += doc is not None
        return doc

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.parametrize("reader", ["anonymous", "owner", "other", "admin"])
def test_a_page_of_stories_reads_only_that_page(reader, store, auth, owner, public_world, make_world):
    seed_stories(store, public_world, owner, 500)
    hidden = make_world(owner, visibility="private")   # its public stories stay hidden from others
    seed_stories(store, hidden, owner, 5)
    account = {"anonymous": None, "owner": owner, "other": auth.register(),
               "admin": auth.register(role="admin")}[reader]
    user = account and User.from_dict(store.get("users", account["user_id"]))
    counting = CountingStore(store)
    page = StoryService(counting).list(user, {}, offset=40, limit=20)
    assert len(page.items) == 20
    assert page.total == (500 if reader in ("anonymous", "other") else 505)
    assert counting.loaded <= 40


def test_a_filtered_list_reads_a_bounded_number_of_stories(store, owner, public_world, monkeypatch):
    monkeypatch.setattr(listing, "MAX_FILTER_SCAN", 150)
    seed_stories(store, public_world, owner, 200, genre="mystery")
    counting = CountingStore(store)
    page = StoryService(counting).list(None, {"genre": "mystery"}, offset=0, limit=20)
    assert len(page.items) == 20 and page.total == 150 and page.complete is False
    assert counting.loaded <= 150 + 20
    texts = StoryService(store).list(None, {"q": "tale 1"}, offset=0, limit=200)
    assert texts.complete is False and texts.items
    assert all("tale 1" in s.title.casefold() for s in texts.items)


def test_capped_filtered_list_says_its_total_is_not_exact(client, store, owner, public_world, make_world,
                                                         monkeypatch):
    monkeypatch.setattr(listing, "MAX_FILTER_SCAN", 30)
    seed_stories(store, public_world, owner, 40, genre="mystery")
    capped = client.get("/api/stories?genre=mystery")
    assert capped.headers["X-Total-Count"] == "30" and capped.headers["X-Total-Count-Exact"] == "false"
    small = make_world(owner, visibility="public")
    seed_stories(store, small, owner, 12, genre="mystery")
    exact = client.get(f"/api/stories?genre=mystery&world_id={small['world_id']}&q=tale 1")
    assert "X-Total-Count-Exact" not in exact.headers
    assert exact.headers["X-Total-Count"] == "3" and len(exact.json) == 3   # Tale 1, 10, 11


def test_world_search_reads_a_bounded_number_of_worlds_and_says_so(client, auth, make_world, monkeypatch):
    monkeypatch.setattr(listing, "MAX_FILTER_SCAN", 30)
    owner = auth.register()
    for n in range(36):
        make_world(owner, name=f"Tale {n}", visibility="private", world_type="sci-fi" if n % 2 else "fantasy")
    capped = client.get("/api/worlds?q=tale&per_page=10", headers=owner["headers"])
    assert capped.headers["X-Total-Count"] == "30" and capped.headers["X-Total-Count-Exact"] == "false"
    assert len(capped.json) == 10
    by_type = client.get("/api/worlds?world_type=sci-fi", headers=owner["headers"])   # indexed: exact
    assert by_type.headers["X-Total-Count"] == "18" and "X-Total-Count-Exact" not in by_type.headers
    assert {w["world_type"] for w in by_type.json} == {"sci-fi"}
