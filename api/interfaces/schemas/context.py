"""Request of the context preview route (``POST /worlds/{world_id}/context``)."""
from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from core.vocabulary import NAME_MAX
from interfaces.schemas.common import LongText, Schema


class ContextBody(Schema):
    text: LongText = Field(description="The text a job would be about (a selection, a chapter)")
    model: Optional[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)]] = \
        Field(None, description="A model the operator allows; by default the world's, else the operator's")
