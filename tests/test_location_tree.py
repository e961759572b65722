"""Locations inside locations: parents, cycles, depth, the tree, breadcrumbs, and deleting
a location that others lie in (they move up; a restore puts them back). Both stores."""
import pytest

from services.location_tree import MAX_DEPTH


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def places(client, auth, make_world):
    """``add(name, parent=None)`` makes a location of a world of ``owner``; ``move`` re-parents one."""
    owner = auth.register()
    world = make_world(owner)
    base = f"/api/worlds/{world['world_id']}"

    class Places:
        def add(self, name, parent=None):
            body = {"name": name, **({"parent_id": parent["location_id"]} if parent else {})}
            answer = client.post(f"{base}/locations", headers=owner["headers"], json=body)
            assert answer.status_code == 201, answer.json
            return answer.json

        def move(self, place, parent_id):
            return client.patch(f"{base}/locations/{place['location_id']}", headers=owner["headers"],
                                json={"parent_id": parent_id})

        def get(self, place):
            return client.get(f"{base}/locations/{place['location_id']}", headers=owner["headers"]).json

        def tree(self):
            return client.get(f"{base}/locations/tree", headers=owner["headers"]).json

        def page(self, place):
            return client.get(f"{base}/entries/{place['location_id']}", headers=owner["headers"]).json

        def delete(self, place):
            return client.delete(f"{base}/locations/{place['location_id']}", headers=owner["headers"])

    found = Places()
    found.owner, found.world, found.base = owner, world, base
    return found


def shape(nodes):
    return [(n["name"], shape(n["children"])) for n in nodes]


def test_the_tree_nests_locations_by_name(places):
    land = places.add("Vale")
    city = places.add("Hà Nội", land)
    places.add("Hàng Bạc", city)
    places.add("Citadel", city)
    places.add("Aran")
    assert shape(places.tree()) == [("Aran", []), ("Vale", [("Hà Nội", [("Citadel", []), ("Hàng Bạc", [])])])]
    assert places.tree()[1]["children"][0]["parent_id"] == land["location_id"]


def test_the_page_of_a_location_shows_where_it_lies_and_what_lies_in_it(places):
    land = places.add("Vale")
    city = places.add("Hà Nội", land)
    street = places.add("Hàng Bạc", city)
    page = places.page(city)
    assert page["breadcrumb"] == [{"id": land["location_id"], "name": "Vale"}]
    assert page["children"] == [{"id": street["location_id"], "name": "Hàng Bạc", "location_type": "place"}]
    assert [c["name"] for c in places.page(street)["breadcrumb"]] == ["Vale", "Hà Nội"]
    assert page["entry"]["kind"] == "location" and page["entry"]["parent_id"] == land["location_id"]


def test_a_parent_must_be_a_location_of_the_same_world(client, places, make_world):
    city = places.add("City")
    other = make_world(places.owner)
    far = client.post(f"/api/worlds/{other['world_id']}/locations", headers=places.owner["headers"],
                      json={"name": "Far"}).json
    hero = client.post(f"{places.base}/entities", headers=places.owner["headers"], json={"name": "Ana"}).json
    for parent_id in (far["location_id"], "no-such-place", hero["entity_id"]):
        refused = places.move(city, parent_id)
        assert refused.status_code == 400 and refused.json["details"] == {
            "parent_id": "no location of this world has this id"}, parent_id
    created = client.post(f"{places.base}/locations", headers=places.owner["headers"],
                          json={"name": "Nowhere", "parent_id": far["location_id"]})
    assert created.status_code == 400
    assert places.get(city)["parent_id"] == ""


def test_a_location_cannot_lie_inside_itself(places):
    land = places.add("Land")
    city = places.add("City", land)
    street = places.add("Street", city)
    for parent in (land, street):
        refused = places.move(land, parent["location_id"])
        assert refused.status_code == 400 and refused.json["code"] == "parent_cycle", parent["name"]
    assert places.get(land)["parent_id"] == ""
    assert places.move(street, land["location_id"]).status_code == 200   # moving up is fine
    assert places.move(city, "").json["parent_id"] == ""                  # and to the top


def test_nesting_is_bounded(places):
    chain = [places.add("L0")]
    for i in range(1, MAX_DEPTH):
        chain.append(places.add(f"L{i}", chain[-1]))
    too_deep = places.add("Extra")
    refused = places.move(too_deep, chain[-1]["location_id"])
    assert refused.status_code == 400 and refused.json["code"] == "too_deep"
    top = places.add("Top")
    below = places.add("Below", top)
    refused = places.move(top, chain[-2]["location_id"])   # Top fits, what lies in it would not
    assert refused.status_code == 400 and refused.json["code"] == "too_deep"
    assert places.move(below, chain[-2]["location_id"]).status_code == 200


def test_deleting_a_location_moves_what_lay_in_it_up_and_restoring_puts_it_back(client, places):
    land = places.add("Land")
    city = places.add("City", land)
    market, harbour = places.add("Market", city), places.add("Harbour", city)
    places.add("Stall", market)
    deleted = places.delete(city)
    assert deleted.status_code == 200
    assert shape(places.tree()) == [("Land", [("Harbour", []), ("Market", [("Stall", [])])])]
    places.move(harbour, "")   # moved by hand since: stays where it was put
    restored = client.post(f"/api/trash/{deleted.json['trash_id']}/restore", headers=places.owner["headers"])
    assert restored.status_code == 200 and restored.json["references_restored"] == 1
    assert shape(places.tree()) == [("Harbour", []), ("Land", [("City", [("Market", [("Stall", [])])])])]
    assert places.get(market)["parent_id"] == city["location_id"]


def test_deleting_a_top_location_moves_what_lay_in_it_to_the_top(client, places):
    land = places.add("Land")
    city = places.add("City", land)
    trash_id = places.delete(land).json["trash_id"]
    assert places.get(city)["parent_id"] == ""
    client.post(f"/api/trash/{trash_id}/restore", headers=places.owner["headers"])
    assert places.get(city)["parent_id"] == land["location_id"]


def test_restoring_a_version_whose_parent_is_gone_puts_the_location_at_the_top(client, places):
    land, sea = places.add("Land"), places.add("Sea")
    city = places.add("City", land)
    places.move(city, sea["location_id"])
    places.delete(land)
    path = f"{places.base}/locations/{city['location_id']}"
    restored = client.post(f"{path}/versions/1/restore", headers=places.owner["headers"])
    assert restored.status_code == 200 and restored.json["parent_id"] == ""


def test_damaged_data_with_a_loop_still_shows_every_location(places, store):
    a, b = places.add("A"), places.add("B")
    with store.unit_of_work():   # written around the checks, as damaged data might be
        for place, parent in ((a, b), (b, a)):
            doc = store.get("locations", place["location_id"])
            store.put("locations", place["location_id"], {**doc, "parent_id": parent["location_id"]})
    assert shape(places.tree()) == [("A", [("B", [])])]
    assert [c["name"] for c in places.page(a)["breadcrumb"]] == ["B"]


def test_a_tree_of_damaged_data_nests_at_most_so_deep_and_lists_the_rest_flat(places, store):
    from core.models import Location
    from services.location_tree import TREE_DEPTH_MAX
    chain = [Location(world_id=places.world["world_id"], name="L00")]
    for i in range(1, TREE_DEPTH_MAX + 5):
        chain.append(Location(world_id=places.world["world_id"], name=f"L{i:02}", parent_id=chain[-1].location_id))
    with store.unit_of_work():
        for place in chain:
            store.put(Location.collection, place.location_id, place.to_dict())
    node, depth = places.tree()[0], 1
    while node["children"] and len(node["children"]) == 1:
        node, depth = node["children"][0], depth + 1
    assert depth == TREE_DEPTH_MAX and node["name"] == f"L{TREE_DEPTH_MAX - 1:02}"
    assert [c["name"] for c in node["children"]] == [f"L{i:02}" for i in range(TREE_DEPTH_MAX, TREE_DEPTH_MAX + 5)]
    assert all(c["children"] == [] for c in node["children"])
