"""Answer schemas of the image routes."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from core.vocabulary import ImageType
from interfaces.schemas.responses import MessageOut, Out, Timestamp


class ImageOut(Out):
    """An image of a world: what it is, and where to fetch it."""

    image_id: str
    world_id: str
    owner_id: str = Field(description="Who uploaded it")
    content_type: ImageType = Field(description="As stored: re-encoded in the type it was uploaded in")
    width: int = Field(ge=1)
    height: int = Field(ge=1)
    bytes: int = Field(ge=1, description="Size of the stored (re-encoded) image")
    sha256: str = Field(description="Digest of the stored image; its `ETag`")
    filename: str = Field(description="The uploaded file's name, sanitised (display only)")
    thumb_content_type: ImageType
    thumb_width: int = Field(ge=1)
    thumb_height: int = Field(ge=1)
    thumb_bytes: int = Field(ge=1)
    url: str = Field(description="`GET` it, also as `<img src>`: signed for you when the world is "
                                 "not public (see `GET /api/images/{image_id}`)")
    thumbnail_url: str = Field(description="The thumbnail (at most `IMAGE_THUMB_SIZE` px a side), "
                                           "signed like `url`")
    url_expires_at: Optional[int] = Field(description="Unix time when the signed URLs stop working; "
                                                      "null when they need no signature (public world)")
    created_at: Timestamp
    updated_at: Timestamp


class ImageDeletedOut(MessageOut):
    image_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")
