from __future__ import annotations

from dataclasses import dataclass

from core.models.base import Model, id_factory


@dataclass
class Image(Model):
    """An uploaded picture of a world (for the world, a character or a place).

    The document describes it; its bytes are two blobs of the store
    (``blob_key``: the re-encoded image, ``thumb_key``: its thumbnail), written
    once in the upload's unit of work. ``sha256`` is the stored image's digest
    (its ``ETag``); ``filename`` the uploader's name for it, sanitised (shown
    only, never used as a path)."""

    collection = "images"
    id_field = "image_id"
    indexed_fields = ("world_id",)

    world_id: str
    owner_id: str
    content_type: str
    width: int
    height: int
    bytes: int
    sha256: str
    thumb_content_type: str
    thumb_width: int
    thumb_height: int
    thumb_bytes: int
    filename: str = ""
    image_id: str = id_factory()

    @property
    def blob_key(self) -> str:
        return self.image_id

    @property
    def thumb_key(self) -> str:
        return f"{self.image_id}.thumb"
