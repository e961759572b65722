"""Blueprints for resources: every mutating request is one unit of work.

Each view of a blueprint made here runs, for POST/PUT/PATCH/DELETE, inside
``with store.unit_of_work():``. All of its writes land, durably, before the
answer leaves, or none do: an exception or an error answer (4xx/5xx) rolls
the unit back. No route can forget to commit, and none can leave half of its
writes behind. Work registered with ``store.after_commit`` (jobs) runs after
the commit, before the answer; a view that wants to show its outcome sets
``g.response_after_commit`` to a function building the final answer.
"""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, current_app, g, request

from services.activity_service import ActivityService
from storage import DocumentStore

MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class _Refused(Exception):
    """An error answer: roll the unit back, then send the answer."""

    def __init__(self, response):
        self.response = response


def in_unit_of_work(store: DocumentStore, view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.method not in MUTATING_METHODS:
            return view(*args, **kwargs)
        try:
            with store.unit_of_work():
                ActivityService.act_as(store, _request_actor)   # who the activity feed names
                response = current_app.make_response(view(*args, **kwargs))
                if response.status_code >= 400:
                    raise _Refused(response)
        except _Refused as refused:
            return refused.response
        after = g.pop("response_after_commit", None)
        return after() if after is not None else response
    return wrapper


def _request_actor() -> str | None:
    user = g.get("user")
    return user.user_id if user is not None else None


class ResourceBlueprint(Blueprint):
    def __init__(self, name: str, import_name: str, store: DocumentStore, **kwargs):
        super().__init__(name, import_name, **kwargs)
        self.store = store

    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        if view_func is not None:
            view_func = in_unit_of_work(self.store, view_func)
        super().add_url_rule(rule, endpoint, view_func, **options)


def resource_blueprint(name: str, import_name: str, store: DocumentStore,
                       url_prefix: str = "/api") -> Blueprint:
    return ResourceBlueprint(name, import_name, store, url_prefix=url_prefix)
