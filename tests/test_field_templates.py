"""Field templates (a world's custom fields per entry kind) and the values entries hold,
on TinyDB and on PostgreSQL."""
import pytest

from core.models import FieldTemplate
from core.models.field_template import MAX_PER_WORLD
from core.vocabulary import TEXT_MAX


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def codex(client, auth, make_world):
    """A world of ``owner`` with a character and a location; ``template(...)`` adds a field,
    ``set(fields, ...)`` writes the character's values."""
    owner = auth.register()
    world = make_world(owner, visibility="public")
    base = f"/api/worlds/{world['world_id']}"
    hero = client.post(f"{base}/entities", headers=owner["headers"], json={"name": "Hà Mai"}).json
    port = client.post(f"{base}/locations", headers=owner["headers"], json={"name": "Port"}).json

    class Codex:
        def template(self, label, field_type="text", kind="character", status=201, **extra):
            answer = client.post(f"{base}/field-templates", headers=owner["headers"],
                                 json={"kind": kind, "label": label, "field_type": field_type, **extra})
            assert answer.status_code == status, answer.json
            return answer.json

        def set(self, fields, item=None, collection="entities"):
            item_id = (item or hero)["entity_id" if collection == "entities" else "location_id"]
            return client.patch(f"{base}/{collection}/{item_id}", headers=owner["headers"], json={"fields": fields})

    found = Codex()
    found.owner, found.world, found.base, found.hero, found.port = owner, world, base, hero, port
    return found


def test_templates_are_created_listed_changed_and_keyed_by_slug(client, codex):
    home = codex.template("Quê quán")
    assert (home["key"], home["kind"], home["field_type"], home["order"]) == ("que_quan", "character", "text", 0)
    assert home["options"] == {"choices": [], "kinds": []}
    age = codex.template("Age", "number", key="age_years")
    assert (age["key"], age["order"]) == ("age_years", 1)
    codex.template("Climate", kind="location")
    listed = client.get(f"{codex.base}/field-templates").json
    assert [t["label"] for t in listed] == ["Quê quán", "Age", "Climate"]   # by kind, then order
    only = client.get(f"{codex.base}/field-templates?kind=location").json
    assert [t["key"] for t in only] == ["climate"]
    changed = client.patch(f"{codex.base}/field-templates/{age['template_id']}", headers=codex.owner["headers"],
                           json={"label": "Age (years)", "order": 0, "key": "ignored", "kind": "item"})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    assert (changed.json["label"], changed.json["key"], changed.json["kind"]) == ("Age (years)", "age_years",
                                                                                 "character")
    stale = client.patch(f"{codex.base}/field-templates/{age['template_id']}",
                         headers={**codex.owner["headers"], "If-Match": '"1"'}, json={"label": "Old"})
    assert stale.status_code == 412 and stale.json["code"] == "version_conflict"


def test_keys_are_unique_per_world_and_kind_and_must_be_slugs(client, codex):
    codex.template("Rank")
    clash = codex.template("rank", status=409)
    assert clash["code"] == "duplicate_key" and clash["details"] == {"key": "already exists"}
    codex.template("Rank", kind="faction")   # another kind may use the key
    assert codex.template("Title", key="Bad Key", status=400)["details"].keys() == {"key"}
    assert codex.template("!!!", status=400)["details"] == {"key": "letters or digits needed"}
    assert codex.template("X", field_type="colour", status=400)["details"].keys() == {"field_type"}
    assert codex.template("X", kind="planet", status=400)["details"].keys() == {"kind"}


def test_a_world_holds_a_bounded_number_of_templates(codex, store):
    with store.unit_of_work():
        for i in range(MAX_PER_WORLD):
            t = FieldTemplate(world_id=codex.world["world_id"], kind="lore", key=f"k{i}", label=f"K{i}")
            store.put(FieldTemplate.collection, t.template_id, t.to_dict())
    assert codex.template("One more", status=409)["code"] == "too_many_templates"


VALUES = [
    # field type, options, valid values, invalid values
    ("text", {}, ["Blue", ""], [5, ["a"], "x" * (TEXT_MAX + 1)]),
    ("text", {"choices": ["North", "South"]}, ["North"], ["East"]),
    ("number", {}, [3, -2.5, 0], ["3", True, 1e16, {"n": 1}]),
    ("date", {}, [{"year": 1000}, {"year": -40, "month": 2}, {"year": 1000, "month": 2, "day": 28}],
     [{"year": 1000, "month": 2, "day": 30}, {"year": 1000, "day": 3}, {"year": "1000"}, {"year": 1, "era": "x"},
      "1000", {"year": 10_000_000}]),
    ("list", {}, [["brave", "  quick  wit "], []], ["brave", [1], [""], ["x"] * 51, ["x" * 201]]),
    ("list", {"choices": ["red", "blue"]}, [["red"]], [["red", "green"]]),
]


@pytest.mark.parametrize("field_type,options,valid,invalid", VALUES, ids=lambda v: str(v)[:20])
def test_values_are_checked_by_type(codex, field_type, options, valid, invalid):
    codex.template("Value", field_type, options=options)
    for value in valid:
        answer = codex.set({"value": value})
        assert answer.status_code == 200, (value, answer.json)
    kept = answer.json["fields"]
    for value in invalid:
        refused = codex.set({"value": value})
        assert refused.status_code == 400, value
        assert refused.json["code"] == "invalid_field" and list(refused.json["details"]) == ["fields.value"], value
    assert codex.set({}).json["fields"] == kept   # nothing refused was stored


def test_list_items_are_stored_with_spacing_collapsed(codex):
    codex.template("Traits", "list")
    assert codex.set({"traits": ["  quick  wit "]}).json["fields"] == {"traits": ["quick wit"]}


def test_entry_values_name_an_entry_of_the_same_world(client, auth, make_world, codex):
    codex.template("Home", "entry", options={"kinds": ["location"]})
    codex.template("Friend", "entry")
    assert codex.set({"home": codex.port["location_id"], "friend": codex.hero["entity_id"]}).status_code == 200
    elsewhere = make_world(codex.owner)
    stranger = client.post(f"/api/worlds/{elsewhere['world_id']}/locations", headers=codex.owner["headers"],
                           json={"name": "Far"}).json
    for fields in ({"home": stranger["location_id"]}, {"home": "no-such-id"}, {"home": 7},
                   {"home": codex.hero["entity_id"]}):
        refused = codex.set(fields)
        assert refused.status_code == 400 and refused.json["code"] == "invalid_field", fields


def test_dates_are_checked_on_the_world_calendar(codex, store):
    doc = store.get("worlds", codex.world["world_id"])
    doc["metadata"] = {**doc.get("metadata", {}), "calendar": {"months": [{"name": "Frost", "days": 40}]}}
    with store.unit_of_work():
        store.put("worlds", doc["world_id"], doc)
    codex.template("Born", "date")
    assert codex.set({"born": {"year": 3, "month": 1, "day": 40}}).status_code == 200
    refused = codex.set({"born": {"year": 3, "month": 2}})
    assert refused.status_code == 400 and "between 1 and 1" in refused.json["details"]["fields.born"]


def test_a_key_without_a_template_of_the_kind_is_refused(codex):
    codex.template("Climate", kind="location")
    refused = codex.set({"climate": "wet"})
    assert refused.status_code == 400 and refused.json["code"] == "unknown_field"
    assert list(refused.json["details"]) == ["fields.climate"]
    assert codex.set({"climate": "wet"}, codex.port, "locations").status_code == 200


def test_values_merge_and_null_removes_one(codex):
    codex.template("Eyes")
    codex.template("Age", "number")
    codex.set({"eyes": "green", "age": 30})
    assert codex.set({"age": 31}).json["fields"] == {"eyes": "green", "age": 31}
    assert codex.set({"eyes": None}).json["fields"] == {"age": 31}


def test_deleting_a_template_keeps_the_values_and_the_trash_restores_it(client, codex):
    eyes = codex.template("Eyes")
    codex.set({"eyes": "green"})
    deleted = client.delete(f"{codex.base}/field-templates/{eyes['template_id']}", headers=codex.owner["headers"])
    assert deleted.status_code == 200 and deleted.json["template_id"] == eyes["template_id"]
    assert client.get(f"{codex.base}/field-templates").json == []
    hero = client.get(f"{codex.base}/entities/{codex.hero['entity_id']}").json
    assert hero["fields"] == {"eyes": "green"}          # an unlisted field now
    assert codex.set({"eyes": "green"}).status_code == 200   # sent back unchanged: kept
    assert codex.set({"eyes": "blue"}).json["code"] == "unknown_field"
    trash = client.get("/api/trash", headers=codex.owner["headers"]).json
    assert [(t["kind"], t["title"]) for t in trash] == [("field_template", "Eyes")]
    restored = client.post(f"/api/trash/{deleted.json['trash_id']}/restore", headers=codex.owner["headers"])
    assert restored.status_code == 200 and restored.json["kind"] == "field_template"
    assert [t["key"] for t in client.get(f"{codex.base}/field-templates").json] == ["eyes"]
    assert codex.set({"eyes": "blue"}).status_code == 200


def test_restoring_a_template_whose_key_was_taken_again_is_refused(client, codex):
    first = codex.template("Eyes")
    trash_id = client.delete(f"{codex.base}/field-templates/{first['template_id']}",
                             headers=codex.owner["headers"]).json["trash_id"]
    codex.template("Eyes", "number")
    refused = client.post(f"/api/trash/{trash_id}/restore", headers=codex.owner["headers"])
    assert refused.status_code == 409 and refused.json["code"] == "duplicate_key"


def test_a_change_of_template_leaves_stored_values_until_they_change(client, codex):
    mood = codex.template("Mood")
    codex.set({"mood": "calm"})
    client.patch(f"{codex.base}/field-templates/{mood['template_id']}", headers=codex.owner["headers"],
                 json={"field_type": "number"})
    assert codex.set({"mood": "calm"}).status_code == 200
    assert codex.set({"mood": "angry"}).json["code"] == "invalid_field"
    assert codex.set({"mood": 3}).json["fields"] == {"mood": 3}


def test_history_keeps_values_and_restores_them_without_their_template(client, codex):
    eyes = codex.template("Eyes")
    codex.set({"eyes": "green"})
    codex.set({"eyes": "grey"})
    client.delete(f"{codex.base}/field-templates/{eyes['template_id']}", headers=codex.owner["headers"])
    path = f"{codex.base}/entities/{codex.hero['entity_id']}"
    versions = client.get(f"{path}/versions", headers=codex.owner["headers"]).json
    assert [v["changed_fields"] for v in versions] == [["fields"], ["fields"]]
    restored = client.post(f"{path}/versions/2/restore", headers=codex.owner["headers"])
    assert restored.status_code == 200 and restored.json["fields"] == {"eyes": "green"}


def test_an_entity_kind_change_applies_the_new_kind_s_templates(client, codex):
    codex.template("Founded", "number", kind="faction")
    assert codex.set({"founded": 12}).json["code"] == "unknown_field"
    path = f"{codex.base}/entities/{codex.hero['entity_id']}"
    changed = client.patch(path, headers=codex.owner["headers"], json={"entity_type": "faction",
                                                                      "fields": {"founded": 12}})
    assert changed.status_code == 200 and changed.json["fields"] == {"founded": 12}
