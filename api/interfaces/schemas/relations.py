"""Request bodies and queries of relations, relation types, the graph and family trees."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, StringConstraints, field_validator

from core.vocabulary import ATTITUDE_MAX, ATTITUDE_MIN, ENTRY_KINDS, SHORT_MAX
from interfaces.pagination import PageQuery
from interfaces.schemas.calendar import DateBody
from interfaces.schemas.common import Id, Schema, Text

TypeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,49}$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_MAX)]
MAX_TYPES = 100   # relation types in one world's vocabulary


class RelationTypeBody(Schema):
    key: TypeKey = Field(description="A slug: lowercase letters, digits and `_`, starting with a letter")
    label: Label = Field(description='Read from source to target: "parent of"')
    inverse_label: Optional[Label] = Field(None, description='Read from target to source: "child of" '
                                                             "(the label when left out)")
    mutual: bool = Field(False, description="No direction: A-B is B-A (sibling of, ally of)")


class RelationTypesBody(Schema):
    types: list[RelationTypeBody] = Field(max_length=MAX_TYPES, description="The whole vocabulary, replaced")


class RelationBody(Schema):
    source_id: Id = Field(description="An entry (entity or location) of the world")
    target_id: Id = Field(description="Another entry of the world")
    type: TypeKey = Field(description="A key of the world's relation types")
    attitude: int = Field(0, ge=ATTITUDE_MIN, le=ATTITUDE_MAX, description="-3 hostile .. 3 devoted")
    note: Text = ""
    start_date: Optional[DateBody] = None
    end_date: Optional[DateBody] = None


class RelationUpdateBody(Schema):
    source_id: Optional[Id] = None
    target_id: Optional[Id] = None
    type: Optional[TypeKey] = None
    attitude: Optional[int] = Field(None, ge=ATTITUDE_MIN, le=ATTITUDE_MAX)
    note: Optional[Text] = None
    start_date: Optional[DateBody] = Field(None, description="`null` clears it")
    end_date: Optional[DateBody] = Field(None, description="`null` clears it")


class RelationListQuery(PageQuery):
    entry_id: Optional[Id] = Field(None, description="Only relations with this entry at either end")
    type: Optional[TypeKey] = Field(None, description="Only relations of this type")


def _comma_list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item for item in (part.strip() for part in value.split(",")) if item]


class GraphQuery(Schema):
    mode: Literal["relations", "cooccurrence"] = Field(
        "relations", description="`relations`: typed relations; `cooccurrence`: characters sharing stories "
                                 "(`co_appears`) and visiting places (`visits`)")
    kinds: Optional[Annotated[str, StringConstraints(max_length=200)]] = Field(
        None, description=f"Comma-separated entry kinds to keep ({', '.join(ENTRY_KINDS)}); all when left out")
    types: Optional[Annotated[str, StringConstraints(max_length=2_000)]] = Field(
        None, description="Comma-separated edge types to keep (relation type keys, or `co_appears`, `visits`)")
    all_entries: bool = Field(False, description="Also every entry of the kept kinds that no edge touches")

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value):
        unknown = [k for k in _comma_list(value) or [] if k not in ENTRY_KINDS]
        if unknown:
            raise ValueError(f"unknown entry kinds: {', '.join(unknown)} (kinds: {', '.join(ENTRY_KINDS)})")
        return value

    @property
    def kind_set(self) -> set[str] | None:
        return set(_comma_list(self.kinds)) or None if self.kinds is not None else None

    @property
    def type_set(self) -> set[str] | None:
        return set(_comma_list(self.types)) or None if self.types is not None else None


class FamilyTreeQuery(Schema):
    depth: int = Field(3, ge=1, le=6, description="Parent, child or spouse steps from the entry")
