"""Real answers match the answer schemas the spec documents.

The fuzz test sees mostly error answers for routes about one resource (random
ids are not found); here a scenario drives every operation to a success
answer, with data in it (casts, links, events, finished jobs, a
logged-in and an anonymous caller), and each body is validated by schemathesis
against the schema ``/apispec.json`` declares for its status.
"""
from __future__ import annotations

import io
import re

import pytest
import schemathesis

import image_files
from core.models import User
from services.task_service import TaskService


class Checker:
    def __init__(self, app, client):
        self.client = client
        self.schema = schemathesis.openapi.from_wsgi("/apispec.json", app)
        self.spec = client.get("/apispec.json").json
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, method: str, path: str, user=None, status: int | None = None, **kwargs):
        headers = {**(user["headers"] if user else {}), **kwargs.pop("headers", {})}
        response = self.client.open(path, method=method, headers=headers, **kwargs)
        assert 200 <= response.status_code < 300 if status is None else response.status_code == status, (
            method, path, response.status_code, response.json)
        operation = self.schema.find_operation_by_path(method, path.split("?")[0])
        assert operation is not None, (method, path)
        documented = self.spec["paths"][operation.path][method.lower()]["responses"]
        assert str(response.status_code) in documented, (method, path, response.status_code)
        operation.validate_response(response)
        self.seen.add((method.upper(), operation.path))
        if response.mimetype == "text/event-stream":
            return response.get_data(as_text=True)
        return response.json


@pytest.mark.parametrize("config_overrides", [{"TASK_MODE": "inline"}])
def test_every_operation_answers_as_its_schema_says(app, client, auth, store):
    check = Checker(app, client)
    admin = auth.register("chief", role="admin")
    writer = auth.register("scribe")
    reader = auth.register("reader")

    # accounts
    check("POST", "/api/auth/register", json={"username": "newbie", "email": "newbie@example.com",
                                               "password": "password123"})
    check("POST", "/api/auth/login", json={"username": "scribe", "password": "password123"})
    check("GET", "/api/auth/verify", writer)
    check("GET", "/api/auth/me", writer)
    changed = check("POST", "/api/auth/change-password", writer,
                    json={"old_password": "password123", "new_password": "password456"})
    writer["headers"] = {"Authorization": f"Bearer {changed['token']}"}

    # profiles, avatars, email, account deletion (of the account made above)
    check("PATCH", "/api/auth/me", writer, json={"display_name": "Linh", "bio": "Viết truyện."})
    check("PUT", "/api/auth/me/avatar", writer, content_type="multipart/form-data",
          data={"file": (io.BytesIO(image_files.png(80, 60)), "me.png")})
    avatar = client.get(f"/api/users/{writer['user_id']}/avatar")
    check("GET", f"/api/users/{writer['user_id']}/avatar", status=304,
          headers={"If-None-Match": avatar.headers["ETag"]})
    check("GET", f"/api/users/{writer['user_id']}/avatar", reader)
    check("GET", "/api/users/by-name/SCRIBE")
    assert check("GET", "/api/auth/me", writer)["user"]["avatar_url"]
    check("DELETE", "/api/auth/me/avatar", writer)
    check("POST", "/api/auth/change-email", writer, json={"password": "password456",
                                                         "new_email": "scribe2@example.com"})
    check("GET", "/api/auth/me/deletion-plan", writer)
    newbie = client.post("/api/auth/login", json={"username": "newbie", "password": "password123"}).json
    check("DELETE", "/api/auth/me", {"headers": {"Authorization": f"Bearer {newbie['token']}"}},
          json={"password": "password123", "worlds": []})

    # a world with a cast
    world = check("POST", "/api/worlds", writer, json={
        "name": "Aldmoor", "description": "Misty hills.", "visibility": "public", "starter_cast": True,
        "gpt_entities": {"entities": [{"name": "Mira Vale"}], "locations": [{"name": "Stonebridge"}]}})
    wid = world["world_id"]
    check("GET", f"/api/worlds/{wid}")
    assert check("GET", "/api/users/by-name/scribe")["profile"]["worlds"][0]["world_id"] == wid
    check("GET", "/api/worlds?q=ald", writer)
    check("PATCH", f"/api/worlds/{wid}", writer, json={"metadata": {"calendar": {"current_year": 1200},
                                                                  "themes": ["honour"]}})
    check("PATCH", f"/api/worlds/{wid}", writer, json={"metadata": {"calendar": {
        "months": [{"name": "Thaw", "days": 30}, {"name": "Frost", "days": 40}], "weekdays": ["Moon", "Sun"],
        "eras": [{"name": "Before", "abbreviation": "B", "start_year": -99, "direction": "backward"},
                 {"name": "After", "abbreviation": "A", "start_year": 1}],
        "leap": {"every": 4, "month": 2}, "current_date": {"year": 1200, "month": 2, "day": 3}}}})
    check("PUT", f"/api/worlds/{wid}", writer, json={"description": "Misty hills and old roads."})
    check("POST", f"/api/worlds/{wid}/share", writer, json={"user_ids": [reader["user_id"]]})
    check("GET", f"/api/worlds/{wid}", reader)
    check("POST", f"/api/worlds/{wid}/unshare", writer, json={"user_ids": [reader["user_id"]]})
    # members and invitations
    guest = auth.register("guest")
    check("GET", "/api/users/lookup?username=READER", writer)
    made = check("POST", f"/api/worlds/{wid}/invitations", writer, status=201,
                 json={"invitee": "reader", "role": "co_author"})["invitation"]
    check("GET", f"/api/worlds/{wid}/invitations", writer)
    check("GET", "/api/invitations", reader)
    check("POST", f"/api/invitations/{made['invitation_id']}/accept", reader)
    check("PATCH", f"/api/worlds/{wid}/members/{reader['user_id']}", writer, json={"role": "reader"})
    check("GET", f"/api/worlds/{wid}/members", reader)
    by_email = check("POST", f"/api/worlds/{wid}/invitations", writer, status=201,
                     json={"invitee": "someone@example.com", "role": "reader"})["invitation"]
    check("DELETE", f"/api/worlds/{wid}/invitations/{by_email['invitation_id']}", writer)
    to_guest = check("POST", f"/api/worlds/{wid}/invitations", writer, status=201,
                     json={"invitee": "guest", "role": "reader"})["invitation"]
    check("POST", f"/api/invitations/{to_guest['invitation_id']}/decline", guest)
    check("DELETE", f"/api/worlds/{wid}/members/{reader['user_id']}", reader)
    hero = check("POST", f"/api/worlds/{wid}/entities", writer,
                 json={"name": "Tomas Reed", "role": "hero", "aliases": ["Tom"], "attributes": {"age": 30}})
    check("PUT", f"/api/worlds/{wid}/entities/{hero['entity_id']}", writer, json={"description": "Brave."})
    check("PATCH", f"/api/worlds/{wid}/entities/{hero['entity_id']}", writer, json={"role": "lead"})
    check("GET", f"/api/worlds/{wid}/characters?per_page=2")
    place = check("POST", f"/api/worlds/{wid}/locations", writer, json={"name": "Greywater", "coordinates": {"x": 1}})
    check("PUT", f"/api/worlds/{wid}/locations/{place['location_id']}", writer, json={"location_type": "town"})
    check("PATCH", f"/api/worlds/{wid}/locations/{place['location_id']}", writer, json={"description": "Wet."})
    check("GET", f"/api/worlds/{wid}/locations")

    # stories, links, the graph
    text = ("Tomas Reed rode to Greywater at dawn. Mira Vale waited at Stonebridge. "
            "Tomas Reed and Mira Vale crossed Stonebridge together.")
    created = check("POST", "/api/stories", writer, json={
        "world_id": wid, "title": "The Crossing", "content": text, "visibility": "public",
        "selected_characters": [hero["entity_id"]], "time_index": 40})
    sid = created["story"]["story_id"]
    other = check("POST", "/api/stories", writer, json={
        "world_id": wid, "title": "Afterwards", "description": "Tomas Reed rests.", "visibility": "public",
        "selected_characters": [hero["entity_id"]]})["story"]["story_id"]
    check("POST", "/api/stories", writer, json={"world_id": wid, "title": "Alone", "visibility": "private"})
    check("GET", f"/api/stories/{sid}")
    check("GET", f"/api/stories?world_id={wid}&q=cross")
    check("GET", "/api/stories", writer)
    check("GET", f"/api/worlds/{wid}/stories", writer)
    check("PUT", f"/api/stories/{sid}", writer, json={"genre": "mystery"})
    check("PATCH", f"/api/stories/{sid}", writer, json={"time_index": 45})
    check("PATCH", f"/api/stories/{other}", writer, json={"date": {"year": 900, "month": 2, "day": 4}})
    check("POST", f"/api/stories/{sid}/link-entities", writer, json={
        "characters": ["Mira Vale", {"name": "Old Bren", "role": "guide"}],
        "locations": ["Stonebridge", {"name": "Ashfold", "description": "Burnt."}]})
    check("POST", f"/api/worlds/{wid}/auto-link-stories?per_page=1", writer)
    check("GET", f"/api/worlds/{wid}/relationships")
    check("GET", f"/api/worlds/{wid}/relationships", writer)

    # activity and the live stream (a test app's stream replays and ends at once)
    check("GET", f"/api/worlds/{wid}/activity?limit=5", writer)
    check("GET", f"/api/worlds/{wid}/activity?after=1&limit=2", writer)
    check("GET", "/api/activity", writer)
    ticket = check("POST", f"/api/worlds/{wid}/live/ticket", writer)["ticket"]
    replay = check("GET", f"/api/worlds/{wid}/live?ticket={ticket}&last_event_id=1")
    assert "event: change" in replay and "id: 2" in replay, replay

    # the codex: field templates, tags, entries, an entry's page, the tree of locations
    fields = f"/api/worlds/{wid}/field-templates"
    home = check("POST", fields, writer, json={"kind": "character", "label": "Home", "field_type": "entry"})
    check("PATCH", f"{fields}/{home['template_id']}", writer,
          json={"label": "Home town", "options": {"kinds": ["location"]}})
    check("GET", f"{fields}?kind=character")
    check("PATCH", f"/api/worlds/{wid}/entities/{hero['entity_id']}", writer,
          json={"fields": {"home": place["location_id"]}, "tags": ["Lead"]})
    docks = check("POST", f"/api/worlds/{wid}/locations", writer,
                  json={"name": "Greywater Docks", "parent_id": place["location_id"], "tags": ["port"]})
    check("PATCH", f"/api/stories/{sid}", writer, json={"tags": ["Journey"]})
    check("GET", "/api/stories?tag=journey")
    check("GET", f"/api/worlds/{wid}/stories?tag=journey")
    check("GET", f"/api/worlds/{wid}/entries?kind=character&q=tom&sort=-updated")
    check("GET", f"/api/worlds/{wid}/entries?tag=port")
    check("GET", f"/api/worlds/{wid}/entries/{hero['entity_id']}")
    check("GET", f"/api/worlds/{wid}/entries/{docks['location_id']}")
    check("GET", f"/api/worlds/{wid}/locations/tree")
    check("DELETE", f"{fields}/{home['template_id']}", writer)
    # typed relations, the codex graph, a family tree
    types = check("GET", f"/api/worlds/{wid}/relation-types")
    check("PUT", f"/api/worlds/{wid}/relation-types", writer, json={"types": [
        *types, {"key": "mentor_of", "label": "mentor of", "inverse_label": "apprentice of"}]})
    mira = next(c for c in check("GET", f"/api/worlds/{wid}/characters?per_page=200") if c["name"] == "Mira Vale")
    parent = check("POST", f"/api/worlds/{wid}/relations", writer, json={
        "source_id": mira["entity_id"], "target_id": hero["entity_id"], "type": "parent_of", "attitude": 2,
        "start_date": {"year": 1170, "month": 2}})
    check("POST", f"/api/worlds/{wid}/relations", writer, json={
        "source_id": hero["entity_id"], "target_id": place["location_id"], "type": "located_in"})
    mentor = check("POST", f"/api/worlds/{wid}/relations", writer, json={
        "source_id": hero["entity_id"], "target_id": mira["entity_id"], "type": "mentor_of"})
    check("PATCH", f"/api/worlds/{wid}/relations/{parent['relation_id']}", writer,
          json={"note": "Raised him alone.", "end_date": {"year": 1190}})
    check("GET", f"/api/worlds/{wid}/relations/{parent['relation_id']}")
    check("GET", f"/api/worlds/{wid}/relations?entry_id={hero['entity_id']}&per_page=2")
    check("DELETE", f"/api/worlds/{wid}/relations/{mentor['relation_id']}", writer)
    check("GET", f"/api/worlds/{wid}/graph")
    check("GET", f"/api/worlds/{wid}/graph?all_entries=true&kinds=character,location&types=parent_of", writer)
    check("GET", f"/api/worlds/{wid}/graph?mode=cooccurrence", writer)
    check("GET", f"/api/worlds/{wid}/entries/{hero['entity_id']}/family-tree?depth=2")
    # mentions
    check("PATCH", f"/api/worlds/{wid}/entities/{hero['entity_id']}", writer,
          json={"description": "Brave, of [[Greywater|the town]]; friend of [[Nobody Yet]]."})
    mentioned = check("GET", f"/api/worlds/{wid}/entries/{place['location_id']}/mentions")
    assert [m["source_id"] for m in mentioned] == [hero["entity_id"]]
    resolved = check("GET", f"/api/worlds/{wid}/mentions/resolve?names=Greywater&names=Nobody%20Yet")
    assert resolved["Greywater"]["id"] == place["location_id"] and resolved["Nobody Yet"] is None
    assert [u["name"] for u in check("GET", f"/api/worlds/{wid}/mentions/unresolved", writer)] == ["Nobody Yet"]
    # the canon an AI job would send (a field naming an entry, relations, a link to no entry)
    context = check("POST", f"/api/worlds/{wid}/context", writer,
                    json={"text": f"{hero['name']} rode to [[Greywater]] with [[Nobody Yet]]."})
    assert {i["why"] for i in context["included"]} >= {"named", "mention", "relation"}
    assert {"kind": "entry", "reason": "visibility", "count": 1} in context["skipped"]

    # AI jobs (inline: each has finished when its 202 leaves)
    jobs = [
        ("/api/gpt/generate-description", {"type": "world", "world_name": "Aldmoor", "world_id": wid}),
        ("/api/gpt/generate-description", {"type": "story", "story_title": "The Crossing",
                                           "characters": ["Tomas Reed", {"name": "Mira Vale"}]}),
        ("/api/gpt/analyze", {"world_description": text, "world_type": "fantasy"}),
        ("/api/gpt/analyze", {"story_description": text, "story_title": "The Crossing", "world_id": wid}),
        ("/api/gpt/batch-analyze-stories", {"world_id": wid, "story_ids": [sid, other]}),
    ]
    task_ids = [check("POST", path, writer, json=body, status=202)["task_id"] for path, body in jobs]
    fresh = check("POST", "/api/stories", writer, json={
        "world_id": wid, "title": "Fresh", "content": "Kellan Mose met Iria Dune in Corvath. Kellan Mose left."})
    fresh_id = fresh["story"]["story_id"]
    task_ids.append(check("POST", f"/api/stories/{fresh_id}/analyses", writer, status=202)["task_id"])
    task_ids.append(check("POST", f"/api/stories/{sid}/events/extract", writer, status=202)["task_id"])
    task_ids.append(check("POST", f"/api/worlds/{wid}/events/extract?force=true", writer, status=202)["task_id"])
    results = [check("GET", f"/api/gpt/results/{task_id}", writer) for task_id in task_ids]
    assert [r["status"] for r in results] == ["completed"] * len(results), results
    check("GET", "/api/gpt/tasks?status=completed&per_page=3", writer)
    # models, and the usage ledger the jobs above wrote
    models = check("GET", "/api/ai/models", writer)
    assert check("PATCH", f"/api/worlds/{wid}", writer,
                 json={"ai_model": models["models"][0]["id"]})["ai_model"] == models["default"]
    assert check("GET", "/api/usage?days=7", writer)["totals"]["jobs"] == len(task_ids)
    assert check("GET", f"/api/worlds/{wid}/usage", writer)["members"][0]["user_id"] == writer["user_id"]
    pending = TaskService(store, 60, 30).create(User.from_dict(store.get("users", writer["user_id"])),
                                                "world_analysis", "offline")
    check("DELETE", f"/api/gpt/tasks/{pending['task_id']}", writer)
    check("GET", f"/api/gpt/results/{pending['task_id']}", writer)
    # consistency checks: a character dies, then acts; the finding is dismissed
    fall = check("POST", "/api/stories", writer, json={
        "world_id": wid, "title": "The Fall",
        "content": "Mira Vale died at Stonebridge. Later Mira Vale rode to Greywater."})["story"]["story_id"]
    checked = check("POST", f"/api/stories/{fall}/checks", writer, json={"use_ai": False}, status=202)
    assert check("GET", f"/api/gpt/results/{checked['task_id']}", writer)["result"]["findings"]
    found = check("GET", f"/api/stories/{fall}/findings?status=all", writer)["findings"]
    check("PATCH", f"/api/findings/{found[0]['finding_id']}", writer, json={"status": "dismissed"})

    # the review of the story's analysis, and of the batch's
    review = check("GET", f"/api/stories/{fresh_id}/review", writer)
    assert review["proposals"], review
    first_proposal, *others = review["proposals"]
    check("POST", f"/api/reviews/{review['review_id']}/decisions", writer,
          json={"decisions": [{"proposal_id": first_proposal["proposal_id"], "action": "ignore"}],
                "accept_confident": True})
    check("GET", f"/api/worlds/{wid}/ignored-names", writer)
    check("POST", f"/api/reviews/{review['review_id']}/undo", writer)
    ignored = client.post(f"/api/reviews/{review['review_id']}/decisions", headers=writer["headers"], json={})
    assert ignored.status_code == 409, ignored.json   # undone
    batch = next(r for r in results if r["type"] == "batch_analysis")
    check("POST", f"/api/reviews/{batch['result']['review_id']}/undo", writer)
    analysed = check("POST", f"/api/stories/{fresh_id}/analyses", writer, status=202)
    assert check("GET", f"/api/gpt/results/{analysed['task_id']}", writer)["status"] == "completed"
    again = check("GET", f"/api/stories/{fresh_id}/review", writer)
    check("POST", f"/api/reviews/{again['review_id']}/decisions", writer,
          json={"decisions": [{"proposal_id": again["proposals"][0]["proposal_id"], "action": "ignore"}]})
    key = check("GET", f"/api/worlds/{wid}/ignored-names", writer)[0]["key"]
    check("DELETE", f"/api/worlds/{wid}/ignored-names/{key}", writer)

    # events
    timeline = check("GET", f"/api/worlds/{wid}/events", writer)
    events = [e for year in timeline["timeline"]["years"] for e in year["events"]]
    assert len(events) >= 2, timeline
    first, second = events[0]["event_id"], events[1]["event_id"]
    check("POST", f"/api/events/{first}/connections", writer,
          json={"target_event_id": second, "relation_type": "causes", "relation_label": "leads to"})
    check("PUT", f"/api/events/{first}", writer, json={"title": "Dawn ride", "entities": [hero["entity_id"]]})
    check("PATCH", f"/api/events/{first}", writer, json={"order": 3})
    check("PATCH", f"/api/events/{second}", writer, json={"date": {"year": 1100, "month": 1}})
    check("GET", f"/api/worlds/{wid}/events")
    check("GET", f"/api/worlds/{wid}/events?entity_id={hero['entity_id']}&story_id={sid}")
    check("GET", f"/api/stories/{sid}/events/plan", writer)
    check("GET", f"/api/worlds/{wid}/events/plan", writer)
    check("DELETE", f"/api/events/{second}", writer)
    check("DELETE", f"/api/stories/{sid}/events/cache", writer)
    check("DELETE", f"/api/stories/{sid}/events/cache", writer)   # nothing cached any more

    # search: a hit of every type, signed in and not
    hits = check("GET", "/api/search?q=aldmoor stonebridge crossing dawn ride&per_page=50", writer)
    assert {hit["type"] for hit in hits} == {"world", "entry", "story", "event"}, hits
    check("GET", f"/api/search?q=tomas&types=entry,story&world_id={wid}")

    # counts and health
    check("GET", "/api/stats")
    check("GET", "/api/stats", writer)
    check("GET", "/api/health")
    check("GET", "/api/health/ready")

    # staff
    check("GET", "/api/admin/users?search=scri", admin)
    check("GET", "/api/admin/users?role=user&per_page=1", admin)
    check("GET", f"/api/admin/users/{writer['user_id']}", admin)
    check("PUT", f"/api/admin/users/{reader['user_id']}/role", admin, json={"role": "premium"})
    check("POST", f"/api/admin/users/{reader['user_id']}/ban", admin, json={"banned": True, "reason": "spam"})
    check("POST", f"/api/admin/users/{reader['user_id']}/ban", admin, json={"banned": False})
    check("GET", "/api/admin/roles", admin)
    check("GET", "/api/admin/stats", admin)
    check("GET", "/api/admin/ai", admin)
    assert check("POST", "/api/admin/ai/test", admin, json={})["ok"]

    # history: the kept versions, one with its diff, restoring one; single documents with an ETag
    for base in (f"/api/worlds/{wid}", f"/api/stories/{sid}", f"/api/worlds/{wid}/entities/{hero['entity_id']}",
                 f"/api/worlds/{wid}/locations/{place['location_id']}", f"/api/events/{first}"):
        versions = check("GET", f"{base}/versions?per_page=5", writer)
        assert versions, base
        check("GET", f"{base}/versions/{versions[-1]['version']}", writer)
        check("POST", f"{base}/versions/{versions[-1]['version']}/restore", writer)
    check("GET", f"/api/worlds/{wid}/entities/{hero['entity_id']}")
    check("GET", f"/api/worlds/{wid}/locations/{place['location_id']}")
    check("GET", f"/api/events/{first}", writer)

    # images: upload, list, fetch (plain on a public world, signed on a private one; 304),
    # shown by the world, deleted to the trash once it is not
    def upload(world_id):
        return check("POST", f"/api/worlds/{world_id}/images", writer, content_type="multipart/form-data",
                     data={"file": (io.BytesIO(image_files.png(300, 200)), "Bản đồ.png")})

    image = upload(wid)
    check("GET", f"/api/worlds/{wid}/images?per_page=5", writer)
    fetched = client.get(image["url"])
    check("GET", image["url"])
    check("GET", image["thumbnail_url"])
    check("GET", image["url"], status=304, headers={"If-None-Match": fetched.headers["ETag"]})
    hidden = check("POST", "/api/worlds", writer, json={"name": "Hidden Vale"})
    signed = upload(hidden["world_id"])
    assert "?token=" in signed["url"]
    check("GET", signed["url"])
    check("GET", signed["thumbnail_url"])
    check("PATCH", f"/api/worlds/{wid}", writer, json={"image_id": image["image_id"]})
    check("PATCH", f"/api/worlds/{wid}", writer, json={"image_id": ""})
    check("DELETE", f"/api/worlds/{wid}/images/{image['image_id']}", writer)

    # books: chapters in order, a chapter's scenes and its split, reading positions, a book in the trash
    bid = check("POST", f"/api/worlds/{wid}/books", writer, json={"title": "Sông Hồng"})["book_id"]
    check("GET", f"/api/worlds/{wid}/books")
    check("POST", f"/api/books/{bid}/chapters", writer, json={"story_id": sid})
    added = check("POST", f"/api/books/{bid}/chapters", writer, json={
        "title": "Chương hai", "content": "Mưa rơi.\n\n***\n\nNắng lên.", "visibility": "public"})
    chapter = added["story"]["story_id"]
    check("PUT", f"/api/books/{bid}/chapters", writer, json={"chapter_ids": [chapter, sid]})
    check("GET", f"/api/stories/{chapter}/scenes")
    check("POST", f"/api/stories/{chapter}/split", writer)
    check("GET", f"/api/books/{bid}")
    check("PATCH", f"/api/books/{bid}", writer, json={"description": "Một dòng sông."})
    check("GET", f"/api/books/{bid}/position", writer)
    check("PUT", f"/api/books/{bid}/position", writer, json={"story_id": sid, "progress": 0.25})
    check("GET", f"/api/books/{bid}/position", writer)
    check("DELETE", f"/api/books/{bid}/chapters/{chapter}", writer)
    versions = check("GET", f"/api/books/{bid}/versions?per_page=5", writer)
    check("GET", f"/api/books/{bid}/versions/{versions[-1]['version']}", writer)
    check("POST", f"/api/books/{bid}/versions/{versions[-1]['version']}/restore", writer)
    check("DELETE", f"/api/books/{bid}", writer)

    # unlinking and deletes
    check("POST", f"/api/stories/{sid}/clear-links", writer)
    check("DELETE", f"/api/worlds/{wid}/entities/{hero['entity_id']}", writer)
    check("DELETE", f"/api/worlds/{wid}/locations/{place['location_id']}", writer)
    check("DELETE", f"/api/stories/{other}", writer)
    check("DELETE", f"/api/worlds/{wid}", writer)

    # the trash: what the deletes above moved there
    trashed = {entry["kind"]: entry["trash_id"] for entry in check("GET", "/api/trash", writer)}
    assert set(trashed) == {"character", "location", "story", "world", "field_template", "relation", "image",
                            "book"}, trashed
    check("POST", f"/api/trash/{trashed['world']}/restore", writer)
    check("DELETE", f"/api/trash/{trashed['story']}", writer)

    documented = {(method.upper(), path) for path, item in check.spec["paths"].items() for method in item}
    assert documented - check.seen == set(), "operations this scenario does not reach"


def test_the_check_fails_on_a_body_its_schema_does_not_describe(app, client, auth):
    """The validation above bites: a world answer without its ``stories`` fails it."""
    check = Checker(app, client)
    writer = auth.register("scribe")
    world = check("POST", "/api/worlds", writer, json={"name": "Aldmoor"})
    response = client.get(f"/api/worlds/{world['world_id']}", headers=writer["headers"])
    assert response.status_code == 200
    response.set_data(re.sub(rb'"stories":\[[^\]]*\],?', b"", response.get_data()))
    operation = check.schema.find_operation_by_path("GET", f"/api/worlds/{world['world_id']}")
    with pytest.raises((Exception, BaseExceptionGroup)) as caught:
        operation.validate_response(response)
    failures = getattr(caught.value, "exceptions", (caught.value,))
    assert any('"stories" is a required property' in str(f) for f in failures), failures
