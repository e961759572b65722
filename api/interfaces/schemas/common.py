from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from core.vocabulary import (ID_MAX, NAME_MAX, STORY_TEXT_MAX, TAG_MAX, TAGS_MAX, TEXT_MAX,  # noqa: F401
                             Visibility, WorldType)

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
LongText = Annotated[str, StringConstraints(max_length=STORY_TEXT_MAX)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=ID_MAX)]
OptionalId = Annotated[str, StringConstraints(strip_whitespace=True, max_length=ID_MAX)]   # "" for none
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TAG_MAX)]
FIELDS_MAX = 100          # custom field values on one entry
FIELD_KEY_MAX = 40


def _distinct_tags(tags: list[str]) -> list[str]:
    """Inner spacing collapsed; a tag repeated in another case is dropped (the first spelling stays)."""
    seen, kept = set(), []
    for tag in tags:
        tag = " ".join(tag.split())
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return kept


Tags = Annotated[list[Tag], Field(max_length=TAGS_MAX, description=f"At most {TAGS_MAX} tags of at most {TAG_MAX} "
                                                                   "characters; repeats (ignoring case) dropped"),
                 AfterValidator(_distinct_tags)]
FieldKey = Annotated[str, StringConstraints(min_length=1, max_length=FIELD_KEY_MAX)]
FieldValues = Annotated[dict[FieldKey, Any], Field(
    max_length=FIELDS_MAX, description="Custom field key -> value, checked against the world's field templates "
                                       "of the entry's kind. Keys given are set (`null` removes one); keys not "
                                       "given keep their values")]


class Schema(BaseModel):
    """Base for request bodies: unknown fields are ignored, never trusted."""

    model_config = ConfigDict(extra="ignore", defer_build=True)  # validators built on first use: faster cold start


class IdList(Schema):
    user_ids: list[Id] = Field(min_length=1, max_length=200)
