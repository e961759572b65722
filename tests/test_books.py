"""Books: chapters in order (If-Match, permutations), adding and creating chapters,
visibility of chapters, scenes and splitting, reading positions, the trash and
the history of books, and a chapter's story deleted and restored in its place."""
from __future__ import annotations

import pytest

from core.models.book import MAX_CHAPTERS


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.json)
    return response.json


@pytest.fixture
def shelf(client, auth, make_world, make_story):
    """An owner's public world with a book of three chapters (the second private)."""
    owner = auth.register()
    world = make_world(owner, visibility="public")
    book = ok(client.post(f"/api/worlds/{world['world_id']}/books", headers=owner["headers"],
                          json={"title": "Sông Hồng", "description": "A river saga."}), 201)
    chapters = [make_story(owner, world, title=f"Chương {n}", content=text, visibility=visibility)
                for n, (text, visibility) in enumerate((("Một hai ba.", "public"), ("Bốn năm.", "private"),
                                                        ("Sáu bảy tám chín.", "public")), start=1)]
    for chapter in chapters:
        book = ok(client.post(f"/api/books/{book['book_id']}/chapters", headers=owner["headers"],
                              json={"story_id": chapter["story_id"]}), 201)["book"]
    return {"owner": owner, "world": world, "book": book, "chapters": [c["story_id"] for c in chapters]}


def test_a_book_lists_its_chapters_in_order_with_word_counts(client, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    got = client.get(f"/api/books/{book['book_id']}", headers=owner["headers"])
    data = ok(got)
    assert got.headers["ETag"] == f'"{data["version"]}"'
    assert data["chapter_ids"] == ids
    assert [c["word_count"] for c in data["chapters"]] == [3, 2, 4]
    assert data["word_count"] == 9 and data["chapter_count"] == 3
    assert [c["scene_count"] for c in data["chapters"]] == [1, 1, 1]
    story = ok(client.get(f"/api/stories/{ids[0]}", headers=owner["headers"]))
    assert story["book_id"] == book["book_id"] and story["word_count"] == 3
    listed = ok(client.get(f"/api/worlds/{shelf['world']['world_id']}/books"))
    assert [b["book_id"] for b in listed] == [book["book_id"]]


def test_chapters_the_caller_cannot_see_are_left_out_with_their_words(client, auth, shelf):
    stranger = auth.register()
    for headers in ({}, stranger["headers"]):
        data = ok(client.get(f"/api/books/{shelf['book']['book_id']}", headers=headers))
        assert data["chapter_ids"] == [shelf["chapters"][0], shelf["chapters"][2]]
        assert data["word_count"] == 7 and data["chapter_count"] == 2
        assert shelf["chapters"][1] not in str(data)
        listed = ok(client.get(f"/api/worlds/{shelf['world']['world_id']}/books", headers=headers))
        assert listed[0]["chapter_ids"] == data["chapter_ids"]


def test_a_private_worlds_book_is_missing_to_strangers_and_read_only_to_readers(client, auth, make_world):
    owner, reader, stranger = auth.register(), auth.register(), auth.register()
    world = make_world(owner)
    ok(client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                   json={"user_ids": [reader["user_id"]]}))
    book = ok(client.post(f"/api/worlds/{world['world_id']}/books", headers=owner["headers"],
                          json={"title": "B"}), 201)
    missing = client.get("/api/books/nope", headers=stranger["headers"])
    hidden = client.get(f"/api/books/{book['book_id']}", headers=stranger["headers"])
    assert hidden.status_code == 404 and hidden.json == missing.json
    assert client.get(f"/api/books/{book['book_id']}", headers=reader["headers"]).status_code == 200
    assert client.patch(f"/api/books/{book['book_id']}", headers=reader["headers"],
                        json={"title": "Mine"}).status_code == 403
    assert client.post(f"/api/worlds/{world['world_id']}/books", headers=reader["headers"],
                       json={"title": "Mine"}).status_code == 403


def test_a_co_author_writes_books(client, auth, make_world, store):
    owner, co_author = auth.register(), auth.register()
    world = make_world(owner)
    with store.unit_of_work():
        doc = store.get("worlds", world["world_id"])
        store.put("worlds", world["world_id"], {**doc, "co_authors": [co_author["user_id"]]})
    book = ok(client.post(f"/api/worlds/{world['world_id']}/books", headers=co_author["headers"],
                          json={"title": "Ours"}), 201)
    added = ok(client.post(f"/api/books/{book['book_id']}/chapters", headers=co_author["headers"],
                           json={"title": "Opening", "content": "It began."}), 201)
    assert added["story"]["owner_id"] == co_author["user_id"] and added["book"]["word_count"] == 2


def test_reordering_needs_the_same_chapters_and_honours_if_match(client, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    url = f"/api/books/{book['book_id']}/chapters"
    etag = client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]).headers["ETag"]
    for wrong in (ids[:2], [*ids, ids[0]], [ids[0], ids[1], "other"], [ids[0], ids[0], ids[1]]):
        refused = client.put(url, headers=owner["headers"], json={"chapter_ids": wrong})
        assert refused.status_code == 409 and refused.json["code"] == "chapters_changed", wrong
    new_order = [ids[2], ids[0], ids[1]]
    moved = client.put(url, headers={**owner["headers"], "If-Match": etag}, json={"chapter_ids": new_order})
    assert ok(moved)["chapter_ids"] == new_order
    assert moved.headers["ETag"] != etag
    stale = client.put(url, headers={**owner["headers"], "If-Match": etag}, json={"chapter_ids": ids})
    assert stale.status_code == 412 and stale.json["current"]["chapter_ids"] == new_order


def test_adding_chapters(client, auth, shelf, make_world, make_story):
    owner, book = shelf["owner"], shelf["book"]
    url = f"/api/books/{book['book_id']}/chapters"
    again = client.post(url, headers=owner["headers"], json={"story_id": shelf["chapters"][0]})
    assert again.status_code == 409 and again.json["code"] == "story_in_book"
    other_book = ok(client.post(f"/api/worlds/{shelf['world']['world_id']}/books", headers=owner["headers"],
                                json={"title": "Other"}), 201)
    taken = client.post(f"/api/books/{other_book['book_id']}/chapters", headers=owner["headers"],
                        json={"story_id": shelf["chapters"][1]})
    assert taken.status_code == 409 and taken.json["code"] == "story_in_book"
    elsewhere = make_story(owner, make_world(owner))
    foreign = client.post(url, headers=owner["headers"], json={"story_id": elsewhere["story_id"]})
    assert foreign.status_code == 400 and foreign.json["code"] == "unknown_story"
    both = client.post(url, headers=owner["headers"], json={"story_id": elsewhere["story_id"], "title": "X"})
    assert both.status_code == 400 and both.json["code"] == "story_or_title"
    made = ok(client.post(url, headers=owner["headers"], json={"title": "Kết", "content": "Hết."}), 201)
    assert made["book"]["chapter_ids"][-1] == made["story"]["story_id"]
    assert made["story"]["book_id"] == book["book_id"] and made["story"]["visibility"] == "private"


def test_removing_a_chapter_keeps_the_story(client, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    data = ok(client.delete(f"/api/books/{book['book_id']}/chapters/{ids[1]}", headers=owner["headers"]))
    assert data["chapter_ids"] == [ids[0], ids[2]]
    assert ok(client.get(f"/api/stories/{ids[1]}", headers=owner["headers"]))["book_id"] == ""
    assert client.delete(f"/api/books/{book['book_id']}/chapters/{ids[1]}",
                         headers=owner["headers"]).status_code == 404


def test_a_full_book_takes_no_more_chapters(client, shelf, store):
    owner, book = shelf["owner"], shelf["book"]
    with store.unit_of_work():
        doc = store.get("books", book["book_id"])
        store.put("books", book["book_id"], {**doc, "chapter_ids": doc["chapter_ids"] + [
            f"ghost{n}" for n in range(MAX_CHAPTERS - len(doc["chapter_ids"]))]})
    full = client.post(f"/api/books/{book['book_id']}/chapters", headers=owner["headers"], json={"title": "More"})
    assert full.status_code == 409 and full.json["code"] == "chapter_limit"
    assert store.count("stories", where={"world_id": shelf["world"]["world_id"]}) == 3   # nothing created


def test_deleting_a_chapter_story_and_restoring_it_puts_it_back_in_its_place(client, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    deleted = ok(client.delete(f"/api/stories/{ids[1]}", headers=owner["headers"]))
    assert ok(client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]))["chapter_ids"] == [ids[0], ids[2]]
    ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"]))
    assert ok(client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]))["chapter_ids"] == ids
    assert ok(client.get(f"/api/stories/{ids[1]}", headers=owner["headers"]))["book_id"] == book["book_id"]


def test_a_chapter_restored_after_its_book_was_deleted_is_in_no_book(client, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    story_trash = ok(client.delete(f"/api/stories/{ids[0]}", headers=owner["headers"]))["trash_id"]
    ok(client.delete(f"/api/books/{book['book_id']}", headers=owner["headers"]))
    ok(client.post(f"/api/trash/{story_trash}/restore", headers=owner["headers"]))
    assert ok(client.get(f"/api/stories/{ids[0]}", headers=owner["headers"]))["book_id"] == ""


def test_deleting_a_book_keeps_its_chapters_and_a_restore_takes_back_the_free_ones(client, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    wid = shelf["world"]["world_id"]
    stale = client.delete(f"/api/books/{book['book_id']}", headers={**owner["headers"], "If-Match": '"1"'})
    assert stale.status_code == 412
    deleted = ok(client.delete(f"/api/books/{book['book_id']}", headers=owner["headers"]))
    assert client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]).status_code == 404
    assert ok(client.get(f"/api/worlds/{wid}/books", headers=owner["headers"])) == []
    assert all(ok(client.get(f"/api/stories/{i}", headers=owner["headers"]))["book_id"] == "" for i in ids)
    other = ok(client.post(f"/api/worlds/{wid}/books", headers=owner["headers"], json={"title": "O"}), 201)
    ok(client.post(f"/api/books/{other['book_id']}/chapters", headers=owner["headers"],
                   json={"story_id": ids[2]}), 201)
    entry = next(e for e in ok(client.get("/api/trash", headers=owner["headers"])) if e["kind"] == "book")
    assert entry["trash_id"] == deleted["trash_id"] and entry["title"] == "Sông Hồng"
    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"]))
    assert restored["kind"] == "book"
    data = ok(client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]))
    assert data["chapter_ids"] == ids[:2]
    assert ok(client.get(f"/api/stories/{ids[2]}", headers=owner["headers"]))["book_id"] == other["book_id"]


def test_a_world_delete_takes_its_books_and_a_restore_brings_them_back(client, shelf):
    owner, book, wid = shelf["owner"], shelf["book"], shelf["world"]["world_id"]
    deleted = ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))
    assert client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]).status_code == 404
    ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"]))
    assert ok(client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]))["chapter_ids"] == shelf["chapters"]


def test_book_changes_are_kept_in_its_history(client, shelf, store):
    owner, book = shelf["owner"], shelf["book"]
    before = ok(client.get(f"/api/books/{book['book_id']}", headers=owner["headers"]))
    changed = ok(client.patch(f"/api/books/{book['book_id']}", headers=owner["headers"], json={"title": "Đổi tên"}))
    assert changed["title"] == "Đổi tên" and changed["version"] == before["version"] + 1
    revisions = store.find("revisions", where={"doc_id": book["book_id"]})
    assert revisions[0]["document"]["title"] == "Sông Hồng" and revisions[0]["changed_fields"] == ["title"]
    stale = client.patch(f"/api/books/{book['book_id']}", headers={**owner["headers"], "If-Match": '"1"'},
                         json={"title": "Lost"})
    assert stale.status_code == 412 and stale.json["current"]["title"] == "Đổi tên"
    same = ok(client.patch(f"/api/books/{book['book_id']}", headers=owner["headers"], json={"title": "Đổi tên"}))
    assert same["version"] == changed["version"]   # nothing changed: no new version
    versions = ok(client.get(f"/api/books/{book['book_id']}/versions", headers=owner["headers"]))
    assert versions[0]["changed_fields"] == ["title"]
    restored = ok(client.post(f"/api/books/{book['book_id']}/versions/{versions[0]['version']}/restore",
                              headers=owner["headers"]))
    assert restored["title"] == "Sông Hồng" and restored["chapter_ids"] == shelf["chapters"]


def test_restoring_a_book_version_brings_its_order_back_only_for_the_same_chapters(client, shelf, auth):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    url = f"/api/books/{book['book_id']}"
    before = ok(client.get(url, headers=owner["headers"]))["version"]
    ok(client.put(f"{url}/chapters", headers=owner["headers"], json={"chapter_ids": ids[::-1]}))
    back = ok(client.post(f"{url}/versions/{before}/restore", headers=owner["headers"]))
    assert back["chapter_ids"] == ids
    ok(client.delete(f"{url}/chapters/{ids[0]}", headers=owner["headers"]))
    kept = ok(client.post(f"{url}/versions/{before}/restore", headers=owner["headers"]))
    assert kept["chapter_ids"] == ids[1:]   # not the same chapters: the order stays
    stranger = auth.register()
    assert client.get(f"{url}/versions", headers=stranger["headers"]).status_code == 404


def test_scenes_and_split_into_chapters(client, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    text = "# Bến sông\nNước lên.\n\n* * *\n\nTrời mưa to.\n---\nVẫn cảnh hai.\n\n⁂\n\n## Sáng\nMặt trời."
    ok(client.patch(f"/api/stories/{ids[0]}", headers=owner["headers"], json={"content": text}))
    found = ok(client.get(f"/api/stories/{ids[0]}/scenes"))["scenes"]
    assert [s["title"] for s in found] == ["Bến sông", "Trời mưa to. Vẫn cảnh hai.", "Sáng"]
    assert [s["word_count"] for s in found] == [4, 6, 3]
    assert text[found[2]["start"]:found[2]["end"]] == "## Sáng\nMặt trời."
    story = client.get(f"/api/stories/{ids[0]}", headers=owner["headers"])
    stale = client.post(f"/api/stories/{ids[0]}/split", headers={**owner["headers"], "If-Match": '"1"'})
    assert stale.status_code == 412
    split = ok(client.post(f"/api/stories/{ids[0]}/split",
                           headers={**owner["headers"], "If-Match": story.headers["ETag"]}))
    parts = split["stories"]
    assert [p["title"] for p in parts] == ["Chương 1", "Chương 1 (2)", "Sáng"]
    assert parts[0]["story_id"] == ids[0] and parts[0]["content"] == "# Bến sông\nNước lên."
    assert [p["word_count"] for p in parts] == [4, 6, 3]
    assert all(p["visibility"] == "public" and p["book_id"] == book["book_id"] for p in parts)
    assert split["book"]["chapter_ids"] == [ids[0], parts[1]["story_id"], parts[2]["story_id"], ids[1], ids[2]]
    versions = ok(client.get(f"/api/stories/{ids[0]}/versions", headers=owner["headers"]))
    kept = ok(client.get(f"/api/stories/{ids[0]}/versions/{versions[0]['version']}", headers=owner["headers"]))
    assert kept["document"]["content"] == text   # the history keeps the original text
    again = client.post(f"/api/stories/{ids[0]}/split", headers=owner["headers"])
    assert again.status_code == 409 and again.json["code"] == "no_scene_breaks"


def test_a_story_in_no_book_splits_too(client, auth, make_world, make_story):
    owner = auth.register()
    story = make_story(owner, make_world(owner), content="One.\n***\nTwo.")
    split = ok(client.post(f"/api/stories/{story['story_id']}/split", headers=owner["headers"]))
    assert [p["content"] for p in split["stories"]] == ["One.", "Two."] and split["book"] is None


def test_reading_positions_are_per_user(client, auth, shelf):
    owner, book, ids = shelf["owner"], shelf["book"], shelf["chapters"]
    reader = auth.register()
    url = f"/api/books/{book['book_id']}/position"
    assert ok(client.get(url, headers=reader["headers"])) == {"story_id": None, "progress": None,
                                                              "updated_at": None}
    saved = ok(client.put(url, headers=reader["headers"], json={"story_id": ids[2], "progress": 0.5}))
    assert saved["story_id"] == ids[2] and saved["progress"] == 0.5
    assert ok(client.get(url, headers=reader["headers"]))["story_id"] == ids[2]
    assert ok(client.get(url, headers=owner["headers"]))["story_id"] is None
    hidden = client.put(url, headers=reader["headers"], json={"story_id": ids[1], "progress": 0.1})
    missing = client.put(url, headers=reader["headers"], json={"story_id": "nope", "progress": 0.1})
    assert hidden.status_code == 400 and hidden.json == missing.json   # a private chapter is not shown
    assert client.put(url, headers=reader["headers"], json={"story_id": ids[0], "progress": 1.5}).status_code == 400
    assert client.get(url).status_code == 401


def test_a_story_stored_before_counts_existed_is_counted_when_read(client, shelf, store):
    owner, story_id = shelf["owner"], shelf["chapters"][2]
    with store.unit_of_work():
        doc = store.get("stories", story_id)
        assert (doc["word_count"], doc["scene_count"]) == (4, 1)   # kept by the write
        for key in ("word_count", "scene_count"):
            del doc[key]
        store.put("stories", story_id, {**doc, "content": "Ba từ thôi.\n***\nHai nữa."})
    story = ok(client.get(f"/api/stories/{story_id}", headers=owner["headers"]))
    assert (story["word_count"], story["scene_count"]) == (5, 2)
    chapter = ok(client.get(f"/api/books/{shelf['book']['book_id']}", headers=owner["headers"]))["chapters"][2]
    assert (chapter["word_count"], chapter["scene_count"]) == (5, 2)
