"""Blueprints for resources, each built with the store's flush hook.

Every blueprint made here flushes the store after each mutating request, before
the answer leaves, so a 2xx to a write always means the write is on disk and
no route can forget to make its writes durable. The writes of one request are
one unit of work (``store.begin``): a request that fails (error answer or
exception) rolls them back where the backend can (PostgreSQL), so it never
leaves half of them.
"""
from __future__ import annotations

from typing import Callable

from flask import Blueprint, current_app, request

MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def resource_blueprint(name: str, import_name: str, flush: Callable[[], None],
                       url_prefix: str = "/api") -> Blueprint:
    blueprint = Blueprint(name, import_name, url_prefix=url_prefix)

    def store():
        return current_app.extensions["worldsmith"].store

    @blueprint.before_request
    def begin_unit_of_work():
        if request.method in MUTATING_METHODS:
            store().begin()

    @blueprint.after_request
    def make_writes_durable(response):
        if request.method in MUTATING_METHODS:
            if response.status_code >= 400:
                store().rollback()
            flush()
        return response

    @blueprint.teardown_request
    def end_unit_of_work(exc):
        if request.method in MUTATING_METHODS:
            store().rollback()  # no-op after a flush; discards the writes of a crash

    return blueprint
