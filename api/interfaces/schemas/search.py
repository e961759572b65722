from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from core.vocabulary import SEARCH_QUERY_MAX, SEARCH_TYPES, TAG_MAX, EntryKind
from interfaces.pagination import PageQuery
from interfaces.schemas.common import Id

_TYPE = "|".join(SEARCH_TYPES)


class SearchQuery(PageQuery):
    q: Annotated[str, StringConstraints(min_length=1, max_length=SEARCH_QUERY_MAX)] = Field(
        description="Words to find; accents, tone marks and case do not matter (\"ha noi\" finds "
                    "\"Hà Nội\"). The last word also finds the words it begins unless the query ends "
                    "with a space")
    world_id: Optional[Id] = Field(None, description="Only this world (404 if the caller cannot see it)")
    types: Optional[Annotated[str, StringConstraints(pattern=rf"^({_TYPE})(,({_TYPE}))*$")]] = Field(
        None, description=f"Comma-separated: {', '.join(SEARCH_TYPES)} (default: all)")
    kind: Optional[EntryKind] = Field(None, description="Only entries of this kind")
    tag: Optional[Annotated[str, StringConstraints(min_length=1, max_length=TAG_MAX)]] = Field(
        None, description="Only stories and entries carrying this tag")

    def type_list(self) -> list[str] | None:
        return None if self.types is None else self.types.split(",")
