from typing import Annotated

from pydantic import Field, StringConstraints

from core.vocabulary import NAME_MAX
from interfaces.schemas.common import Schema

MentionName = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]
RESOLVE_MAX = 100   # names one resolve request may ask about


class ResolveQuery(Schema):
    names: list[MentionName] = Field(default_factory=list, max_length=RESOLVE_MAX,
                                     description="A name as written in `[[Name]]`; repeat the parameter "
                                                 f"(`?names=A&names=B`), at most {RESOLVE_MAX}")
