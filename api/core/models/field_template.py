from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class FieldTemplate(Model):
    """A custom field a world's entries of one kind may hold (``Entity.fields``,
    ``Location.fields``): ``key`` (a slug, unique per world and kind) names the
    value, ``field_type`` (``core.vocabulary.FIELD_TYPES``) decides what a value
    may be. ``options``: ``choices`` (text and list values must be among them
    when given) and ``kinds`` (entry values must be entries of these kinds)."""

    collection = "field_templates"
    id_field = "template_id"
    indexed_fields = ("world_id",)

    world_id: str
    kind: str           # an entry kind (core.vocabulary.ENTRY_KINDS)
    key: str
    label: str
    field_type: str = "text"
    order: int = 0
    options: dict = field(default_factory=dict)
    template_id: str = id_factory()
    version: int = 1   # +1 on every update


MAX_PER_WORLD = 200   # templates of one world (all kinds): bounded lists and checks
