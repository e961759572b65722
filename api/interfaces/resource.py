"""Blueprints for resources, each built with the store's flush hook.

Every blueprint made here flushes the store after each mutating request, before
the answer leaves, so a 2xx to a write always means the write is on disk and
no route can forget to make its writes durable.
"""
from __future__ import annotations

from typing import Callable

from flask import Blueprint, request

MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def resource_blueprint(name: str, import_name: str, flush: Callable[[], None],
                       url_prefix: str = "/api") -> Blueprint:
    blueprint = Blueprint(name, import_name, url_prefix=url_prefix)

    @blueprint.after_request
    def make_writes_durable(response):
        if request.method in MUTATING_METHODS:
            flush()
        return response

    return blueprint
