"""Custom fields: a world's field templates per entry kind, and the values entries hold.

A template (``FieldTemplate``) names a value (``key``, a slug unique per world
and kind) and decides what it may be (``field_type``). Values live on the
entries (``Entity.fields``, ``Location.fields``); ``validate_values`` checks
them on every write. A value that did not change is never checked again: a
template deleted or changed later leaves the values it allowed in place (shown
as unlisted fields), and saving an entry does not require mending them.
Deleting a template moves it to the trash; the values stay on the entries.
"""
from __future__ import annotations

import math
import re

from core.calendar import check_date, normalise_calendar
from core.errors import Conflict, InvalidInput, NotFound
from core.models import FieldTemplate, TrashItem, User, World
from core.models.field_template import MAX_PER_WORLD
from core.text import fold
from core.vocabulary import ENTRY_KINDS, ID_MAX, NAME_MAX, TEXT_MAX
from services.entry_refs import find_entry, kind_of
from services.trash_service import TrashService
from storage import DocumentStore

LIST_MAX = 50              # items of a list value
NUMBER_MAX = 1e15          # magnitude of a number value (exact as a float)
YEAR_MAX = 1_000_000       # magnitude of a date value's year
KEY_MAX = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(label: str) -> str:
    """A key from a label: "Quê quán" -> "que_quan" (folded, ASCII, words joined by "_")."""
    return _NOT_SLUG.sub("_", fold(label)).strip("_")[:KEY_MAX].strip("_")


def _sort_key(doc: dict):
    kind = doc["kind"]
    return (ENTRY_KINDS.index(kind) if kind in ENTRY_KINDS else len(ENTRY_KINDS), doc.get("order", 0),
            doc["label"].casefold(), doc["template_id"])


class FieldService:
    def __init__(self, store: DocumentStore, trash: TrashService | None = None):
        self.store = store
        self.trash = trash or TrashService(store)

    # -- templates ------------------------------------------------------------------

    def list(self, world: World, kind: str | None = None) -> list[FieldTemplate]:
        """The world's templates (of one kind, if given): by kind, then order, then label."""
        docs = self.store.find(FieldTemplate.collection, where={"world_id": world.world_id},
                               newest_first=False, limit=MAX_PER_WORLD * 2)
        return [FieldTemplate.from_dict(d) for d in sorted(docs, key=_sort_key)
                if kind is None or d["kind"] == kind]

    def get(self, world: World, template_id: str) -> FieldTemplate:
        doc = self.store.get(FieldTemplate.collection, template_id)
        if doc is None or doc["world_id"] != world.world_id:
            raise NotFound("Field template not found in this world")
        return FieldTemplate.from_dict(doc)

    def create(self, world: World, data: dict) -> FieldTemplate:
        """A new template; its key is the label's slug unless given. 409 ``duplicate_key`` when
        the world's kind has that key already, ``too_many_templates`` past ``MAX_PER_WORLD``."""
        with self.store.unit_of_work():
            existing = self.list(world)
            if len(existing) >= MAX_PER_WORLD:
                raise Conflict(f"A world holds at most {MAX_PER_WORLD} field templates",
                               {"world_id": f"has {len(existing)} field templates"}, code="too_many_templates")
            key = data.get("key") or slug(data["label"])
            if not key:
                raise InvalidInput("The label gives no key: give one", {"key": "letters or digits needed"})
            if any(t.kind == data["kind"] and t.key == key for t in existing):
                raise Conflict(f"A {data['kind']} field '{key}' exists already in this world",
                               {"key": "already exists"}, code="duplicate_key")
            order = data.get("order")
            if order is None:
                order = 1 + max((t.order for t in existing if t.kind == data["kind"]), default=-1)
            template = FieldTemplate(world_id=world.world_id, kind=data["kind"], key=key, label=data["label"],
                                     field_type=data["field_type"], order=order,
                                     options=dict(data.get("options") or {}))
            self.store.put(FieldTemplate.collection, template.template_id, template.to_dict())
        return template

    def update(self, world: World, template_id: str, changes: dict) -> FieldTemplate:
        """Change label, type, order or options (never kind or key: values are stored under them)."""
        with self.store.unit_of_work():
            template = self.get(world, template_id)
            before = template.to_dict()
            for name in ("label", "field_type", "order", "options"):
                if name in changes:
                    setattr(template, name, changes[name])
            if template.to_dict() != before:
                template.version += 1
                template.touch()
                self.store.put(FieldTemplate.collection, template.template_id, template.to_dict())
        return template

    def delete(self, user: User, world: World, template_id: str) -> TrashItem:
        """To the trash; the values entries hold under its key stay (as unlisted fields)."""
        with self.store.unit_of_work():
            return self.trash.trash_template(user, world, self.get(world, template_id))

    # -- values ---------------------------------------------------------------------

    def apply(self, world: World, kind: str, values: dict, previous: dict) -> dict:
        """An entry's values after a write of ``values``: those given set (``null``
        removes one, each new or changed one checked by ``validate_values``), the others kept."""
        checked = self.validate_values(world, kind, values, previous)
        merged = {**previous, **checked}
        return {key: value for key, value in merged.items() if values.get(key, value) is not None}

    def validate_values(self, world: World, kind: str, values: dict, previous: dict | None = None) -> dict:
        """The values to store: ``null`` removes a value; each new or changed value must
        have a template of this kind (400 ``unknown_field``) and fit its type (400
        ``invalid_field``); ``details`` maps ``fields.<key>`` to what is wrong."""
        previous = previous or {}
        templates = {t.key: t for t in self.list(world, kind)}
        kept, unknown, invalid = {}, {}, {}
        calendar = None
        for key, value in values.items():
            if value is None:
                continue
            if key in previous and previous[key] == value:
                kept[key] = value
                continue
            template = templates.get(key)
            if template is None:
                unknown[f"fields.{key}"] = f"no {kind} field template has this key"
                continue
            if template.field_type == "date" and calendar is None:
                calendar = normalise_calendar(world.metadata.get("calendar"), world.world_type)
            value, problem = self._check(world, template, value, calendar)
            if problem:
                invalid[f"fields.{key}"] = problem
            else:
                kept[key] = value
        if unknown:
            raise InvalidInput("Unknown custom fields", unknown, code="unknown_field")
        if invalid:
            raise InvalidInput("Invalid custom field values", invalid, code="invalid_field")
        return kept

    def _check(self, world: World, template: FieldTemplate, value, calendar) -> tuple[object, str | None]:
        """``(value to store, None)`` or ``(value, what is wrong)``."""
        field_type, options = template.field_type, template.options or {}
        choices = options.get("choices") or []
        if field_type == "text":
            if not isinstance(value, str):
                return value, "must be text"
            if len(value) > TEXT_MAX:
                return value, f"at most {TEXT_MAX} characters"
            if choices and value not in choices:
                return value, "must be one of the field's choices"
            return value, None
        if field_type == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return value, "must be a number"
            if not math.isfinite(value) or abs(value) > NUMBER_MAX:
                return value, f"must be a finite number of magnitude at most {NUMBER_MAX:.0e}"
            return value, None
        if field_type == "date":
            problem = check_date(calendar, value)
            if problem is None and abs(value["year"]) > YEAR_MAX:
                problem = f"year must be between -{YEAR_MAX} and {YEAR_MAX}"
            return value, problem
        if field_type == "entry":
            if not isinstance(value, str) or not 0 < len(value) <= ID_MAX:
                return value, "must be the id of an entry of this world"
            found = find_entry(self.store, world.world_id, value)
            if found is None:
                return value, "no entry of this world has this id"
            kinds = options.get("kinds") or []
            if kinds and kind_of(*found) not in kinds:
                return value, f"must be an entry of kind {', '.join(kinds)}"
            return value, None
        if field_type == "list":
            if not isinstance(value, list) or len(value) > LIST_MAX:
                return value, f"must be a list of at most {LIST_MAX} texts"
            items = [" ".join(v.split()) if isinstance(v, str) else v for v in value]
            if any(not isinstance(v, str) or not v or len(v) > NAME_MAX for v in items):
                return value, f"each item must be a text of 1 to {NAME_MAX} characters"
            if choices and any(v not in choices for v in items):
                return value, "each item must be one of the field's choices"
            return items, None
        return value, f"the template's type '{field_type}' takes no values"
