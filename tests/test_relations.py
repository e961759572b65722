"""Typed relations and the world's relation types: checks on write (ends, type,
attitude, dates, duplicates, the per-world limit), history and If-Match, and
the trash (a relation alone, with an entry, with its world). On both stores."""
from __future__ import annotations

import pytest

from services import relation_service


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def ok(answer, status=200):
    assert answer.status_code == status, answer.json
    return answer.json


def refused(answer, status: int, code: str):
    assert answer.status_code == status, answer.json
    assert answer.json["code"] == code, answer.json
    assert {"error", "code", "details"} <= set(answer.json)
    return answer.json


@pytest.fixture
def codex(client, auth, make_world):
    """A world with characters Ana, Bram and Cira, the faction Night Watch and the place Port."""
    owner = auth.register()
    world = make_world(owner)
    wid = world["world_id"]
    ids = {}
    for name, entity_type in (("Ana", "character"), ("Bram", "character"), ("Cira", "character"),
                              ("Night Watch", "faction")):
        ids[name] = ok(client.post(f"/api/worlds/{wid}/entities", json={"name": name, "entity_type": entity_type},
                                   headers=owner["headers"]), 201)["entity_id"]
    ids["Port"] = ok(client.post(f"/api/worlds/{wid}/locations", json={"name": "Port"},
                                 headers=owner["headers"]), 201)["location_id"]

    def relate(source, target, type_, status=201, **fields):
        answer = client.post(f"/api/worlds/{wid}/relations", headers=owner["headers"],
                             json={"source_id": ids.get(source, source), "target_id": ids.get(target, target),
                                   "type": type_, **fields})
        assert answer.status_code == status, answer.json
        return answer.json

    return {"owner": owner, "headers": owner["headers"], "wid": wid, "ids": ids, "relate": relate}


def count(store, wid):
    return store.count("relations", where={"world_id": wid})


# -- writing ---------------------------------------------------------------------------

def test_a_relation_joins_two_entries_with_their_kinds_and_the_type_of_the_vocabulary(client, codex):
    ids, wid = codex["ids"], codex["wid"]
    answer = client.post(f"/api/worlds/{wid}/relations", headers=codex["headers"], json={
        "source_id": ids["Ana"], "target_id": ids["Night Watch"], "type": "member_of", "attitude": 2,
        "note": "Sworn at sixteen.", "start_date": {"year": 980, "month": 3}})
    relation = ok(answer, 201)
    assert answer.headers["ETag"] == '"1"'
    assert {k: relation[k] for k in ("source_id", "source_kind", "target_id", "target_kind", "type", "mutual",
                                     "attitude", "note", "start_date", "end_date", "version")} == {
        "source_id": ids["Ana"], "source_kind": "character", "target_id": ids["Night Watch"],
        "target_kind": "faction", "type": "member_of", "mutual": False, "attitude": 2,
        "note": "Sworn at sixteen.", "start_date": {"year": 980, "month": 3}, "end_date": None, "version": 1}
    got = client.get(f"/api/worlds/{wid}/relations/{relation['relation_id']}", headers=codex["headers"])
    assert ok(got) == relation and got.headers["ETag"] == '"1"'
    placed = codex["relate"]("Ana", "Port", "located_in")
    assert (placed["target_kind"], placed["mutual"]) == ("location", False)
    assert codex["relate"]("Ana", "Bram", "sibling_of")["mutual"] is True


@pytest.mark.parametrize("body, field, code", [
    ({"target_id": "Ana"}, "target_id", "self_relation"),
    ({"target_id": "no-such-entry"}, "target_id", "unknown_entry"),
    ({"source_id": "no-such-entry"}, "source_id", "unknown_entry"),
    ({"type": "mentor_of"}, "type", "unknown_relation_type"),
    ({"type": "Parent Of"}, "type", "validation_error"),
    ({"attitude": 4}, "attitude", "validation_error"),
    ({"attitude": -4}, "attitude", "validation_error"),
    ({"note": "x" * 20_001}, "note", "validation_error"),
    ({"start_date": {"year": 980, "month": 13}}, "start_date", "invalid_date"),
    ({"start_date": {"year": 981, "month": 2, "day": 29}}, "start_date", "invalid_date"),
    ({"start_date": {"year": 980, "day": 3}}, "start_date", "invalid_date"),
    ({"start_date": {"year": 980, "month": 5}, "end_date": {"year": 980, "month": 4, "day": 30}}, "end_date",
     "invalid_date"),
    ({"end_date": {"year": "soon"}}, "end_date.year", "validation_error"),
])
def test_a_bad_relation_is_refused_with_the_field_at_fault_and_nothing_written(client, store, codex, body, field,
                                                                                 code):
    ids, wid = codex["ids"], codex["wid"]
    fields = {"source_id": ids["Ana"], "target_id": ids["Bram"], "type": "loves", **body}
    fields = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    answer = refused(client.post(f"/api/worlds/{wid}/relations", json=fields, headers=codex["headers"]), 400, code)
    assert field in answer["details"], answer
    assert count(store, wid) == 0


def test_an_entry_of_another_world_cannot_be_related(client, auth, make_world, store, codex):
    other = make_world(codex["owner"])
    stranger = ok(client.post(f"/api/worlds/{other['world_id']}/entities", json={"name": "Zed"},
                              headers=codex["headers"]), 201)["entity_id"]
    answer = refused(client.post(f"/api/worlds/{codex['wid']}/relations", headers=codex["headers"], json={
        "source_id": codex["ids"]["Ana"], "target_id": stranger, "type": "loves"}), 400, "unknown_entry")
    assert answer["details"] == {"target_id": "no entry with this id in this world"}
    assert count(store, codex["wid"]) == 0


def test_dates_end_no_earlier_than_they_start_at_the_precision_both_have(codex):
    relate = codex["relate"]
    relate("Ana", "Bram", "loves", start_date={"year": 980, "month": 5}, end_date={"year": 980})
    relate("Ana", "Cira", "loves", start_date={"year": 980, "month": 5, "day": 2},
           end_date={"year": 980, "month": 5, "day": 2})
    relate("Bram", "Cira", "loves", 400, start_date={"year": 980}, end_date={"year": 979, "month": 12})


def test_the_same_relation_twice_is_a_conflict_and_a_mutual_one_either_way_round(client, store, codex):
    relate = codex["relate"]
    first = relate("Ana", "Bram", "sibling_of")
    assert relate("Bram", "Ana", "sibling_of", 409)["code"] == "duplicate_relation"
    assert relate("Ana", "Bram", "sibling_of", 409)["details"] == {"relation_id": first["relation_id"]}
    relate("Ana", "Bram", "parent_of")
    assert relate("Ana", "Bram", "parent_of", 409)["code"] == "duplicate_relation"
    relate("Bram", "Ana", "loves")          # one-way: each direction is its own relation
    relate("Ana", "Bram", "loves")
    assert count(store, codex["wid"]) == 4


def test_a_world_holds_a_bounded_number_of_relations(codex, store, monkeypatch):
    monkeypatch.setattr(relation_service, "MAX_RELATIONS_PER_WORLD", 2)
    codex["relate"]("Ana", "Bram", "loves")
    codex["relate"]("Ana", "Cira", "loves")
    assert codex["relate"]("Bram", "Cira", "loves", 409)["code"] == "relation_limit"
    assert count(store, codex["wid"]) == 2


def test_an_update_honours_if_match_keeps_history_and_is_checked_like_a_creation(client, store, codex):
    wid, headers, relate = codex["wid"], codex["headers"], codex["relate"]
    relation = relate("Ana", "Bram", "loves", attitude=3, start_date={"year": 990}, end_date={"year": 995})
    relate("Ana", "Cira", "loves")
    url = f"/api/worlds/{wid}/relations/{relation['relation_id']}"
    stale = client.patch(url, json={"attitude": -2}, headers={**headers, "If-Match": '"7"'})
    assert stale.status_code == 412 and stale.json["current"] == relation
    answer = client.patch(url, json={"attitude": -2, "note": "It soured.", "end_date": None},
                          headers={**headers, "If-Match": '"1"'})
    changed = ok(answer)
    assert answer.headers["ETag"] == '"2"'
    assert (changed["attitude"], changed["note"], changed["start_date"], changed["end_date"], changed["version"]) == (
        -2, "It soured.", {"year": 990}, None, 2)
    revisions = store.find("revisions", where={"doc_id": relation["relation_id"]})
    assert [(r["version"], r["changed_fields"], r["document"]["attitude"]) for r in revisions] == [
        (1, ["attitude", "note", "end_date"], 3)]
    refused(client.patch(url, json={"target_id": codex["ids"]["Cira"]}, headers=headers), 409, "duplicate_relation")
    refused(client.patch(url, json={"target_id": codex["ids"]["Ana"]}, headers=headers), 400, "self_relation")
    refused(client.patch(url, json={"type": "nope"}, headers=headers), 400, "unknown_relation_type")
    refused(client.patch(url, json={"end_date": {"year": 900}}, headers=headers), 400, "invalid_date")
    moved = ok(client.patch(url, json={"target_id": codex["ids"]["Night Watch"], "type": "member_of"},
                            headers=headers))
    assert (moved["target_kind"], moved["type"], moved["version"]) == ("faction", "member_of", 3)
    assert ok(client.get(url, headers=headers)) == moved


def test_listing_filters_by_entry_and_type_and_pages(client, codex):
    wid, headers, relate, ids = codex["wid"], codex["headers"], codex["relate"], codex["ids"]
    made = [relate("Ana", "Bram", "loves"), relate("Cira", "Ana", "enemy_of"), relate("Bram", "Cira", "loves"),
            relate("Ana", "Port", "located_in")]
    ids_of = lambda answer: [r["relation_id"] for r in ok(answer)]  # noqa: E731
    assert ids_of(client.get(f"/api/worlds/{wid}/relations", headers=headers)) == [r["relation_id"] for r in made]
    touching = client.get(f"/api/worlds/{wid}/relations?entry_id={ids['Ana']}&per_page=2", headers=headers)
    assert ids_of(touching) == [made[0]["relation_id"], made[1]["relation_id"]]
    assert touching.headers["X-Total-Count"] == "3" and 'rel="next"' in touching.headers["Link"]
    assert ids_of(client.get(f"/api/worlds/{wid}/relations?entry_id={ids['Ana']}&per_page=2&page=2",
                             headers=headers)) == [made[3]["relation_id"]]
    assert ids_of(client.get(f"/api/worlds/{wid}/relations?type=loves", headers=headers)) == [
        made[0]["relation_id"], made[2]["relation_id"]]
    assert ids_of(client.get(f"/api/worlds/{wid}/relations?type=loves&entry_id={ids['Cira']}",
                             headers=headers)) == [made[2]["relation_id"]]
    refused(client.get(f"/api/worlds/{wid}/relations?kind=loves", headers=headers), 400, "validation_error")


def test_a_relation_of_one_world_is_not_found_through_another(client, make_world, codex):
    relation = codex["relate"]("Ana", "Bram", "loves")
    other = make_world(codex["owner"])
    url = f"/api/worlds/{other['world_id']}/relations/{relation['relation_id']}"
    for method in ("GET", "PATCH", "DELETE"):
        refused(client.open(url, method=method, json={"note": "x"} if method == "PATCH" else None,
                            headers=codex["headers"]), 404, "not_found")


# -- the vocabulary ----------------------------------------------------------------------

def test_the_vocabulary_starts_from_the_defaults_and_the_owner_replaces_it(client, codex):
    wid, headers = codex["wid"], codex["headers"]
    answer = client.get(f"/api/worlds/{wid}/relation-types", headers=headers)
    defaults = ok(answer)
    assert answer.headers["ETag"] == '"1"'
    assert {"key": "parent_of", "label": "parent of", "inverse_label": "child of", "mutual": False} in defaults
    assert {t["key"] for t in defaults} >= {"sibling_of", "spouse_of", "ally_of", "enemy_of", "member_of", "rules"}
    wanted = [{"key": "mentor_of", "label": "mentor of", "inverse_label": "apprentice of"},
              {"key": "rival_of", "label": "rival of", "mutual": True}, *defaults[:2]]
    stale = client.put(f"/api/worlds/{wid}/relation-types", json={"types": wanted},
                       headers={**headers, "If-Match": '"5"'})
    assert stale.status_code == 412 and stale.json["current"] == defaults
    answer = client.put(f"/api/worlds/{wid}/relation-types", json={"types": wanted},
                        headers={**headers, "If-Match": '"1"'})
    types = ok(answer)
    assert answer.headers["ETag"] == '"2"'
    assert types[:2] == [{"key": "mentor_of", "label": "mentor of", "inverse_label": "apprentice of", "mutual": False},
                         {"key": "rival_of", "label": "rival of", "inverse_label": "rival of", "mutual": True}]
    assert ok(client.get(f"/api/worlds/{wid}/relation-types", headers=headers)) == types
    assert codex["relate"]("Ana", "Bram", "mentor_of")["mutual"] is False
    codex["relate"]("Ana", "Bram", "rival_of")
    assert codex["relate"]("Bram", "Ana", "rival_of", 409)["code"] == "duplicate_relation"
    assert codex["relate"]("Ana", "Cira", "loves", 400)["code"] == "unknown_relation_type"


def test_a_type_in_use_can_be_neither_removed_nor_turned_mutual_and_nothing_changes(client, store, codex):
    wid, headers = codex["wid"], codex["headers"]
    defaults = ok(client.get(f"/api/worlds/{wid}/relation-types", headers=headers))
    codex["relate"]("Ana", "Bram", "loves")
    without_loves = [t for t in defaults if t["key"] != "loves"]
    answer = refused(client.put(f"/api/worlds/{wid}/relation-types", json={"types": without_loves},
                                headers=headers), 409, "relation_type_in_use")
    assert answer["details"] == {"types": "loves is in use"}
    mutual_loves = [{**t, "mutual": True} if t["key"] == "loves" else t for t in defaults]
    refused(client.put(f"/api/worlds/{wid}/relation-types", json={"types": mutual_loves}, headers=headers),
            409, "relation_type_in_use")
    assert store.count("relation_types") == 0
    relabelled = [{**t, "label": "adores"} if t["key"] == "loves" else t for t in defaults
                  if t["key"] != "owns"]   # unused keys may go
    assert [t["label"] for t in ok(client.put(f"/api/worlds/{wid}/relation-types", json={"types": relabelled},
                                              headers=headers)) if t["key"] == "loves"] == ["adores"]
    revisions = store.find("revisions", where={"world_id": wid})
    assert [r["doc_collection"] for r in revisions if r["changed_fields"] == ["types"]] == ["relation_types"]


def test_repeated_or_malformed_type_keys_are_refused(client, codex):
    url, headers = f"/api/worlds/{codex['wid']}/relation-types", codex["headers"]
    refused(client.put(url, json={"types": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]},
                       headers=headers), 400, "duplicate_key")
    refused(client.put(url, json={"types": [{"key": "Has Space", "label": "A"}]}, headers=headers),
            400, "validation_error")
    refused(client.put(url, json={"types": [{"key": "ok", "label": "  "}]}, headers=headers),
            400, "validation_error")


def test_readers_see_relations_and_types_but_only_the_owner_writes_them(client, auth, codex):
    wid = codex["wid"]
    relation = codex["relate"]("Ana", "Bram", "loves")
    reader = auth.register()
    ok(client.post(f"/api/worlds/{wid}/share", json={"user_ids": [reader["user_id"]]}, headers=codex["headers"]))
    assert ok(client.get(f"/api/worlds/{wid}/relations", headers=reader["headers"])) == [relation]
    assert ok(client.get(f"/api/worlds/{wid}/relation-types", headers=reader["headers"]))
    refused(client.post(f"/api/worlds/{wid}/relations", headers=reader["headers"], json={
        "source_id": codex["ids"]["Ana"], "target_id": codex["ids"]["Cira"], "type": "loves"}), 403, "forbidden")
    stranger = auth.register()
    refused(client.get(f"/api/worlds/{wid}/relations", headers=stranger["headers"]), 404, "not_found")


# -- the trash ---------------------------------------------------------------------------

def test_a_deleted_relation_goes_to_the_trash_and_comes_back_with_its_history(client, store, codex):
    wid, headers = codex["wid"], codex["headers"]
    relation = codex["relate"]("Ana", "Bram", "parent_of")
    url = f"/api/worlds/{wid}/relations/{relation['relation_id']}"
    ok(client.patch(url, json={"note": "Adopted."}, headers=headers))
    kept = store.get("relations", relation["relation_id"])
    refused(client.delete(url, headers={**headers, "If-Match": '"1"'}), 412, "version_conflict")
    deleted = ok(client.delete(url, headers={**headers, "If-Match": '"2"'}))
    assert (deleted["message"], deleted["relation_id"]) == ("Relation deleted", relation["relation_id"])
    refused(client.get(url, headers=headers), 404, "not_found")
    assert store.find("revisions", where={"doc_id": relation["relation_id"]}) == []
    [entry] = ok(client.get("/api/trash", headers=headers))
    assert (entry["kind"], entry["title"], entry["counts"]) == ("relation", "Ana parent of Bram",
                                                               {"relations": 1, "revisions": 1})
    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=headers))
    assert restored["restored"] == {"relations": 1, "revisions": 1}
    assert store.get("relations", relation["relation_id"]) == kept
    assert len(store.find("revisions", where={"doc_id": relation["relation_id"]})) == 1


def test_a_deleted_relation_is_not_restored_over_a_missing_end_or_a_new_twin(client, store, codex):
    wid, headers, ids = codex["wid"], codex["headers"], codex["ids"]
    first = codex["relate"]("Ana", "Bram", "sibling_of")
    trash = ok(client.delete(f"/api/worlds/{wid}/relations/{first['relation_id']}", headers=headers))["trash_id"]
    twin = codex["relate"]("Bram", "Ana", "sibling_of")
    refused(client.post(f"/api/trash/{trash}/restore", headers=headers), 409, "duplicate_relation")
    ok(client.delete(f"/api/worlds/{wid}/relations/{twin['relation_id']}", headers=headers))
    bram = ok(client.delete(f"/api/worlds/{wid}/entities/{ids['Bram']}", headers=headers))["trash_id"]
    refused(client.post(f"/api/trash/{trash}/restore", headers=headers), 409, "relation_end_missing")
    assert store.get("relations", first["relation_id"]) is None
    ok(client.post(f"/api/trash/{bram}/restore", headers=headers))
    ok(client.post(f"/api/trash/{trash}/restore", headers=headers))
    assert store.get("relations", first["relation_id"])["source_id"] == ids["Ana"]


def test_deleting_an_entry_moves_its_relations_into_its_trash_entry_and_restoring_brings_back_those_that_fit(
        client, store, codex):
    wid, headers, ids, relate = codex["wid"], codex["headers"], codex["ids"], codex["relate"]
    to_bram = relate("Ana", "Bram", "parent_of")
    from_cira = relate("Cira", "Ana", "enemy_of")
    to_port = relate("Ana", "Port", "located_in")
    untouched = relate("Bram", "Cira", "loves")
    ok(client.patch(f"/api/worlds/{wid}/relations/{to_bram['relation_id']}", json={"attitude": 1}, headers=headers))
    deleted = ok(client.delete(f"/api/worlds/{wid}/entities/{ids['Ana']}", headers=headers))
    gone = [to_bram, from_cira, to_port]
    assert all(store.get("relations", r["relation_id"]) is None for r in gone)
    assert ok(client.get(f"/api/worlds/{wid}/relations", headers=headers)) == [untouched]
    [entry] = ok(client.get("/api/trash", headers=headers))
    assert entry["counts"] == {"entities": 1, "relations": 3, "revisions": 1}
    # meanwhile the place goes: its relation to Ana cannot come back
    ok(client.delete(f"/api/worlds/{wid}/locations/{ids['Port']}", headers=headers))
    assert relate("Cira", "Ana", "enemy_of", 400)["code"] == "unknown_entry"   # Ana is no entry while trashed
    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=headers))
    assert restored["restored"] == {"entities": 1, "relations": 2, "revisions": 1}
    assert store.get("relations", to_bram["relation_id"])["attitude"] == 1
    assert store.get("relations", from_cira["relation_id"]) is not None
    assert store.get("relations", to_port["relation_id"]) is None
    assert len(store.find("revisions", where={"doc_id": to_bram["relation_id"]})) == 1


def test_a_restored_entry_leaves_out_a_relation_made_again_meanwhile(client, store, codex):
    wid, headers, ids, relate = codex["wid"], codex["headers"], codex["ids"], codex["relate"]
    old = relate("Ana", "Port", "located_in")
    deleted = ok(client.delete(f"/api/worlds/{wid}/locations/{ids['Port']}", headers=headers))
    assert store.get("relations", old["relation_id"]) is None
    trash = store.get("trash", deleted["trash_id"])
    assert [r["relation_id"] for r in trash["contents"]["relations"]] == [old["relation_id"]]
    # the API cannot make its twin while Port is trashed: one written straight to the store stands in
    twin = {**old, "relation_id": "twin-relation"}
    with store.unit_of_work():
        store.put("relations", twin["relation_id"], twin)
    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=headers))
    assert restored["restored"] == {"locations": 1}
    assert store.get("relations", old["relation_id"]) is None
    assert count(store, wid) == 1


def test_purging_an_entry_purges_its_relations(client, store, codex):
    wid, headers, ids = codex["wid"], codex["headers"], codex["ids"]
    relation = codex["relate"]("Ana", "Bram", "loves")
    deleted = ok(client.delete(f"/api/worlds/{wid}/entities/{ids['Bram']}", headers=headers))
    ok(client.delete(f"/api/trash/{deleted['trash_id']}", headers=headers))
    assert store.get("trash", deleted["trash_id"]) is None
    assert store.get("relations", relation["relation_id"]) is None
    assert count(store, wid) == 0


def test_a_world_takes_its_relations_and_relation_types_to_the_trash_and_back(client, store, codex):
    wid, headers = codex["wid"], codex["headers"]
    defaults = ok(client.get(f"/api/worlds/{wid}/relation-types", headers=headers))
    types = ok(client.put(f"/api/worlds/{wid}/relation-types", headers=headers,
                          json={"types": [*defaults, {"key": "mentor_of", "label": "mentor of"}]}))
    made = [codex["relate"]("Ana", "Bram", "mentor_of"), codex["relate"]("Bram", "Cira", "ally_of")]
    before = {"relations": store.find("relations", where={"world_id": wid}),
              "relation_types": store.find("relation_types", where={"world_id": wid})}
    deleted = ok(client.delete(f"/api/worlds/{wid}", headers=headers))
    assert store.find("relations", where={"world_id": wid}) == []
    assert store.find("relation_types", where={"world_id": wid}) == []
    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=headers))
    assert (restored["restored"]["relations"], restored["restored"]["relation_types"]) == (2, 1)
    assert store.find("relations", where={"world_id": wid}) == before["relations"]
    assert store.find("relation_types", where={"world_id": wid}) == before["relation_types"]
    assert ok(client.get(f"/api/worlds/{wid}/relation-types", headers=headers)) == types
    assert [r["relation_id"] for r in ok(client.get(f"/api/worlds/{wid}/relations", headers=headers))] == [
        r["relation_id"] for r in made]
