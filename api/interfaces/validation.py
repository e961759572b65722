"""Request validation with pydantic. The same models feed the OpenAPI spec.

``@body(Model)`` parses the JSON body (415 if it is not JSON, 400 if it is
malformed, nested deeper than ``MAX_JSON_DEPTH`` or invalid) and passes the
validated model as ``body=``.
``@query(Model)`` does the same for the query string, as ``query=``; a list
field takes the parameter repeated (``?names=A&names=B``).
"""
from __future__ import annotations

from functools import wraps
from typing import Union, get_args, get_origin

import orjson
from flask import current_app, request
from pydantic import BaseModel, ValidationError

from core.errors import DomainError, InvalidInput
from interfaces.json_provider import DEFAULT_MAX_DEPTH, JSONTooDeep, loads_limited


class UnsupportedMediaType(DomainError):
    status, code = 415, "unsupported_media_type"


def field_errors(exc: ValidationError) -> dict:
    details = {}
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"]) or "body"
        details.setdefault(field, err["msg"])
    return details


NUL_MESSAGE = "Text may not contain NUL (\\u0000) characters"


def reject_nul_characters() -> None:
    """``before_request``: no NUL in the path or query (PostgreSQL text cannot hold one)."""
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)):
        raise InvalidInput(NUL_MESSAGE, {"url": "contains %00"}, code="nul_character")


def json_body() -> object:
    """The parsed JSON body; ``{}`` when there is none."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    if not request.is_json:
        raise UnsupportedMediaType("Request body must be JSON (Content-Type: application/json)")
    if b"\\u0000" in raw:
        raise InvalidInput(NUL_MESSAGE, {"body": "contains \\u0000"}, code="nul_character")
    limit = current_app.config.get("MAX_JSON_DEPTH", DEFAULT_MAX_DEPTH)
    try:
        return loads_limited(raw, limit)
    except JSONTooDeep:
        raise InvalidInput("JSON body is nested too deeply",
                           {"body": f"nested deeper than {limit} levels"}, code="too_deep") from None
    except orjson.JSONDecodeError as exc:
        raise InvalidInput("Malformed JSON body", {"body": str(exc).split(":")[0]},
                           code="malformed_json") from None


def _validate(schema: type[BaseModel], data, where: str):
    if where == "body" and not isinstance(data, dict):
        raise InvalidInput("Request body must be a JSON object", {"body": "expected an object"})
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"Invalid {where}", field_errors(exc)) from None


def body(schema: type[BaseModel]):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            kwargs["body"] = _validate(schema, json_body(), "body")
            return view(*args, **kwargs)

        wrapper.api_body = schema
        return wrapper
    return decorator


def query(schema: type[BaseModel]):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            unknown = sorted(set(request.args) - known)
            if unknown:  # a misspelt filter must not silently answer unfiltered data
                raise InvalidInput("Unknown query parameters",
                                   {name: "unknown query parameter" for name in unknown})
            values = request.args.to_dict()
            values.update({name: request.args.getlist(name) for name in repeated if name in request.args})
            kwargs["query"] = _validate(schema, values, "query")
            return view(*args, **kwargs)

        known = {field.alias or name for name, field in schema.model_fields.items()} | set(schema.model_fields)
        repeated = {field.alias or name for name, field in schema.model_fields.items() if _is_list(field.annotation)}
        wrapper.api_query = schema
        return wrapper
    return decorator


def _is_list(annotation) -> bool:
    """``list[...]``, or an optional one."""
    if get_origin(annotation) is list:
        return True
    return get_origin(annotation) is Union and any(get_origin(a) is list for a in get_args(annotation))


def responds(status: int, description: str = "", schema=None, headers: dict | None = None,
             media: dict | None = None):
    """Declare, for the spec, an answer the view gives: its status, and the shape of its body.

    ``schema`` is a pydantic model (``WorldOut``), any type pydantic can describe
    (``list[WorldOut]``, a ``Union``), or a ready OpenAPI schema (a dict).
    ``headers`` maps a header name to its OpenAPI header object (``description``,
    ``required``, ``schema``). ``media`` replaces the JSON body: media type -> OpenAPI
    schema (``{}``: no body, as for a 304). The spec only documents: the view's answer is unchanged.
    """
    def decorator(view):
        responses = dict(getattr(view, "api_responses", {}))
        responses[status] = (description, schema, dict(headers or {}), media)
        view.api_responses = responses
        return view
    return decorator


def errors(*statuses: int, text: dict[int, str] | None = None):
    """Declare, for the spec, error statuses the view answers beyond those its decorators imply
    (``text``: this view's own description of a status)."""
    def decorator(view):
        view.api_errors = set(getattr(view, "api_errors", ())) | set(statuses)
        view.api_error_text = {**getattr(view, "api_error_text", {}), **(text or {})}
        return view
    return decorator


def changes(model: BaseModel) -> dict:
    """Fields the client set to a value; ``null`` means "leave as is"."""
    return {k: v for k, v in model.model_dump(exclude_unset=True).items() if v is not None}
