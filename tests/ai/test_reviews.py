"""Reviews: an analysis proposes, the writer decides, and a review can be undone.

Runs the real offline analysis on both stores; what is asserted is the review's
logic (matching against the world's entries across kinds, decisions, undo),
not the extractor's recall, which bench/extraction_eval.py measures.
"""
from __future__ import annotations

import pytest
from ai_helpers import run_job

from core.models import Story, World

TEXT = ("Daven Voss rode out of Emberfall at dawn. Daven and the Grey Company crossed the Kharzul Marshes "
        "to reach the city of Velmora. Captain Ilsa Marrow waited for them in Velmora.")


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(client, owner, make_world):
    """A world that already knows a place, a character and a faction."""
    world = make_world(owner)
    base = f"/api/worlds/{world['world_id']}"
    world["emberfall"] = client.post(f"{base}/locations", headers=owner["headers"], json={"name": "Emberfall"}).json
    world["daven"] = client.post(f"{base}/entities", headers=owner["headers"], json={"name": "Daven Voss"}).json
    world["company"] = client.post(f"{base}/entities", headers=owner["headers"],
                                   json={"name": "The Grey Company", "entity_type": "faction"}).json
    return world


def analyse(client, user, story) -> dict:
    task = run_job(client, user, f"/api/stories/{story['story_id']}/analyses")
    assert task["status"] == "completed", task
    assert task["type"] == "story_review"
    review = client.get(f"/api/stories/{story['story_id']}/review", headers=user["headers"])
    assert review.status_code == 200, review.json
    assert review.json["review_id"] == task["result"]["review_id"]
    return review.json


def decide(client, user, review, status=200, **body) -> dict:
    response = client.post(f"/api/reviews/{review['review_id']}/decisions", headers=user["headers"], json=body)
    assert response.status_code == status, response.json
    return response.json


def by_name(review) -> dict:
    return {p["name"]: p for p in review["proposals"]}


def cast(client, user, world) -> dict:
    base = f"/api/worlds/{world['world_id']}"
    return {"characters": sorted(c["name"] for c in client.get(f"{base}/characters", headers=user["headers"]).json),
            "locations": sorted(p["name"] for p in client.get(f"{base}/locations", headers=user["headers"]).json)}


def test_an_analysis_proposes_and_changes_nothing(client, owner, world, make_story, ai):
    before = cast(client, owner, world)
    story = make_story(owner, world, content=TEXT)
    review = analyse(client, owner, story)
    assert cast(client, owner, world) == before
    assert client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json["entities"] == []
    proposals = by_name(review)
    assert review["status"] == "open" and review["counts"]["pending"] == len(proposals)
    emberfall = proposals["Emberfall"]
    assert emberfall["action"] == "link" and emberfall["kind"] == "place"
    assert emberfall["target"]["id"] == world["emberfall"]["location_id"]
    assert emberfall["confident"] and "Emberfall" in emberfall["quote"]
    assert proposals["Daven Voss"]["target"]["id"] == world["daven"]["entity_id"]
    assert all(p["action"] != "create" for name, p in proposals.items()
               if name in ("Emberfall", "Daven Voss", "Daven", "Grey Company"))


def test_decisions_create_only_what_is_accepted(client, owner, world, make_story, ai):
    story = make_story(owner, world, content=TEXT)
    review = analyse(client, owner, story)
    creates = [p for p in review["proposals"] if p["action"] == "create"]
    assert len(creates) >= 2, review["proposals"]
    merged, ignored, *rest = creates
    result = decide(client, owner, review, decisions=[
        {"proposal_id": merged["proposal_id"], "action": "merge", "target_id": world["daven"]["entity_id"]},
        {"proposal_id": ignored["proposal_id"], "action": "ignore"},
    ] + [{"proposal_id": p["proposal_id"], "action": "accept"} for p in review["proposals"]
         if p not in (merged, ignored)])
    assert result["status"] == "decided" and result["counts"]["pending"] == 0
    assert result["applied"]["ignored"] == [ignored["name"]]
    assert {"kind": "character", "id": world["daven"]["entity_id"], "name": "Daven Voss",
            "alias": merged["name"]} in result["applied"]["aliased"]
    accepted = {p["name"] for p in rest}
    now = cast(client, owner, world)
    everything = now["characters"] + now["locations"]
    assert accepted <= set(everything)
    assert ignored["name"] not in everything and merged["name"] not in everything
    assert len(everything) == 3 + len(accepted)   # the three entries of the world, and what was accepted
    daven = client.get(f"/api/worlds/{world['world_id']}/entities/{world['daven']['entity_id']}",
                       headers=owner["headers"]).json
    assert merged["name"] in daven["aliases"]
    linked = client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json
    assert world["emberfall"]["location_id"] in linked["locations"]
    assert world["daven"]["entity_id"] in linked["entities"]

    again = analyse(client, owner, story)   # nothing already decided comes back
    names = {p["name"] for p in again["proposals"]}
    assert not names & (accepted | {ignored["name"], merged["name"], "Emberfall", "Daven Voss"}), again["proposals"]


def test_accept_confident_takes_only_confident_ones(client, owner, world, make_story, ai):
    story = make_story(owner, world, content=TEXT)
    review = analyse(client, owner, story)
    result = decide(client, owner, review, accept_confident=True)
    for proposal in result["proposals"]:
        assert proposal["status"] == ("accepted" if proposal["confident"] else "pending")
        assert (proposal["outcome"] is not None) == proposal["confident"]


def test_accepting_a_name_another_kind_has_links_that_entry(client, owner, world, make_story, ai):
    story = make_story(owner, world, content="Nobody had heard of Brannoch Hale. Brannoch Hale smiled.")
    review = analyse(client, owner, story)
    proposal = by_name(review)["Brannoch Hale"]
    result = decide(client, owner, review, decisions=[
        {"proposal_id": proposal["proposal_id"], "action": "accept", "name": "emberfall", "kind": "character"}])
    outcome = result["proposals"][[p["proposal_id"] for p in result["proposals"]].index(proposal["proposal_id"])]["outcome"]
    assert outcome == {"kind": "place", "id": world["emberfall"]["location_id"], "name": "Emberfall", "created": False}
    assert cast(client, owner, world)["characters"] == ["Daven Voss", "The Grey Company"]


def test_rename_and_change_kind_on_accept(client, owner, world, make_story, ai):
    story = make_story(owner, world, content="Orlan Vesk guarded the gate. Orlan Vesk never slept.")
    review = analyse(client, owner, story)
    proposal = by_name(review)["Orlan Vesk"]
    result = decide(client, owner, review, decisions=[
        {"proposal_id": proposal["proposal_id"], "action": "accept", "name": "Old Orlan Vesk the Watcher",
         "kind": "creature"}])
    created = result["applied"]["created"]
    assert [(c["name"], c["kind"]) for c in created] == [("Old Orlan Vesk the Watcher", "creature")]
    entity = client.get(f"/api/worlds/{world['world_id']}/entities/{created[0]['id']}", headers=owner["headers"]).json
    assert entity["entity_type"] == "creature" and "Orlan Vesk" in entity["aliases"]


def test_undo_puts_the_world_back(client, owner, world, make_story, ai):
    story = make_story(owner, world, content=TEXT)
    before = cast(client, owner, world)
    review = analyse(client, owner, story)
    creates = [p for p in review["proposals"] if p["action"] == "create"]
    decided = decide(client, owner, review, decisions=[
        {"proposal_id": creates[0]["proposal_id"], "action": "ignore"},
        {"proposal_id": creates[1]["proposal_id"], "action": "merge", "target_id": world["daven"]["entity_id"]},
    ], accept_confident=True)
    assert decided["applied"]["created"] or decided["applied"]["linked"]
    undone = client.post(f"/api/reviews/{review['review_id']}/undo", headers=owner["headers"])
    assert undone.status_code == 200, undone.json
    assert undone.json["undone"] is True
    assert cast(client, owner, world) == before
    linked = client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json
    assert linked["entities"] == [] and linked["locations"] == []
    daven = client.get(f"/api/worlds/{world['world_id']}/entities/{world['daven']['entity_id']}",
                       headers=owner["headers"]).json
    assert daven["aliases"] == []
    ignored = client.get(f"/api/worlds/{world['world_id']}/ignored-names", headers=owner["headers"]).json
    assert ignored == []
    trash = client.get("/api/trash", headers=owner["headers"]).json
    assert {t["title"] for t in trash} == {c["name"] for c in decided["applied"]["created"]}
    assert client.post(f"/api/reviews/{review['review_id']}/undo", headers=owner["headers"]).status_code == 409
    assert decide(client, owner, review, 409, accept_confident=True)["code"] == "review_undone"


def test_bad_decisions_change_nothing(client, owner, world, make_story, auth, ai):
    story = make_story(owner, world, content=TEXT)
    review = analyse(client, owner, story)
    first = review["proposals"][0]
    other_world = client.post("/api/worlds", headers=owner["headers"], json={"name": "Elsewhere"}).json
    stranger = client.post(f"/api/worlds/{other_world['world_id']}/entities", headers=owner["headers"],
                           json={"name": "Stranger"}).json
    assert decide(client, owner, review, 400, decisions=[{"proposal_id": "nope", "action": "accept"}])["code"]
    assert decide(client, owner, review, 400, decisions=[
        {"proposal_id": first["proposal_id"], "action": "merge", "target_id": stranger["entity_id"]}])
    assert decide(client, owner, review, 400, decisions=[{"proposal_id": first["proposal_id"], "action": "maybe"}])
    assert decide(client, owner, review, 400)["code"] == "validation_error"
    # all or nothing: a good decision next to a bad one is not applied either
    decide(client, owner, review, 400, decisions=[{"proposal_id": first["proposal_id"], "action": "accept"},
                                                  {"proposal_id": "nope", "action": "accept"}])
    still = client.get(f"/api/stories/{story['story_id']}/review", headers=owner["headers"]).json
    assert still["counts"]["pending"] == len(still["proposals"])
    decide(client, owner, review, decisions=[{"proposal_id": first["proposal_id"], "action": "ignore"}])
    assert decide(client, owner, review, 409, decisions=[
        {"proposal_id": first["proposal_id"], "action": "accept"}])["code"] == "already_decided"
    reader = auth.register()
    assert client.post(f"/api/reviews/{review['review_id']}/decisions", headers=reader["headers"],
                       json={"accept_confident": True}).status_code == 404


def test_ignored_names_can_be_listed_and_forgiven(client, owner, world, make_story, ai):
    story = make_story(owner, world, content=TEXT)
    review = analyse(client, owner, story)
    target = next(p for p in review["proposals"] if p["action"] == "create")
    decide(client, owner, review, decisions=[{"proposal_id": target["proposal_id"], "action": "ignore"}])
    path = f"/api/worlds/{world['world_id']}/ignored-names"
    listed = client.get(path, headers=owner["headers"]).json
    assert [i["name"] for i in listed] == [target["name"]]
    assert target["name"] not in {p["name"] for p in analyse(client, owner, story)["proposals"]}
    assert client.delete(f"{path}/{listed[0]['key']}", headers=owner["headers"]).status_code == 200
    assert client.delete(f"{path}/{listed[0]['key']}", headers=owner["headers"]).status_code == 404
    assert target["name"] in {p["name"] for p in analyse(client, owner, story)["proposals"]}


def test_link_entities_never_duplicates_a_name_of_another_kind(client, owner, world, make_story):
    story = make_story(owner, world)
    response = client.post(f"/api/stories/{story['story_id']}/link-entities", headers=owner["headers"], json={
        "characters": ["Emberfall", "grey company"], "locations": ["Daven Voss"]})
    assert response.status_code == 200, response.json
    result = response.json
    assert result["created_entities"] == [] and result["created_locations"] == []
    assert [loc["name"] for loc in result["linked_locations"]] == ["Emberfall"]
    assert sorted(e["name"] for e in result["linked_entities"]) == ["Daven Voss", "The Grey Company"]
    assert cast(client, owner, world) == {"characters": ["Daven Voss", "The Grey Company"], "locations": ["Emberfall"]}


def test_a_batch_analysis_can_be_undone(client, owner, world, make_story, ai):
    before = cast(client, owner, world)
    story = make_story(owner, world, content=TEXT)
    task = run_job(client, owner, "/api/gpt/batch-analyze-stories", {"world_id": world["world_id"],
                                                                     "story_ids": [story["story_id"]]})
    assert task["status"] == "completed", task
    assert cast(client, owner, world) != before
    undone = client.post(f"/api/reviews/{task['result']['review_id']}/undo", headers=owner["headers"])
    assert undone.status_code == 200, undone.json
    assert cast(client, owner, world) == before
    linked = client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json
    assert linked["entities"] == [] and linked["locations"] == []


def test_deleting_the_story_takes_its_reviews_to_the_trash(client, owner, world, make_story, ai):
    story = make_story(owner, world, content=TEXT)
    review = analyse(client, owner, story)
    deleted = client.delete(f"/api/stories/{story['story_id']}", headers=owner["headers"])
    assert deleted.status_code == 200
    assert client.post(f"/api/reviews/{review['review_id']}/decisions", headers=owner["headers"],
                       json={"accept_confident": True}).status_code == 404
    restored = client.post(f"/api/trash/{deleted.json['trash_id']}/restore", headers=owner["headers"])
    assert restored.status_code == 200
    assert client.get(f"/api/stories/{story['story_id']}/review", headers=owner["headers"]).status_code == 200


def test_a_story_keeps_its_latest_reviews(app, owner, world, make_story):
    services = app.extensions["worldsmith"]
    story = Story.from_dict(services.store.get("stories", make_story(owner, world, content=TEXT)["story_id"]))
    world_model = World.from_dict(services.store.get("worlds", world["world_id"]))
    made = [services.reviews.record(owner["user_id"], world_model, story, "", "en", []).review_id
            for _ in range(12)]
    kept = services.store.find_ids("reviews", where={"story_id": story.story_id})
    assert sorted(kept) == sorted(made[-10:])
