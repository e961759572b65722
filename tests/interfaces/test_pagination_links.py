"""``Link`` headers never carry the client's ``Host``: relative links, or
``PUBLIC_BASE_URL`` when it is configured. Rel names and ``X-Total-Count`` stay."""
import re

import pytest


def links(response) -> dict:
    """rel -> URL of a ``Link`` header."""
    return {rel: url for url, rel in re.findall(r'<([^>]*)>; rel="(\w+)"', response.headers["Link"])}


@pytest.fixture
def five_worlds(auth, make_world):
    user = auth.register()
    for n in range(5):
        make_world(user, name=f"Realm {n}", visibility="public")
    return user


def test_a_forged_host_header_does_not_reach_the_link_header(client, five_worlds):
    response = client.get("/api/worlds?per_page=2&page=2&q=realm", headers={
        "Host": "evil.example", "X-Forwarded-Host": "evil2.example", **five_worlds["headers"]})
    assert response.status_code == 200
    assert "evil" not in response.headers["Link"]
    assert links(response) == {
        "first": "/api/worlds?per_page=2&page=1&q=realm",
        "prev": "/api/worlds?per_page=2&page=1&q=realm",
        "next": "/api/worlds?per_page=2&page=3&q=realm",
        "last": "/api/worlds?per_page=2&page=3&q=realm",
    }
    assert response.headers["X-Total-Count"] == "5"


def test_query_values_in_links_are_encoded(client, five_worlds):
    response = client.get("/api/worlds", query_string={"q": "a&b <c>", "per_page": "1"},
                          headers=five_worlds["headers"])
    assert links(response)["first"] == "/api/worlds?q=a%26b+%3Cc%3E&per_page=1&page=1"


class TestPublicBaseUrl:
    @pytest.fixture
    def config_overrides(self):
        return {"PUBLIC_BASE_URL": "https://worlds.example/"}

    def test_links_are_absolute_on_the_configured_base(self, client, five_worlds):
        response = client.get("/api/worlds?per_page=2", headers={"Host": "evil.example", **five_worlds["headers"]})
        assert "evil" not in response.headers["Link"]
        assert links(response)["next"] == "https://worlds.example/api/worlds?per_page=2&page=2"
        assert set(links(response)) == {"first", "next", "last"}
