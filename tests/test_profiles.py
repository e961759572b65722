"""Profiles: display name and bio, avatars (checked, re-encoded, square), public
profiles by username, changing the email."""
from __future__ import annotations

import io

import image_files


def send_avatar(client, user, data: bytes, name="me.png"):
    return client.put("/api/auth/me/avatar", headers=user["headers"], content_type="multipart/form-data",
                      data={"file": (io.BytesIO(data), name)})


def test_new_accounts_have_empty_profile_fields(client, auth):
    user = auth.register("plain")
    me = client.get("/api/auth/me", headers=user["headers"]).json["user"]
    assert (me["display_name"], me["bio"], me["avatar_url"]) == ("", "", None)


def test_patch_me_sets_display_name_and_bio(client, auth):
    user = auth.register("writer")
    response = client.patch("/api/auth/me", headers=user["headers"],
                            json={"display_name": "  Nguyễn Thị Linh ", "bio": "Viết truyện.\nFantasy."})
    assert response.status_code == 200
    assert response.json["user"]["display_name"] == "Nguyễn Thị Linh"
    # a field left out keeps its value
    response = client.patch("/api/auth/me", headers=user["headers"], json={"display_name": "Linh"})
    assert response.json["user"]["bio"] == "Viết truyện.\nFantasy."
    me = client.get("/api/auth/me", headers=user["headers"]).json["user"]
    assert (me["display_name"], me["bio"]) == ("Linh", "Viết truyện.\nFantasy.")


def test_patch_me_limits(client, auth):
    user = auth.register("limits")
    for body in ({"display_name": "x" * 81}, {"bio": "x" * 2001}, {"display_name": "a\x07b"}):
        response = client.patch("/api/auth/me", headers=user["headers"], json=body)
        assert response.status_code == 400, body
        assert set(response.json["details"]) == set(body)
    assert client.patch("/api/auth/me", json={"bio": "x"}).status_code == 401


def test_avatar_is_re_encoded_square_and_served(client, auth, store):
    user = auth.register("painter")
    other = auth.register("viewer")
    exif = image_files.with_exif(64, 32, orientation=6)   # EXIF with an orientation: turned, stripped
    response = send_avatar(client, user, exif, "photo.jpg")
    assert response.status_code == 200, response.json
    url = response.json["user"]["avatar_url"]
    assert url == f"/api/users/{user['user_id']}/avatar"
    served = client.get(url, headers=other["headers"])
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    picture = image_files.opened(served.data)
    assert picture.size[0] == picture.size[1] == 32
    assert not picture.getexif()
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    again = client.get(url, headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304
    # a new avatar replaces the old one: a new ETag, the old blob gone
    blobs = len(store.blob_keys())
    big = send_avatar(client, user, image_files.png(900, 500))
    assert big.status_code == 200
    assert len(store.blob_keys()) == blobs
    served = client.get(url)
    assert served.headers["ETag"] != again.headers["ETag"]
    assert image_files.opened(served.data).size == (256, 256) and served.mimetype == "image/png"


def test_bad_avatars_are_refused_like_images(client, auth):
    user = auth.register("careful")
    assert send_avatar(client, user, image_files.windows_exe(), "me.png").json["code"] == "unsupported_image"
    assert send_avatar(client, user, image_files.png(40, 40)[:80]).json["code"] == "invalid_image"
    assert send_avatar(client, user, image_files.bomb_png(20000, 20000)).json["code"] == "image_too_large"
    response = client.put("/api/auth/me/avatar", headers=user["headers"], json={"file": "x"})
    assert response.status_code == 415
    assert client.get(f"/api/users/{user['user_id']}/avatar").status_code == 404


def test_delete_avatar(client, auth, store):
    user = auth.register("shy")
    blobs = len(store.blob_keys())
    send_avatar(client, user, image_files.png(40, 40))
    response = client.delete("/api/auth/me/avatar", headers=user["headers"])
    assert response.status_code == 200 and response.json["user"]["avatar_url"] is None
    assert client.get(f"/api/users/{user['user_id']}/avatar").status_code == 404
    assert len(store.blob_keys()) == blobs


def test_public_profile_by_name_shows_public_worlds_and_no_email(client, auth, make_world):
    owner = auth.register("Nguyễn_Minh")
    client.patch("/api/auth/me", headers=owner["headers"], json={"display_name": "Minh", "bio": "Hi."})
    make_world(owner, name="Open World", visibility="public")
    make_world(owner, name="Secret World", visibility="private")
    stranger = auth.register("stranger")
    for headers in ({}, stranger["headers"]):
        response = client.get("/api/users/by-name/nguyễn_minh", headers=headers)
        assert response.status_code == 200
        profile = response.json["profile"]
        assert profile["username"] == "Nguyễn_Minh" and profile["display_name"] == "Minh"
        assert [w["name"] for w in profile["worlds"]] == ["Open World"]
        assert "email" not in profile and "example.com" not in response.get_data(as_text=True)
    missing = client.get("/api/users/by-name/nobody-here")
    assert missing.status_code == 404 and missing.json["code"] == "user_not_found"


def test_banned_accounts_have_no_public_profile(client, auth, store):
    user = auth.register("rogue")
    doc = store.get("users", user["user_id"])
    store.put("users", user["user_id"], {**doc, "banned": True})
    assert client.get("/api/users/by-name/rogue").status_code == 404


def test_change_email(client, auth):
    user = auth.register("mover")
    auth.register("taken")
    wrong = client.post("/api/auth/change-email", headers=user["headers"],
                        json={"password": "wrong-password", "new_email": "new@example.com"})
    assert wrong.status_code == 401 and wrong.json["code"] == "wrong_password"
    taken = client.post("/api/auth/change-email", headers=user["headers"],
                        json={"password": "password123", "new_email": "TAKEN@example.com"})
    assert taken.status_code == 409 and taken.json["code"] == "email_taken"
    bad = client.post("/api/auth/change-email", headers=user["headers"],
                      json={"password": "password123", "new_email": "not-an-email"})
    assert bad.status_code == 400 and set(bad.json["details"]) == {"new_email"}
    done = client.post("/api/auth/change-email", headers=user["headers"],
                       json={"password": "password123", "new_email": "New@Example.com"})
    assert done.status_code == 200 and done.json["user"]["email"] == "New@Example.com"
    assert client.post("/api/auth/login", json={"username": "new@example.com",
                                                 "password": "password123"}).status_code == 200
    assert client.post("/api/auth/login", json={"username": "mover@example.com",
                                                 "password": "password123"}).status_code == 401
