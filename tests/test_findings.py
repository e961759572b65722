"""Consistency checks through the API: run, list, dismiss, re-run keeps the dismissal,
stale findings replaced, selections, access, 4xx; findings go with their story."""
from __future__ import annotations

import pytest

KILLS = ("Orin Dask met Mara Vell at the ford. Mara Vell died at the ford. The river ran red. "
         "Later, Mara Vell walked into the hall and drew her sword.")


@pytest.fixture
def config_overrides(on_both_stores):
    return {**on_both_stores, "TASK_MODE": "inline"}


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(client, owner, make_world):
    world = make_world(owner, language="en")
    for name in ("Mara Vell", "Orin Dask"):
        response = client.post(f"/api/worlds/{world['world_id']}/entities", json={"name": name},
                               headers=owner["headers"])
        assert response.status_code == 201
    return world


def run_check(client, user, story_id, **body):
    response = client.post(f"/api/stories/{story_id}/checks", json=body, headers=user["headers"])
    assert response.status_code == 202, response.json
    task = client.get(f"/api/gpt/results/{response.json['task_id']}", headers=user["headers"]).json
    assert task["status"] == "completed" and task["type"] == "consistency_check", task
    return task["result"]


def findings(client, user, story_id, status="open"):
    response = client.get(f"/api/stories/{story_id}/findings?status={status}", headers=user["headers"])
    assert response.status_code == 200, response.json
    return response.json["findings"]


def test_a_chapter_that_kills_a_character_who_appears_later(client, owner, world, make_story):
    story = make_story(owner, world, content=KILLS)
    extracted = client.post(f"/api/stories/{story['story_id']}/events/extract", json={}, headers=owner["headers"])
    assert extracted.status_code == 202
    result = run_check(client, owner, story["story_id"])
    [death] = [f for f in result["findings"] if f["kind"] == "death"]
    assert death["quote"] == "Later, Mara Vell walked into the hall and drew her sword."
    assert KILLS[death["start"]:death["end"]] == death["quote"]
    event = death["cites"][0]
    assert event["kind"] == "event" and "died" in event["name"]
    assert client.get(f"/api/events/{event['id']}", headers=owner["headers"]).status_code == 200
    assert result["counts"] == {"open": len(result["findings"]), "dismissed": 0}
    assert set(death) == {"finding_id", "world_id", "story_id", "kind", "severity", "message", "quote", "start",
                          "end", "cites", "suggestion", "source", "status", "created_at"}


def test_dismissal_is_remembered_and_stale_findings_go(client, owner, world, make_story):
    story = make_story(owner, world, content=KILLS)
    sid = story["story_id"]
    [death] = [f for f in run_check(client, owner, sid)["findings"] if f["kind"] == "death"]
    patched = client.patch(f"/api/findings/{death['finding_id']}", json={"status": "dismissed"},
                           headers=owner["headers"])
    assert patched.status_code == 200 and patched.json["status"] == "dismissed"
    again = run_check(client, owner, sid)
    assert [f["status"] for f in again["findings"] if f["kind"] == "death"] == ["dismissed"]
    assert again["counts"]["dismissed"] == 1
    assert not [f for f in findings(client, owner, sid) if f["kind"] == "death"]
    assert [f["finding_id"] for f in findings(client, owner, sid, "dismissed")] == [death["finding_id"]]
    # an open finding the text no longer supports goes on the next run; the dismissal stays
    variant = "Seraphine arrived. " + KILLS
    client.post(f"/api/worlds/{world['world_id']}/entities", json={"name": "Seraphina"}, headers=owner["headers"])
    client.patch(f"/api/stories/{sid}", json={"content": variant}, headers=owner["headers"])
    assert [f["quote"] for f in run_check(client, owner, sid)["findings"] if f["kind"] == "name_variant"] == ["Seraphine"]
    client.patch(f"/api/stories/{sid}", json={"content": KILLS}, headers=owner["headers"])
    run_check(client, owner, sid)
    assert not [f for f in findings(client, owner, sid, "all") if f["kind"] == "name_variant"]
    assert len(findings(client, owner, sid, "dismissed")) == 1
    # reopen, then mark fixed: a fixed finding found again is open again
    client.patch(f"/api/findings/{death['finding_id']}", json={"status": "fixed"}, headers=owner["headers"])
    assert findings(client, owner, sid, "fixed")[0]["finding_id"] == death["finding_id"]
    run_check(client, owner, sid)
    assert death["finding_id"] in [f["finding_id"] for f in findings(client, owner, sid)]


def test_a_selection_checks_only_its_range(client, owner, world, make_story):
    story = make_story(owner, world, content=KILLS)
    cut = KILLS.index("Later")
    assert not run_check(client, owner, story["story_id"], start=0, end=cut)["findings"]
    assert run_check(client, owner, story["story_id"], start=0, end=len(KILLS))["findings"]


def test_earlier_chapter_death_feeds_the_rule_vietnamese(client, owner, make_world, make_story):
    world = make_world(owner, language="vi")
    wid = world["world_id"]
    for name in ("Trần Thị Mai", "Lý Thông"):
        client.post(f"/api/worlds/{wid}/entities", json={"name": name}, headers=owner["headers"])
    first = make_story(owner, world, title="Chương một", content="Lý Thông giết Trần Thị Mai bên bờ sông.")
    second = make_story(owner, world, title="Chương hai", content="Sáng hôm sau, Trần Thị Mai ra chợ bán trầu.")
    book = client.post(f"/api/worlds/{wid}/books", json={"title": "Sách"}, headers=owner["headers"]).json
    for chapter in (first, second):
        added = client.post(f"/api/books/{book['book_id']}/chapters", json={"story_id": chapter["story_id"]},
                            headers=owner["headers"])
        assert added.status_code == 201, added.json
    assert client.post(f"/api/stories/{first['story_id']}/events/extract", json={},
                       headers=owner["headers"]).status_code == 202
    result = run_check(client, owner, second["story_id"])
    [death] = [f for f in result["findings"] if f["kind"] == "death"]
    assert death["cites"][0]["kind"] == "event" and death["quote"].startswith("Sáng hôm sau")


def test_access_and_errors(client, auth, owner, world, make_story):
    story = make_story(owner, world, content=KILLS)
    sid = story["story_id"]
    reader, stranger = auth.register(), auth.register()
    client.post(f"/api/worlds/{world['world_id']}/share", json={"user_ids": [reader["user_id"]]},
                headers=owner["headers"])
    [first, *_] = run_check(client, owner, sid)["findings"]
    for user, status in ((reader, 403), (stranger, 404)):
        assert client.post(f"/api/stories/{sid}/checks", json={}, headers=user["headers"]).status_code == status
        assert client.get(f"/api/stories/{sid}/findings", headers=user["headers"]).status_code == status
        assert client.patch(f"/api/findings/{first['finding_id']}", json={"status": "dismissed"},
                            headers=user["headers"]).status_code == status
    assert client.post(f"/api/stories/{sid}/checks", json={}).status_code == 401
    bad = client.post(f"/api/stories/{sid}/checks", json={"start": 50, "end": 10}, headers=owner["headers"])
    assert bad.status_code == 400
    assert client.post(f"/api/stories/{sid}/checks", json={"end": len(KILLS) + 1},
                       headers=owner["headers"]).status_code == 400
    assert client.post("/api/stories/nope/checks", json={}, headers=owner["headers"]).status_code == 404
    assert client.patch(f"/api/findings/{first['finding_id']}", json={"status": "gone"},
                        headers=owner["headers"]).status_code == 400
    assert client.patch("/api/findings/nope", json={"status": "open"}, headers=owner["headers"]).status_code == 404
    assert client.get(f"/api/stories/{sid}/findings?status=bad", headers=owner["headers"]).status_code == 400


def test_use_ai_without_a_model_says_so(client, owner, world, make_story):
    story = make_story(owner, world, content=KILLS)
    result = run_check(client, owner, story["story_id"], use_ai=True)
    assert "offline" in result["notice"] and result["findings"]


def test_findings_go_to_the_trash_with_their_story_and_come_back(client, owner, world, make_story, store):
    story = make_story(owner, world, content=KILLS)
    sid = story["story_id"]
    run_check(client, owner, sid)
    assert store.count("findings", where={"story_id": sid})
    deleted = client.delete(f"/api/stories/{sid}", headers=owner["headers"])
    assert deleted.status_code == 200, deleted.json
    assert store.count("findings", where={"story_id": sid}) == 0
    trash_id = deleted.json["trash_id"]
    assert client.post(f"/api/trash/{trash_id}/restore", headers=owner["headers"]).status_code == 200
    assert findings(client, owner, sid)
    client.delete(f"/api/stories/{sid}", headers=owner["headers"])
    trashed = client.get("/api/trash", headers=owner["headers"]).json
    items = trashed if isinstance(trashed, list) else trashed.get("items", [])
    for item in items:
        client.delete(f"/api/trash/{item['trash_id']}", headers=owner["headers"])
    assert store.count("findings") == 0


def test_findings_go_with_a_deleted_account_world(client, auth, make_world, make_story, store):
    user = auth.register()
    world = make_world(user)
    client.post(f"/api/worlds/{world['world_id']}/entities", json={"name": "Mara Vell"}, headers=user["headers"])
    story = make_story(user, world, content=KILLS)
    run_check(client, user, story["story_id"])
    assert store.count("findings", where={"world_id": world["world_id"]})
    response = client.delete("/api/auth/me", headers=user["headers"], json={
        "password": "password123", "worlds": [{"world_id": world["world_id"], "action": "delete"}]})
    assert response.status_code == 200, response.json
    assert store.count("findings", where={"world_id": world["world_id"]}) == 0


def test_a_deleted_co_authors_dismissals_stay_but_forget_them(client, auth, owner, world, make_story, store):
    co_author = auth.register()
    store.put("worlds", world["world_id"], {**store.get("worlds", world["world_id"]),
                                            "co_authors": [co_author["user_id"]]})
    story = make_story(owner, world, content=KILLS)
    [first, *_] = run_check(client, co_author, story["story_id"])["findings"]
    client.patch(f"/api/findings/{first['finding_id']}", json={"status": "dismissed"}, headers=co_author["headers"])
    assert store.get("findings", first["finding_id"])["dismissed_by"] == co_author["user_id"]
    response = client.delete("/api/auth/me", headers=co_author["headers"], json={"password": "password123",
                                                                                "worlds": []})
    assert response.status_code == 200, response.json
    doc = store.get("findings", first["finding_id"])
    assert doc["status"] == "dismissed" and doc["dismissed_by"] == ""
