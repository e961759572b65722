"""The codex graph (typed relations by default, story co-occurrence as a mode),
its filters and bounds, and family trees from parent_of and spouse_of."""
from __future__ import annotations

import pytest

from services import graph_service


def ok(answer, status=200):
    assert answer.status_code == status, answer.json
    return answer.json


@pytest.fixture
def codex(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner, visibility="public")
    wid = world["world_id"]
    ids = {}

    def add(name, kind="character"):
        if kind == "location":
            ids[name] = ok(client.post(f"/api/worlds/{wid}/locations", json={"name": name},
                                       headers=owner["headers"]), 201)["location_id"]
        else:
            ids[name] = ok(client.post(f"/api/worlds/{wid}/entities", json={"name": name, "entity_type": kind},
                                       headers=owner["headers"]), 201)["entity_id"]
        return ids[name]

    def relate(source, target, type_, **fields):
        return ok(client.post(f"/api/worlds/{wid}/relations", headers=owner["headers"], json={
            "source_id": ids[source], "target_id": ids[target], "type": type_, **fields}), 201)

    def graph(query="", headers=None):
        return client.get(f"/api/worlds/{wid}/graph{query}", headers=owner["headers"] if headers is None else headers)

    return {"owner": owner, "headers": owner["headers"], "wid": wid, "ids": ids, "add": add, "relate": relate,
            "graph": graph}


def edges(graph):
    return {(e["source"], e["type"], e["target"]) for e in graph["edges"]}


def test_the_graph_shows_typed_relations_between_the_entries_they_touch(codex):
    add, relate, ids = codex["add"], codex["relate"], codex["ids"]
    for name, kind in (("Ana", "character"), ("Bram", "character"), ("Watch", "faction"), ("Port", "location"),
                       ("Loner", "character")):
        add(name, kind)
    loves = relate("Ana", "Bram", "loves", attitude=3)
    relate("Ana", "Watch", "member_of")
    relate("Watch", "Port", "located_in")
    graph = ok(codex["graph"]())
    assert graph["mode"] == "relations" and graph["truncated"] is False
    assert {n["id"]: (n["kind"], n["name"], n["image_id"]) for n in graph["nodes"]} == {
        ids["Ana"]: ("character", "Ana", ""), ids["Bram"]: ("character", "Bram", ""),
        ids["Watch"]: ("faction", "Watch", ""), ids["Port"]: ("location", "Port", "")}
    assert edges(graph) == {(ids["Ana"], "loves", ids["Bram"]), (ids["Ana"], "member_of", ids["Watch"]),
                            (ids["Watch"], "located_in", ids["Port"])}
    [edge] = [e for e in graph["edges"] if e["type"] == "loves"]
    assert edge == {"id": loves["relation_id"], "source": ids["Ana"], "target": ids["Bram"], "type": "loves",
                    "label": "loves", "inverse_label": "loved by", "mutual": False, "attitude": 3, "weight": 1}
    assert graph["totals"] == {"nodes": 4, "edges": 3}
    everyone = ok(codex["graph"]("?all_entries=true"))
    assert ids["Loner"] in {n["id"] for n in everyone["nodes"]} and len(everyone["nodes"]) == 5


def test_kinds_and_types_filter_the_graph(codex):
    add, relate, ids, graph = codex["add"], codex["relate"], codex["ids"], codex["graph"]
    for name, kind in (("Ana", "character"), ("Bram", "character"), ("Watch", "faction"), ("Port", "location"),
                       ("Idle", "faction")):
        add(name, kind)
    relate("Ana", "Bram", "sibling_of")
    relate("Ana", "Watch", "member_of")
    relate("Watch", "Port", "located_in")
    people = ok(graph("?kinds=character"))
    assert edges(people) == {(ids["Ana"], "sibling_of", ids["Bram"])}
    assert {n["id"] for n in people["nodes"]} == {ids["Ana"], ids["Bram"]}
    assert edges(ok(graph("?kinds=character,faction&types=member_of,located_in"))) == {
        (ids["Ana"], "member_of", ids["Watch"])}
    factions = ok(graph("?kinds=faction&all_entries=true"))
    assert {n["id"] for n in factions["nodes"]} == {ids["Watch"], ids["Idle"]} and factions["edges"] == []
    for query, field in (("?kinds=dragon", "kinds"), ("?mode=stories", "mode"), ("?colour=red", "colour")):
        answer = graph(query)
        assert answer.status_code == 400 and field in answer.json["details"], answer.json
    answer = graph("?types=loves,mentor_of")
    assert (answer.status_code, answer.json["code"]) == (400, "unknown_relation_type")
    assert "mentor_of" in answer.json["details"]["types"] and "loves," not in answer.json["details"]["types"]


def test_edge_labels_follow_the_world_vocabulary(client, codex):
    add, relate, ids = codex["add"], codex["relate"], codex["ids"]
    add("Ana")
    add("Bram")
    relate("Ana", "Bram", "parent_of")
    url = f"/api/worlds/{codex['wid']}/relation-types"
    types = ok(client.get(url, headers=codex["headers"]))
    renamed = [{**t, "label": "mother of", "inverse_label": "daughter of"} if t["key"] == "parent_of" else t
               for t in types]
    ok(client.put(url, json={"types": renamed}, headers=codex["headers"]))
    [edge] = ok(codex["graph"]())["edges"]
    assert (edge["label"], edge["inverse_label"]) == ("mother of", "daughter of")


def test_a_big_graph_is_cut_to_its_limits_keeping_the_best_connected_entries(codex, monkeypatch):
    add, relate, ids = codex["add"], codex["relate"], codex["ids"]
    for name in ("Hub", "A", "B", "C", "D"):
        add(name)
    for name in ("A", "B", "C", "D"):
        relate("Hub", name, "ally_of")
    relate("A", "B", "enemy_of")
    monkeypatch.setattr(graph_service, "MAX_GRAPH_NODES", 3)
    graph = ok(codex["graph"]())
    assert graph["truncated"] is True and graph["totals"] == {"nodes": 5, "edges": 5}
    assert {n["id"] for n in graph["nodes"]} == {ids["Hub"], ids["A"], ids["B"]}
    assert edges(graph) == {(ids["Hub"], "ally_of", ids["A"]), (ids["Hub"], "ally_of", ids["B"]),
                            (ids["A"], "enemy_of", ids["B"])}
    monkeypatch.setattr(graph_service, "MAX_GRAPH_NODES", 500)
    monkeypatch.setattr(graph_service, "MAX_GRAPH_EDGES", 2)
    cut = ok(codex["graph"]())
    assert cut["truncated"] is True and len(cut["edges"]) == 2 and cut["limits"] == {"nodes": 500, "edges": 2}


def test_cooccurrence_mode_joins_characters_of_visible_stories_and_their_places(client, auth, codex, make_story):
    owner, wid, ids = codex["owner"], codex["wid"], codex["ids"]
    world = {"world_id": wid}
    shown = make_story(owner, world, visibility="public")
    hidden = make_story(owner, world, visibility="private")
    ok(client.post(f"/api/stories/{shown['story_id']}/link-entities", headers=owner["headers"],
                   json={"characters": ["Ana", "Bram"], "locations": ["Port"]}))
    ok(client.post(f"/api/stories/{hidden['story_id']}/link-entities", headers=owner["headers"],
                   json={"characters": ["Ana", "Cira"]}))
    cast = ok(client.get(f"/api/worlds/{wid}/characters", headers=owner["headers"]))
    ids.update({c["name"]: c["entity_id"] for c in cast})
    ids["Port"] = ok(client.get(f"/api/worlds/{wid}/locations", headers=owner["headers"]))[0]["location_id"]
    codex["relate"]("Ana", "Bram", "loves")   # typed relations are not part of this mode

    mine = ok(codex["graph"]("?mode=cooccurrence"))
    assert mine["mode"] == "cooccurrence"
    pair = lambda a, b: tuple(sorted((ids[a], ids[b])))  # noqa: E731
    assert {(tuple(sorted((e["source"], e["target"]))), e["type"], e["weight"]) for e in mine["edges"]} == {
        (pair("Ana", "Bram"), "co_appears", 1), (pair("Ana", "Cira"), "co_appears", 1),
        (pair("Ana", "Port"), "visits", 1), (pair("Bram", "Port"), "visits", 1)}
    assert {n["kind"] for n in mine["nodes"]} == {"character", "location"}
    visits = [e for e in mine["edges"] if e["type"] == "visits"]
    assert all((e["label"], e["inverse_label"], e["mutual"]) == ("visits", "visited by", False) for e in visits)
    anonymous = ok(codex["graph"]("?mode=cooccurrence", headers={}))
    assert ids["Cira"] not in {n["id"] for n in anonymous["nodes"]}
    assert {e["type"] for e in ok(codex["graph"]("?mode=cooccurrence&types=visits"))["edges"]} == {"visits"}
    answer = codex["graph"]("?mode=cooccurrence&types=loves")
    assert (answer.status_code, answer.json["code"]) == (400, "unknown_relation_type")
    # the old story graph keeps its contract: story nodes, the old edge kinds
    old = ok(client.get(f"/api/worlds/{wid}/relationships", headers=owner["headers"]))
    assert {e["kind"] for e in old["edges"]} <= {"appears_in", "set_in", "co_appears", "visits", "linked"}
    assert {n["kind"] for n in old["nodes"]} == {"character", "location", "story"}
    assert set(old) == {"nodes", "edges", "truncated", "totals", "skipped_stories", "limits"}


def test_the_graph_is_as_visible_as_its_world(client, auth, make_world, codex):
    private = make_world(codex["owner"], visibility="private")
    stranger = auth.register()
    answer = client.get(f"/api/worlds/{private['world_id']}/graph", headers=stranger["headers"])
    assert (answer.status_code, answer.json["code"]) == (404, "not_found")


# -- family trees --------------------------------------------------------------------

@pytest.fixture
def family(codex):
    """Gran -> Mum -> Ana and Bo (siblings); Mum spouse_of Dad; Ana spouse_of Eli; Ana -> Kid."""
    for name in ("Gran", "Mum", "Dad", "Ana", "Bo", "Eli", "Kid", "Friend"):
        codex["add"](name)
    relate = codex["relate"]
    relate("Gran", "Mum", "parent_of")
    relate("Mum", "Ana", "parent_of")
    relate("Mum", "Bo", "parent_of")
    relate("Dad", "Ana", "parent_of")
    relate("Mum", "Dad", "spouse_of")
    relate("Eli", "Ana", "spouse_of")
    relate("Ana", "Kid", "parent_of")
    relate("Ana", "Bo", "sibling_of")
    relate("Ana", "Friend", "ally_of")
    return codex


def tree(client, codex, entry, depth=None):
    query = "" if depth is None else f"?depth={depth}"
    return client.get(f"/api/worlds/{codex['wid']}/entries/{codex['ids'].get(entry, entry)}/family-tree{query}",
                      headers=codex["headers"])


def test_a_family_tree_walks_parents_children_and_spouses_to_the_depth_asked(client, family):
    ids = family["ids"]
    name = {v: k for k, v in ids.items()}
    near = ok(tree(client, family, "Ana", 1))
    assert near["root"] == ids["Ana"] and near["depth"] == 1 and near["truncated"] is False
    assert {name[p["id"]]: p["generation"] for p in near["people"]} == {
        "Ana": 0, "Mum": -1, "Dad": -1, "Eli": 0, "Kid": 1}
    assert sorted((name[a], name[b]) for a, b in near["parents"]) == [("Ana", "Kid"), ("Dad", "Ana"), ("Mum", "Ana")]
    assert sorted(tuple(sorted((name[a], name[b]))) for a, b in near["spouses"]) == [("Ana", "Eli"), ("Dad", "Mum")]
    far = ok(tree(client, family, "Ana"))   # depth 3 by default
    assert {name[p["id"]]: p["generation"] for p in far["people"]} == {
        "Ana": 0, "Mum": -1, "Dad": -1, "Eli": 0, "Kid": 1, "Gran": -2, "Bo": 0}
    assert ("Gran", "Mum") in {(name[a], name[b]) for a, b in far["parents"]}
    assert all(set(p) == {"id", "name", "kind", "image_id", "generation"} for p in far["people"])


def test_a_family_tree_is_bounded_and_checks_its_input(client, family, monkeypatch):
    monkeypatch.setattr(graph_service, "MAX_TREE_PEOPLE", 3)
    cut = ok(tree(client, family, "Ana", 6))
    assert cut["truncated"] is True and len(cut["people"]) == 3
    alone = ok(tree(client, family, "Friend"))
    assert ([p["name"] for p in alone["people"]], alone["parents"], alone["spouses"]) == (["Friend"], [], [])
    for depth in (0, 7, "deep"):
        answer = tree(client, family, "Ana", depth)
        assert answer.status_code == 400 and "depth" in answer.json["details"], answer.json
    answer = tree(client, family, "no-such-entry")
    assert (answer.status_code, answer.json["code"]) == (404, "not_found")
