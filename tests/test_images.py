"""Images: upload (decoded, re-encoded without metadata, with a thumbnail), refusal of
bad files with nothing written, fetching under the world's visibility (signed links
for <img>, caching headers, 304), image_id on worlds, delete to the trash. On both stores."""
from __future__ import annotations

import io

import pytest

import image_files as files
from core.errors import InvalidInput
from core.models import Image
from services import access
from services.cast_service import ENTITY, LOCATION

MiB = 1024 * 1024


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def ok(answer, status=200):
    assert answer.status_code == status, answer.get_data(as_text=True)[:500]
    return answer.json


def send(client, user, world, data: bytes, filename="picture.png", content_type="image/png", field="file"):
    return client.post(f"/api/worlds/{world['world_id']}/images", headers=user["headers"] if user else {},
                       data={field: (io.BytesIO(data), filename, content_type)},
                       content_type="multipart/form-data")


def nothing_stored(store) -> bool:
    return store.count(Image.collection) == 0 and store.blob_keys() == []


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(make_world, owner):
    return make_world(owner)


# -- accepted ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind, make, content_type", [
    ("png", files.png, "image/png"), ("jpeg", files.jpeg, "image/jpeg"),
    ("webp", files.webp, "image/webp"), ("gif", files.gif, "image/gif")])
def test_each_type_is_stored_and_served_with_its_thumbnail(client, owner, world, store, kind, make, content_type):
    sent = make(640, 480)
    image = ok(send(client, owner, world, sent, filename=f"map.{kind}", content_type="application/octet-stream"), 201)
    assert (image["content_type"], image["width"], image["height"]) == (content_type, 640, 480)
    assert image["world_id"] == world["world_id"] and image["owner_id"] == owner["user_id"]
    assert image["filename"] == f"map.{kind}"
    assert (image["thumb_width"], image["thumb_height"]) == (256, 192)

    answer = client.get(image["url"], headers=owner["headers"])
    assert answer.status_code == 200 and answer.mimetype == content_type
    assert answer.headers["ETag"] == f'"{image["sha256"]}"'
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Cache-Control"].startswith("private, max-age=")
    assert len(answer.data) == image["bytes"]
    stored = files.opened(answer.data)
    assert stored.format == kind.upper() and stored.size == (640, 480)

    thumb = client.get(image["thumbnail_url"], headers=owner["headers"])
    assert thumb.status_code == 200 and thumb.mimetype == image["thumb_content_type"]
    assert files.opened(thumb.data).size == (256, 192)
    assert len(thumb.data) == image["thumb_bytes"] < image["bytes"]
    assert thumb.headers["ETag"] != answer.headers["ETag"]
    assert sorted(store.blob_keys()) == sorted([image["image_id"], f"{image['image_id']}.thumb"])


def test_an_animated_gif_keeps_its_first_frame(client, owner, world):
    image = ok(send(client, owner, world, files.gif(120, 80, frames=3), filename="spin.gif"), 201)
    stored = files.opened(client.get(image["url"], headers=owner["headers"]).data)
    assert stored.format == "GIF" and getattr(stored, "n_frames", 1) == 1


def test_metadata_is_stripped_and_the_picture_turned_upright(client, owner, world):
    sent = files.with_exif(64, 32, orientation=6)        # "rotate 90° clockwise to display"
    assert b"Secret Artist" in sent and b"SpyCam" in sent
    image = ok(send(client, owner, world, sent, filename="holiday.jpg"), 201)
    data = client.get(image["url"], headers=owner["headers"]).data
    assert b"Secret Artist" not in data and b"SpyCam" not in data and b"Exif" not in data
    stored = files.opened(data)
    assert dict(stored.getexif()) == {} and "exif" not in stored.info
    assert (image["width"], image["height"]) == (32, 64) == stored.size   # upright: turned
    assert stored.getpixel((16, 2))[2] > 150                               # the blue half now on top


def test_text_and_trailing_data_of_a_png_are_dropped(client, owner, world):
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "home address: 1 Hàng Bạc")
    sent = files.png(100, 100, pnginfo=info) + b"<script>alert(1)</script>"
    image = ok(send(client, owner, world, sent), 201)
    data = client.get(image["url"], headers=owner["headers"]).data
    assert b"Comment" not in data and b"script" not in data
    assert files.opened(data).info.get("Comment") is None


def test_a_file_over_the_json_limit_is_accepted_on_the_image_route_only(client, owner, world, app):
    sent = files.encode(files.noise(700, 700), "PNG")   # ~1.4 MiB: over MAX_CONTENT_LENGTH (1 MiB)
    assert app.config["MAX_CONTENT_LENGTH"] < len(sent) < app.config["IMAGE_MAX_BYTES"]
    ok(send(client, owner, world, sent), 201)
    other = client.post("/api/worlds", headers=owner["headers"], data=b"{" + b" " * len(sent) + b"}",
                        content_type="application/json")
    assert other.status_code == 413 and other.json["code"] == "payload_too_large"


def test_the_file_name_is_sanitised_for_display(client, owner, world):
    image = ok(send(client, owner, world, files.png(8, 8), filename="/home/mai/Bản đồ\tHà\u200bNội .png"), 201)
    assert image["filename"] == "Bản đồ HàNội .png"
    image = ok(send(client, owner, world, files.png(8, 8), filename="../../etc/passwd"), 201)
    assert image["filename"] == "passwd"


# -- refused, with nothing written -----------------------------------------------------------

BAD_FILES = {
    "truncated png": (lambda: files.encode(files.noise(300, 200), "PNG")[:20_000], 400, "invalid_image"),
    "truncated jpeg": (lambda: files.encode(files.noise(300, 200), "JPEG")[:6_000], 400, "invalid_image"),
    "polyglot: a PNG header, an HTML body": (files.polyglot_png, 400, "invalid_image"),
    "a 40-megapixel decompression bomb": (lambda: files.bomb_png(8000, 5000), 413, "image_too_large"),
    "a 100-megapixel decompression bomb": (lambda: files.bomb_png(10_000, 10_000), 413, "image_too_large"),
    "a JPEG claiming 60000 x 60000 pixels": (lambda: files.jpeg_claiming(60_000, 60_000), 413, "image_too_large"),
    "a Windows .exe renamed .png": (files.windows_exe, 415, "unsupported_image"),
    "a BMP": (lambda: files.encode(files.picture(20, 20), "BMP"), 415, "unsupported_image"),
    "an SVG": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 415,
               "unsupported_image"),
    "an empty file": (lambda: b"", 400, "file_missing"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_cleanly_and_nothing_is_written(client, owner, world, store, name):
    make, status, code = BAD_FILES[name]
    data = make()
    if "bomb" in name:
        assert len(data) < 64 * 1024                      # tiny on the wire
    answer = send(client, owner, world, data, filename="evil.png", content_type="image/png")
    assert answer.status_code == status, answer.json
    assert answer.json["code"] == code and {"error", "code", "details"} <= set(answer.json)
    assert nothing_stored(store)
    assert ok(client.get(f"/api/worlds/{world['world_id']}/images", headers=owner["headers"])) == []


def test_a_bomb_is_refused_from_its_header_before_any_decoder_runs(client, owner, world, store, monkeypatch):
    from PIL import Image as Pillow

    def never(*args, **kwargs):
        raise AssertionError("Pillow was asked to open the file")

    monkeypatch.setattr(Pillow, "open", never)
    for data in (files.bomb_png(8000, 5000), files.jpeg_claiming(8000, 5000)):
        answer = send(client, owner, world, data)
        assert answer.status_code == 413 and answer.json["code"] == "image_too_large"
        assert answer.json["details"] == {"file": "40,000,000 pixels; at most 25,000,000"}
    assert nothing_stored(store)


def test_over_the_byte_limit_is_413_and_writes_nothing(client, owner, world, store, app):
    app.config["IMAGE_MAX_BYTES"] = 4000
    sent = files.encode(files.noise(60, 60), "PNG")       # ~11 kB
    answer = send(client, owner, world, sent)
    assert answer.status_code == 413 and answer.json["code"] == "image_too_large"
    huge = send(client, owner, world, b"\x89PNG\r\n\x1a\n" + b"\x00" * 200_000)   # refused from its length
    assert huge.status_code == 413 and huge.json["code"] == "image_too_large"
    assert nothing_stored(store)


def test_an_upload_must_be_a_multipart_file_field(client, owner, world, store):
    url = f"/api/worlds/{world['world_id']}/images"
    as_json = client.post(url, headers=owner["headers"], json={"file": "aGVsbG8="})
    assert as_json.status_code == 415 and as_json.json["code"] == "unsupported_media_type"
    wrong_field = send(client, owner, world, files.png(8, 8), field="image")
    assert wrong_field.status_code == 400 and wrong_field.json["code"] == "file_missing"
    assert nothing_stored(store)


def test_a_world_holds_a_bounded_number_of_images(client, owner, world, store, app):
    app.extensions["worldsmith"].images.max_per_world = 2
    for _ in range(2):
        ok(send(client, owner, world, files.png(8, 8)), 201)
    answer = send(client, owner, world, files.png(8, 8))
    assert answer.status_code == 409 and answer.json["code"] == "image_limit"
    assert store.count(Image.collection) == 2 and len(store.blob_keys()) == 4


def test_only_the_owner_uploads(client, auth, owner, make_world, store):
    shared, stranger = auth.register(), auth.register()
    world = make_world(owner, visibility="public")
    ok(client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                   json={"user_ids": [shared["user_id"]]}))
    assert send(client, shared, world, files.png(8, 8)).status_code == 403
    assert send(client, stranger, world, files.png(8, 8)).status_code == 403
    assert send(client, None, world, files.png(8, 8)).status_code == 401
    assert nothing_stored(store)


# -- who sees it ------------------------------------------------------------------------------

def test_a_private_worlds_image_is_404_for_others_and_anonymous(client, auth, owner, world):
    stranger = auth.register()
    image = ok(send(client, owner, world, files.png(300, 300)), 201)
    plain = f"/api/images/{image['image_id']}"
    for path in (plain, plain + "/thumbnail"):
        for headers in ({}, stranger["headers"]):
            answer = client.get(path, headers=headers)
            missing = client.get("/api/images/no-such-image", headers=headers)
            assert (answer.status_code, answer.json) == (404, missing.json)
    assert client.get(f"/api/worlds/{world['world_id']}/images", headers=stranger["headers"]).status_code == 404
    assert client.get(plain, headers=owner["headers"]).status_code == 200


def test_shared_readers_see_it_and_public_worlds_cache_publicly(client, auth, owner, make_world):
    reader = auth.register()
    world = make_world(owner)
    ok(client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                   json={"user_ids": [reader["user_id"]]}))
    image = ok(send(client, owner, world, files.png(50, 50)), 201)
    plain = f"/api/images/{image['image_id']}"
    assert client.get(plain, headers=reader["headers"]).status_code == 200
    listed = ok(client.get(f"/api/worlds/{world['world_id']}/images", headers=reader["headers"]))
    assert [i["image_id"] for i in listed] == [image["image_id"]] and "token=" in listed[0]["url"]

    ok(client.patch(f"/api/worlds/{world['world_id']}", headers=owner["headers"], json={"visibility": "public"}))
    anonymous = client.get(plain)
    assert anonymous.status_code == 200 and anonymous.headers["Cache-Control"].startswith("public, max-age=")
    listed = ok(client.get(f"/api/worlds/{world['world_id']}/images"))
    assert listed[0]["url"] == plain and listed[0]["url_expires_at"] is None


def test_if_none_match_answers_304(client, owner, world):
    image = ok(send(client, owner, world, files.png(40, 40)), 201)
    first = client.get(image["url"])
    again = client.get(image["url"], headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"] and "max-age" in again.headers["Cache-Control"]
    assert client.get(image["url"], headers={"If-None-Match": '"other"'}).status_code == 200


# -- signed links (for <img src>) ----------------------------------------------------------------

def test_a_signed_link_opens_a_private_image_without_the_header(client, owner, world, app):
    image = ok(send(client, owner, world, files.png(300, 300)), 201)
    assert "?token=" in image["url"] and "?token=" in image["thumbnail_url"]
    assert image["url_expires_at"] > 0
    answer = client.get(image["url"])                     # no Authorization: as an <img> does
    assert answer.status_code == 200
    seconds = app.config["IMAGE_LINK_SECONDS"]
    age = int(answer.headers["Cache-Control"].split("max-age=")[1])
    assert answer.headers["Cache-Control"].startswith("private") and 0 < age <= seconds
    assert client.get(image["thumbnail_url"]).status_code == 200
    # Links made within the same few minutes are the same URL (the browser cache keeps working).
    listed = ok(client.get(f"/api/worlds/{world['world_id']}/images", headers=owner["headers"]))
    assert listed[0]["url"] == image["url"]


def test_a_link_opens_only_its_image_and_cannot_be_forged(client, owner, world):
    first = ok(send(client, owner, world, files.png(30, 30)), 201)
    second = ok(send(client, owner, world, files.png(31, 31)), 201)
    token = first["url"].split("token=")[1]
    other = client.get(f"/api/images/{second['image_id']}?token={token}")
    assert other.status_code == 401 and other.json["code"] == "image_link_invalid"
    user, expires, signature = token.split(".")
    tampered = signature[:-2] + ("AB" if signature[-2:] != "AB" else "BA")   # never the signature itself
    for forged in (f"{user}.{int(expires) + 600}.{signature}", f"{user}.{expires}.{tampered}",
                   f"{user}.{expires}", "x.y.z", f"{user}.１２.{signature}"):
        answer = client.get(f"/api/images/{first['image_id']}", query_string={"token": forged})
        assert answer.status_code == 401, forged
        assert answer.json["code"] == "image_link_invalid"


def test_a_link_expires(client, owner, world, app):
    image = ok(send(client, owner, world, files.png(30, 30)), 201)
    links = app.extensions["worldsmith"].images.links
    real = links.clock
    links.clock = lambda: real() + app.config["IMAGE_LINK_SECONDS"] + 601
    answer = client.get(image["url"])
    assert answer.status_code == 401 and answer.json["code"] == "image_link_expired"


def test_unsharing_or_a_new_password_closes_the_links(client, auth, owner, world):
    reader = auth.register()
    ok(client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                   json={"user_ids": [reader["user_id"]]}))
    ok(send(client, owner, world, files.png(30, 30)), 201)
    link = ok(client.get(f"/api/worlds/{world['world_id']}/images", headers=reader["headers"]))[0]["url"]
    assert client.get(link).status_code == 200
    ok(client.post(f"/api/worlds/{world['world_id']}/unshare", headers=owner["headers"],
                   json={"user_ids": [reader["user_id"]]}))
    assert client.get(link).status_code == 404            # checked again at every fetch

    own_link = ok(client.get(f"/api/worlds/{world['world_id']}/images", headers=owner["headers"]))[0]["url"]
    assert client.get(own_link).status_code == 200
    ok(client.post("/api/auth/change-password", headers=owner["headers"],
                   json={"old_password": "password123", "new_password": "password456"}))
    answer = client.get(own_link)
    assert answer.status_code == 401 and answer.json["code"] == "image_link_invalid"


# -- image_id on worlds and entries ---------------------------------------------------------------

def test_a_world_shows_one_of_its_own_images(client, owner, world, make_world):
    image = ok(send(client, owner, world, files.png(30, 30)), 201)
    other_world = make_world(owner)
    foreign = ok(send(client, owner, other_world, files.png(30, 30)), 201)
    path = f"/api/worlds/{world['world_id']}"
    changed = ok(client.patch(path, headers=owner["headers"], json={"image_id": image["image_id"]}))
    assert changed["image_id"] == image["image_id"] and changed["version"] == world["version"] + 1
    assert ok(client.get(path, headers=owner["headers"]))["image_id"] == image["image_id"]
    for wrong in (foreign["image_id"], "no-such-image"):
        answer = client.patch(path, headers=owner["headers"], json={"image_id": wrong})
        assert answer.status_code == 400 and answer.json["code"] == "unknown_image"
    assert ok(client.patch(path, headers=owner["headers"], json={"image_id": ""}))["image_id"] == ""


def test_characters_and_places_may_show_only_their_worlds_images(client, owner, world, make_world, app):
    services = app.extensions["worldsmith"]
    image = ok(send(client, owner, world, files.png(30, 30)), 201)
    foreign = ok(send(client, owner, make_world(owner), files.png(30, 30)), 201)
    live = access.load_world(services.store, world["world_id"])
    user = services.auth.get_user(owner["user_id"])
    for kind, name in ((ENTITY, "Mai"), (LOCATION, "Hội An")):
        with pytest.raises(InvalidInput):
            services.cast.create(kind, live, {"name": name, "image_id": foreign["image_id"]})
        item = services.cast.create(kind, live, {"name": name, "image_id": image["image_id"]})
        assert item.image_id == image["image_id"]
        with pytest.raises(InvalidInput):
            services.cast.update(kind, live, item.id, {"image_id": "no-such-image"}, user)
        assert services.cast.update(kind, live, item.id, {"image_id": ""}, user).image_id == ""


# -- delete: never loses work ---------------------------------------------------------------------

def test_an_image_in_use_cannot_be_deleted_then_goes_to_the_trash(client, owner, world, store):
    image = ok(send(client, owner, world, files.png(30, 30)), 201)
    wid, iid = world["world_id"], image["image_id"]
    ok(client.patch(f"/api/worlds/{wid}", headers=owner["headers"], json={"image_id": iid}))
    refused = client.delete(f"/api/worlds/{wid}/images/{iid}", headers=owner["headers"])
    assert refused.status_code == 409 and refused.json["code"] == "image_in_use"
    assert "world" in refused.json["details"]["image_id"]
    ok(client.patch(f"/api/worlds/{wid}", headers=owner["headers"], json={"image_id": ""}))
    trashed = ok(client.delete(f"/api/worlds/{wid}/images/{iid}", headers=owner["headers"]))
    assert trashed["image_id"] == iid
    assert client.get(image["url"]).status_code == 404
    assert ok(client.get(f"/api/worlds/{wid}/images", headers=owner["headers"])) == []
    assert len(store.blob_keys()) == 2                        # the bytes wait in the trash
    entry = ok(client.get("/api/trash", headers=owner["headers"]))[0]
    assert (entry["kind"], entry["item_id"], entry["counts"]) == ("image", iid, {"images": 1})

    ok(client.post(f"/api/trash/{trashed['trash_id']}/restore", headers=owner["headers"]))
    assert client.get(image["url"]).status_code == 200
    ok(client.delete(f"/api/worlds/{wid}/images/{iid}", headers=owner["headers"]))
    trash_id = ok(client.get("/api/trash", headers=owner["headers"]))[0]["trash_id"]
    ok(client.delete(f"/api/trash/{trash_id}", headers=owner["headers"]))
    assert store.blob_keys() == [] and store.count(Image.collection) == 0


def test_a_worlds_images_go_and_come_back_with_it(client, owner, world, store):
    image = ok(send(client, owner, world, files.png(30, 30)), 201)
    trashed = ok(client.delete(f"/api/worlds/{world['world_id']}", headers=owner["headers"]))
    assert client.get(image["url"]).status_code == 404
    ok(client.post(f"/api/trash/{trashed['trash_id']}/restore", headers=owner["headers"]))
    assert client.get(image["url"]).status_code == 200
    trashed = ok(client.delete(f"/api/worlds/{world['world_id']}", headers=owner["headers"]))
    ok(client.delete(f"/api/trash/{trashed['trash_id']}", headers=owner["headers"]))
    assert store.blob_keys() == [] and store.count(Image.collection) == 0


def test_restoring_an_old_world_version_keeps_a_live_image(client, owner, world):
    image = ok(send(client, owner, world, files.png(30, 30)), 201)
    wid = world["world_id"]
    ok(client.patch(f"/api/worlds/{wid}", headers=owner["headers"], json={"image_id": image["image_id"]}))
    ok(client.patch(f"/api/worlds/{wid}", headers=owner["headers"], json={"image_id": ""}))
    ok(client.delete(f"/api/worlds/{wid}/images/{image['image_id']}", headers=owner["headers"]))
    restored = ok(client.post(f"/api/worlds/{wid}/versions/2/restore", headers=owner["headers"]))
    assert restored["image_id"] == ""                         # that image is in the trash: not pointed at


@pytest.mark.parametrize("fmt, data", [
    ("PNG", files.png(641, 479)), ("JPEG", files.jpeg(641, 479)),
    ("JPEG", files.encode(files.picture(641, 479), "JPEG", progressive=True)),
    ("WEBP", files.encode(files.picture(641, 479), "WEBP")), ("WEBP", files.webp(641, 479)),
    ("WEBP", files.encode(files.picture(641, 479), "WEBP", lossless=True)), ("GIF", files.gif(641, 479))])
def test_the_declared_size_is_read_from_every_kind_of_header(fmt, data):
    from services.image_codec import header_size, sniff
    assert sniff(data) == fmt and header_size(fmt, data) == (641, 479)


def test_an_expired_trash_entry_takes_the_images_bytes_with_it(client, owner, world, store, app):
    from datetime import timedelta

    from core import clock
    image = ok(send(client, owner, world, files.png(30, 30)), 201)
    ok(client.delete(f"/api/worlds/{world['world_id']}/images/{image['image_id']}", headers=owner["headers"]))
    assert len(store.blob_keys()) == 2
    with clock.shifted(timedelta(days=app.config["TRASH_RETENTION_DAYS"] + 1)):
        assert app.extensions["worldsmith"].trash.purge_expired() == 1
    assert store.blob_keys() == []
