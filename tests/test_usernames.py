"""Usernames in any script: NFC storage, one account per casefold(NFKC), confusable
names refused, login by the same key; ASCII rules of API.md unchanged."""
from __future__ import annotations

import unicodedata

import pytest

from core.errors import Conflict
from core.usernames import problem, skeleton, username_key, username_skeleton

CYRILLIC_A = "\u0430"
COMPOSED = unicodedata.normalize("NFC", "Nguyễn_Linh")
DECOMPOSED = unicodedata.normalize("NFD", "Nguyễn_Linh")


def register(client, username, email=None, password="password123"):
    email = email or f"u{abs(hash(username)) % 10**9}@example.com"
    return client.post("/api/auth/register", json={"username": username, "email": email, "password": password})


# -- the functions ------------------------------------------------------------------

def test_key_is_casefold_of_nfkc():
    assert username_key("ＭＡＲＩＡ") == username_key("Maria") == "maria"   # full width letters
    assert username_key("Straße") == username_key("STRASSE") == "strasse"
    assert username_key(DECOMPOSED) == username_key(COMPOSED.upper())
    assert username_key("ﬁona") == "fiona"   # the ligature is its two letters


def test_skeleton_sees_look_alikes_across_scripts():
    assert f"m{CYRILLIC_A}ria" != "maria"
    assert username_skeleton(f"m{CYRILLIC_A}ria") == username_skeleton("maria")
    assert username_skeleton("\u0440\u0430ypal") == username_skeleton("paypal")   # Cyrillic р, а
    assert username_skeleton("\u03bfscar") == username_skeleton("oscar")         # Greek omicron
    assert username_skeleton("b0b") == username_skeleton("BOB")                   # digit zero, any case
    assert username_skeleton("bi11") == username_skeleton("bill")
    assert username_skeleton("maria") != username_skeleton("marta")
    assert username_skeleton("linh") != username_skeleton("lính")   # a tone mark is a difference


def test_skeleton_is_tr39_on_samples():
    """The vendored table reproduces the TR39 skeleton (values from UTS #39's data)."""
    assert skeleton("m") == "rn"
    assert skeleton("\u0430") == "a"
    assert skeleton("1") == "l" and skeleton("I") == "l"


@pytest.mark.parametrize("name", ["alice", "a.b-c_d", "Nguyễn_Linh", "Đặng", "Müller", "Ελένη",
                                  "Анна", "李小龍", "محمد", "हिन्दी", "abc123"])
def test_valid_names(name):
    assert problem(unicodedata.normalize("NFC", name)) is None


@pytest.mark.parametrize("name", ["ab", "x" * 51, "a b", "al!ce", "bob@home", "tab\tname", "\u0301abc",
                                  "ab\u200bcd", "ab\u034fcd", "e\u0301\u0301\u0301\u0301x", "a²b"])
def test_invalid_names(name):
    assert problem(name) is not None


# -- through the API ----------------------------------------------------------------

def test_vietnamese_name_registers_round_trips_and_logs_in(client):
    response = register(client, DECOMPOSED, "linh@example.com")
    assert response.status_code == 201, response.json
    assert response.json["user"]["username"] == COMPOSED   # stored NFC
    for login in (COMPOSED, DECOMPOSED, COMPOSED.lower(), COMPOSED.upper()):
        answer = client.post("/api/auth/login", json={"username": login, "password": "password123"})
        assert answer.status_code == 200, login
        assert answer.json["user"]["username"] == COMPOSED
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {response.json['token']}"})
    assert me.json["user"]["username"] == COMPOSED


def test_composed_and_decomposed_forms_are_one_name(client):
    assert register(client, COMPOSED).status_code == 201
    again = register(client, DECOMPOSED)
    assert again.status_code == 409 and again.json["code"] == "username_taken"


def test_compatibility_and_case_forms_are_one_name(client):
    assert register(client, "Maria").status_code == 201
    for other in ("MARIA", "ＭＡＲＩＡ"):
        response = register(client, other)
        assert (response.status_code, response.json["code"]) == (409, "username_taken"), other


def test_confusable_name_is_refused_either_way_round(client):
    assert register(client, "maria").status_code == 201
    response = register(client, f"m{CYRILLIC_A}ria")
    assert response.status_code == 409
    assert response.json["code"] == "username_confusable"
    assert response.json["success"] is False and "username" in response.json["details"]
    assert register(client, f"ol{CYRILLIC_A}f").status_code == 201
    assert register(client, "olaf").json["code"] == "username_confusable"


def test_invalid_unicode_names_are_400_naming_the_field(client):
    for name in ("ab", "a\u200bbc", "evil\u202etxt", "x" * 51):
        response = register(client, name)
        assert response.status_code == 400, name
        assert set(response.json["details"]) == {"username"}


def test_ascii_rules_of_api_md_still_hold(client):
    assert register(client, "abc").status_code == 201
    assert register(client, "a" * 50).status_code == 201
    assert register(client, "dot.dash-under_1").status_code == 201
    assert register(client, "a b").status_code == 400
    assert register(client, "  padded  ").json["user"]["username"] == "padded"


def test_accounts_stored_before_get_their_keys_at_start_up(app, store):
    """A document of the older shape (no skeleton, no names_version) is indexed when the app starts."""
    from types import SimpleNamespace

    from interfaces.app_factory import create_app
    user = app.extensions["worldsmith"].auth.register("legacy", "legacy@example.com", "password123")
    doc = store.get("users", user.user_id)
    for key in ("username_skeleton", "names_version"):
        doc.pop(key)
    store.put("users", user.user_id, doc)
    store.close()
    restarted = create_app(SimpleNamespace(**{k: v for k, v in app.config.items() if k.isupper()}))
    try:
        services = restarted.extensions["worldsmith"]
        assert services.store.get("users", user.user_id)["username_skeleton"] == username_skeleton("legacy")
        assert services.auth.index_names() == 0   # nothing left: two counts
        with pytest.raises(Conflict) as refused:
            services.auth.register(f"l{chr(0x435)}gacy", "l2@example.com", "password123")   # Cyrillic е
        assert refused.value.code == "username_confusable"
    finally:
        restarted.extensions["worldsmith"].store.close()
