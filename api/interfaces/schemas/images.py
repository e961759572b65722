"""Request schemas of the image routes (the upload itself is a multipart file: ``interfaces.uploads``)."""
from typing import Annotated, Optional

from pydantic import StringConstraints

from interfaces.schemas.common import Schema

LINK_TOKEN_MAX = 200


class ImageFetchQuery(Schema):
    token: Optional[Annotated[str, StringConstraints(min_length=1, max_length=LINK_TOKEN_MAX)]] = None
