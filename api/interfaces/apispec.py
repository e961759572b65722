"""The OpenAPI 3 document, generated from the app's own routes.

Paths come from the URL map; summaries from view docstrings; request bodies
and query parameters from the same pydantic models that validate requests;
answers (status, body schema, headers) from ``@responds``; security from the
auth decorators. Nothing is written twice, so the spec
cannot drift from what the routes accept.
"""
from __future__ import annotations

import re

from flask import Flask
from pydantic import BaseModel, TypeAdapter

IGNORED_METHODS = {"HEAD", "OPTIONS"}
ERROR_TEXT = {
    400: "Malformed JSON or invalid input; `details` maps field to message",
    401: "Missing, invalid or expired token",
    403: "Visible but not yours to change, or not allowed for your role",
    404: "Not found, or not visible to you",
    409: "Duplicate, or a conflict with the current state (see `code`)",
    412: "`If-Match` names another version: the current document is in `current`, its `ETag` sent",
    413: "Request body too large",
    415: "Request body is not JSON",
    429: "Rate limit or quota exceeded (see Retry-After)",
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "code", "details"],
    "properties": {
        "error": {"type": "string"},
        "code": {"type": "string"},
        "details": {"type": "object"},
        "success": {"type": "boolean"},
        "message": {"type": "string"},
    },
}


def _openapi30(schema):
    """Pydantic emits JSON Schema 2020-12; turn ``anyOf [X, null]`` into ``nullable``."""
    if isinstance(schema, list):
        return [_openapi30(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {k: _openapi30(v) for k, v in schema.items()}
    options = schema.get("anyOf")
    if options and any(o.get("type") == "null" for o in options):
        rest = [o for o in options if o.get("type") != "null"]
        schema.pop("anyOf")
        if len(rest) == 1:
            schema.update(rest[0])
        else:
            schema["anyOf"] = rest
        schema["nullable"] = True
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    return schema


def _names_a_resource(model: type[BaseModel] | None) -> bool:
    """A body or query naming a resource (``world_id``, ``story_ids``...) may answer 404."""
    return model is not None and any(
        name.endswith(("_id", "_ids")) for name in model.model_fields)


class SpecBuilder:
    def __init__(self):
        self.schemas: dict[str, dict] = {"Error": ERROR_SCHEMA}

    def ref(self, model: type[BaseModel]) -> dict:
        if model.__name__ not in self.schemas:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, sub in schema.pop("$defs", {}).items():
                self.schemas.setdefault(name, _openapi30(sub))
            self.schemas[model.__name__] = _openapi30(schema)
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    def response_schema(self, schema) -> dict:
        """The OpenAPI schema of an answer declared with ``responds``: a model's
        ``$ref``, a type pydantic can describe (``list[Model]``...) or a dict as is."""
        if schema is None:
            return {}
        if isinstance(schema, dict):
            return _openapi30(schema)
        if isinstance(schema, type) and issubclass(schema, BaseModel):
            return self.ref(schema)
        generated = TypeAdapter(schema).json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in generated.pop("$defs", {}).items():
            self.schemas.setdefault(name, _openapi30(sub))
        return _openapi30(generated)

    def query_parameters(self, model: type[BaseModel]) -> list[dict]:
        self.ref(model)
        schema = self.schemas[model.__name__]
        required = set(schema.get("required", []))
        return [{"name": name, "in": "query", "required": name in required,
                 "schema": {k: v for k, v in prop.items() if k != "title"}}
                for name, prop in schema.get("properties", {}).items()]

    def operation(self, rule, method: str, view) -> dict:
        doc = (view.__doc__ or "").strip().splitlines()
        auth = getattr(view, "api_auth", None)
        op = {
            "operationId": f"{rule.endpoint.replace('.', '_')}_{method.lower()}",
            "summary": doc[0] if doc else rule.endpoint,
            "tags": [rule.endpoint.split(".")[0]],
            "parameters": [{"name": arg, "in": "path", "required": True, "schema": {"type": "string"}}
                           for arg in sorted(rule.arguments)],
            "responses": {},
        }
        if len(doc) > 1:
            op["description"] = "\n".join(line.strip() for line in doc[1:]).strip()
        permission = getattr(view, "api_permission", None)
        if permission:
            note = f"Needs the `{permission}` permission (see `GET /api/admin/roles`)."
            op["description"] = f"{op.get('description', '')}\n\n{note}".strip()
        errors = set()
        query_model = getattr(view, "api_query", None)
        if query_model is not None:
            op["parameters"] += self.query_parameters(query_model)
            errors.add(400)
        body_model = getattr(view, "api_body", None)
        if body_model is not None:
            op["requestBody"] = {"required": True,
                                 "content": {"application/json": {"schema": self.ref(body_model)}}}
            errors |= {400, 413, 415}
        upload = getattr(view, "api_upload", None)
        if upload is not None:   # ``interfaces.uploads.upload``: one file field
            field, description = upload
            op["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": [field],
                "properties": {field: {"type": "string", "format": "binary", "description": description}}}}}}
        if auth in ("token", "admin"):
            op["security"] = [{"bearerAuth": []}]
            errors |= {401, 403}
        elif auth == "opt":
            op["security"] = [{}, {"bearerAuth": []}]
            errors.add(401)
        if rule.arguments or _names_a_resource(query_model) or _names_a_resource(body_model):
            errors.add(404)
        if method == "POST" and body_model is not None:
            errors.add(409)
        errors |= set(getattr(view, "api_errors", ()))
        declared = getattr(view, "api_responses", {}) or {200: ("OK", None, {}, None)}
        for status, (description, schema, headers, media) in sorted(declared.items()):
            content = {"application/json": {"schema": self.response_schema(schema)}} if media is None else \
                {media_type: {"schema": _openapi30(sub)} for media_type, sub in media.items()}
            op["responses"][str(status)] = {"description": description or "OK"}
            if content:
                op["responses"][str(status)]["content"] = content
            if headers:
                op["responses"][str(status)]["headers"] = headers
        error_text = {**ERROR_TEXT, **getattr(view, "api_error_text", {})}
        for status in sorted(errors):
            op["responses"][str(status)] = {
                "description": error_text[status],
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        return op


def build_spec(app: Flask, title: str, version: str) -> dict:
    builder = SpecBuilder()
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/"):
            continue
        view = app.view_functions[rule.endpoint]
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in sorted(rule.methods - IGNORED_METHODS):
            paths.setdefault(path, {})[method.lower()] = builder.operation(rule, method, view)
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": version,
                 "description": "Worldsmith: an AI story-world builder. Errors share one shape: "
                                "`{error, code, details}`."},
        "paths": paths,
        "components": {
            "schemas": builder.schemas,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }
