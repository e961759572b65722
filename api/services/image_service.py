"""Images of a world: upload, listing, serving under the world's visibility,
deletion to the trash, and the check of ``image_id`` on worlds and entries.

An upload is checked and re-encoded (``image_codec``) before the request's
unit of work touches the store, so the decoding never holds the write lock;
the unit then writes the document and its two blobs together (all or nothing).
A world holds at most ``max_per_world`` images (409 ``image_limit``).

Deleting an image never loses work: while the world or one of its characters
or places shows it (``image_id``) it is refused (409 ``image_in_use``, with
where), and otherwise it moves to the trash, restorable like anything deleted;
its bytes go only when the trash entry is purged.
"""
from __future__ import annotations

import re
import unicodedata

from core import permissions
from core.errors import Conflict, InvalidInput, NotFound, Unauthorized
from core.models import Entity, Image, Location, TrashItem, User, World
from core.vocabulary import NAME_MAX
from services import access
from services.image_codec import Processed, process
from services.image_links import ImageLinks
from services.listing import Page
from services.trash_service import TrashService
from storage import DocumentStore

DEFAULT_MAX_PIXELS = 25_000_000
DEFAULT_MAX_PER_WORLD = 200
DEFAULT_THUMB_SIZE = 256


def is_world_image(store: DocumentStore, world_id: str, image_id: str) -> bool:
    """Whether ``image_id`` names a live (not trashed) image of the world."""
    doc = store.get(Image.collection, image_id) if image_id else None
    return doc is not None and doc["world_id"] == world_id


def check_image_ref(store: DocumentStore, world_id: str, image_id: str | None) -> None:
    """An ``image_id`` set on a world, character or place must name an image of that
    world ("" clears it); 400 ``unknown_image`` otherwise (missing, trashed, another world's)."""
    if image_id and not is_world_image(store, world_id, image_id):
        raise InvalidInput("No such image in this world", {"image_id": "not an image of this world"},
                           code="unknown_image")


def clean_filename(name: str | None) -> str:
    """The uploader's file name, for display only: the last path part, NFC, no control
    characters, whitespace collapsed, at most NAME_MAX characters (tone marks kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(" " if c.isspace() else c for c in name if c.isspace() or unicodedata.category(c)[0] not in "CZ")
    return " ".join(name.split()).strip(" .")[:NAME_MAX]


class ImageService:
    def __init__(self, store: DocumentStore, trash: TrashService, links: ImageLinks,
                 max_pixels: int = DEFAULT_MAX_PIXELS, max_per_world: int = DEFAULT_MAX_PER_WORLD,
                 thumb_size: int = DEFAULT_THUMB_SIZE):
        self.store = store
        self.trash = trash
        self.links = links
        self.max_pixels = max_pixels
        self.max_per_world = max_per_world
        self.thumb_size = thumb_size

    # -- uploading -----------------------------------------------------------------

    def check_room(self, world: World) -> None:
        count = self.store.count(Image.collection, where={"world_id": world.world_id})
        if count >= self.max_per_world:
            raise Conflict(f"A world holds at most {self.max_per_world} images: delete one first",
                           {"file": f"limit of {self.max_per_world} images reached"}, code="image_limit")

    def prepare(self, data: bytes) -> Processed:
        """Check and re-encode the upload (415/400/413); slow, so outside the unit's lock."""
        return process(data, self.max_pixels, self.thumb_size)

    def add(self, user: User, world: World, filename: str | None, processed: Processed) -> Image:
        """Store a prepared image in the world: its document and both blobs, in one unit."""
        with self.store.unit_of_work():
            self.check_room(world)
            image = Image(world_id=world.world_id, owner_id=user.user_id,
                          content_type=processed.content_type, width=processed.width,
                          height=processed.height, bytes=len(processed.data), sha256=processed.sha256,
                          thumb_content_type=processed.thumb_content_type,
                          thumb_width=processed.thumb_width, thumb_height=processed.thumb_height,
                          thumb_bytes=len(processed.thumb), filename=clean_filename(filename))
            self.store.put(Image.collection, image.image_id, image.to_dict())
            self.store.put_blob(image.blob_key, processed.data)
            self.store.put_blob(image.thumb_key, processed.thumb)
            self.trash.activity.record_doc(user.user_id, "created", Image.collection, image.to_dict())
        return image

    # -- reading -------------------------------------------------------------------

    def list(self, world: World, offset: int, limit: int) -> Page:
        """A page of the world's images, newest first."""
        where = {"world_id": world.world_id}
        docs = self.store.find(Image.collection, where=where, offset=offset, limit=limit)
        return Page([Image.from_dict(d) for d in docs], self.store.count(Image.collection, where=where))

    def get(self, world: World, image_id: str) -> Image:
        doc = self.store.get(Image.collection, image_id)
        if doc is None or doc["world_id"] != world.world_id:
            raise NotFound("Image not found in this world")
        return Image.from_dict(doc)

    def visible(self, image_id: str, viewers: list[User | None]) -> tuple[Image, World]:
        """The image and its world if one of ``viewers`` may see the world; else 404."""
        doc = self.store.get(Image.collection, image_id)
        world = access.load_world(self.store, doc["world_id"]) if doc else None
        if world is None or not any(permissions.can_view_world(v, world) for v in viewers):
            raise NotFound("Image not found")
        return Image.from_dict(doc), world

    def data(self, image: Image, thumbnail: bool = False) -> bytes:
        data = self.store.get_blob(image.thumb_key if thumbnail else image.blob_key)
        if data is None:   # deleted between reading its document and its bytes
            raise NotFound("Image not found")
        return data

    def link_user(self, token: str, image_id: str) -> tuple[User, int]:
        """The user a signed link (``image_links``) was made for and its expiry, if it
        opens this image; else 401."""
        doc = self.store.get(User.collection, self.links.claimed_user(token))
        user = None if doc is None else User.from_dict(doc)
        expires = self.links.check(token, image_id, user.token_version if user is not None else 0)
        if user is None or user.banned:
            raise Unauthorized("The image link is not valid", code="image_link_invalid")
        return user, expires

    def present(self, image: Image, world: World, viewer: User | None, base: str = "") -> dict:
        """The API's image: its fields and the URLs to fetch it and its thumbnail
        (signed for the viewer when the world is not public)."""
        url = f"{base}/api/images/{image.image_id}"
        query, expires = "", None
        if world.visibility != "public" and viewer is not None:
            token, expires = self.links.token(image.image_id, viewer.user_id, viewer.token_version)
            query = f"?token={token}"
        data = image.to_dict()
        data.update(url=url + query, thumbnail_url=f"{url}/thumbnail{query}", url_expires_at=expires)
        return data

    # -- deleting --------------------------------------------------------------------

    def references(self, world: World, image_id: str) -> list[dict]:
        """Where the world shows the image: ``[{kind, id, name}]``."""
        found = [{"kind": "world", "id": world.world_id, "name": world.name}] if world.image_id == image_id else []
        for model, kind in ((Entity, "entity"), (Location, "location")):
            for doc in self.store.find(model.collection, where={"world_id": world.world_id}, newest_first=False):
                if doc.get("image_id") == image_id:
                    found.append({"kind": kind, "id": doc[model.id_field], "name": doc.get("name", "")})
        return found

    def delete(self, user: User, world: World, image_id: str) -> TrashItem:
        """To the trash, unless something shows it (409 ``image_in_use``)."""
        with self.store.unit_of_work():
            image = self.get(world, image_id)
            used = self.references(world, image_id)
            if used:
                raise Conflict("The image is in use: choose another image for these first",
                               {"image_id": "shown by " + ", ".join(f"{u['kind']} '{u['name']}'" for u in used[:10])},
                               code="image_in_use")
            return self.trash.trash_image(user, world, image)
