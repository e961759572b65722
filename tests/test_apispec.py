"""The OpenAPI spec covers every route and comes from the validating schemas."""
import re

from interfaces.schemas.worlds import WorldCreateBody


def spec_paths(client):
    response = client.get("/apispec.json")
    assert response.status_code == 200
    return response.json


def test_every_api_route_is_documented(app, client):
    spec = spec_paths(client)
    assert spec["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = spec["paths"][path][method.lower()]
            assert operation["summary"] and operation["summary"] != rule.endpoint, (method, path)
            assert operation["responses"]


def test_request_schemas_are_the_validating_models(client):
    spec = spec_paths(client)
    operation = spec["paths"]["/api/worlds"]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(schema["properties"]) == set(WorldCreateBody.model_fields)
    assert schema["properties"]["world_type"]["enum"] == ["fantasy", "sci-fi", "modern", "historical"]
    assert operation["security"] == [{"bearerAuth": []}]
    assert "400" in operation["responses"] and "401" in operation["responses"]


def test_query_parameters_and_optional_auth_are_documented(client):
    operation = spec_paths(client)["paths"]["/api/worlds"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "world_type", "visibility", "mine", "page", "per_page"} <= names
    assert {} in operation["security"]


def test_swagger_ui_is_served(client):
    response = client.get("/apidocs/")
    assert response.status_code == 200
    assert b"swagger" in response.data.lower()


def test_swagger_ui_page_is_titled_and_self_contained(client):
    """The API's title; nothing loaded from another site (no web fonts); no Python
    ``None`` written into the page's script (flasgger's default with no OAuth settings)."""
    html = client.get("/apidocs/").get_data(as_text=True)
    assert "<title>Worldsmith API</title>" in html
    resources = re.findall(r'src="([^"]*)"', html) + re.findall(r'<link[^>]*href="([^"]*)"', html)
    assert resources and all(url.startswith("/") and not url.startswith("//") for url in resources), resources
    assert "let auth_config = {};" in html and "None" not in html


def test_responds_documents_models_lists_dicts_and_headers():
    from flask import Flask
    from pydantic import BaseModel

    from interfaces.apispec import build_spec
    from interfaces.pagination import paged
    from interfaces.validation import responds

    class ThingOut(BaseModel):
        thing_id: str
        label: str | None

    app = Flask(__name__)

    @app.get("/api/thing")
    @responds(200, "A thing", schema=ThingOut)
    def thing():
        """One thing."""

    @app.get("/api/things")
    @paged(ThingOut)
    def things():
        """Things."""

    @app.get("/api/raw")
    @responds(200, "Raw", schema={"type": "object", "properties": {"n": {"type": "integer"}}})
    def raw():
        """Raw."""

    spec = build_spec(app, "t", "1")
    ok = {path: spec["paths"][path]["get"]["responses"]["200"] for path in spec["paths"]}
    assert ok["/api/thing"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ThingOut"}
    thing_schema = spec["components"]["schemas"]["ThingOut"]
    assert thing_schema["required"] == ["thing_id", "label"]
    assert thing_schema["properties"]["label"]["nullable"] is True
    assert ok["/api/things"]["content"]["application/json"]["schema"] == {
        "type": "array", "items": {"$ref": "#/components/schemas/ThingOut"}}
    assert ok["/api/things"]["headers"]["X-Total-Count"]["required"] is True
    assert ok["/api/raw"]["content"]["application/json"]["schema"]["properties"] == {"n": {"type": "integer"}}


def test_every_success_answer_has_a_schema(client):
    """Each operation documents its 2xx bodies: a body without a schema cannot be checked."""
    spec = spec_paths(client)
    bare = [f"{method.upper()} {path} {status}"
            for path, item in spec["paths"].items() for method, operation in item.items()
            for status, answer in operation["responses"].items()
            if status.startswith("2") and not (answer.get("content") and all(
                media["schema"] for media in answer["content"].values()))]
    assert not bare, bare


def test_answer_schemas_describe_the_presenters(client):
    spec = spec_paths(client)
    schemas = spec["components"]["schemas"]
    world = spec["paths"]["/api/worlds/{world_id}"]["get"]["responses"]["200"]
    assert world["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/WorldOut"}
    assert {"world_id", "stories", "entities", "locations", "metadata"} <= set(schemas["WorldOut"]["required"])
    page = spec["paths"]["/api/worlds"]["get"]["responses"]["200"]
    assert page["content"]["application/json"]["schema"]["items"] == {"$ref": "#/components/schemas/WorldOut"}
    assert set(page["headers"]) == {"X-Total-Count", "Link", "X-Total-Count-Exact"}
    started = spec["paths"]["/api/gpt/analyze"]["post"]["responses"]["202"]
    assert started["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/TaskStartedOut"}
    assert schemas["TaskOut"]["properties"]["result"]["nullable"] is True
    # sometimes left out, never null
    assert "user_quota" not in schemas["StatsOut"]["required"]
    assert "nullable" not in schemas["StatsOut"]["properties"]["user_quota"]
