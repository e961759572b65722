from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from core.vocabulary import EntryKind, FieldType
from interfaces.pagination import PageQuery
from interfaces.schemas.common import Name, Schema

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]{0,39}$")]
Choice = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Order = Annotated[int, Field(ge=0, le=10_000)]


class FieldOptions(Schema):
    choices: list[Choice] = Field(default_factory=list, max_length=100,
                                  description="text and list fields: values must be among these (none: any)")
    kinds: list[EntryKind] = Field(default_factory=list, max_length=6,
                                   description="entry fields: the linked entry must be of these kinds (none: any)")


class FieldTemplateBody(Schema):
    kind: EntryKind
    label: Name
    key: Optional[Key] = Field(None, description="A slug unique per world and kind; the label's slug if not given")
    field_type: FieldType = "text"
    order: Optional[Order] = Field(None, description="Position among the kind's fields; last if not given")
    options: FieldOptions = Field(default_factory=FieldOptions)


class FieldTemplateUpdateBody(Schema):
    label: Optional[Name] = None
    field_type: Optional[FieldType] = None
    order: Optional[Order] = None
    options: Optional[FieldOptions] = None


class FieldTemplateQuery(PageQuery):
    kind: Optional[EntryKind] = Field(None, description="Only the templates of this kind")
