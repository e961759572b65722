from typing import Literal, Optional

from pydantic import Field

from core.vocabulary import EntryKind
from interfaces.pagination import PageQuery
from interfaces.schemas.common import OptionalId, Tag
from interfaces.schemas.stories import Short
from services.entry_service import SORTS


class EntryListQuery(PageQuery):
    kind: Optional[EntryKind] = Field(None, description="Only entries of this kind")
    tag: Optional[Tag] = Field(None, description="Only entries with this tag (ignoring case)")
    q: Optional[Short] = Field(None, description="Only entries whose name or an alias (or one of their words) "
                                                 "begins with this, ignoring accents and case")
    parent_id: Optional[OptionalId] = Field(None, description="Only the locations that lie in this one")
    sort: Literal[SORTS] = Field("name", description="name, -name, updated, -updated (oldest change first), "
                                                     "or kind (then name)")
