"""Images of a world: upload, list, fetch (the image and its thumbnail), delete."""
from __future__ import annotations

from flask import Response, current_app, jsonify, request

from core.vocabulary import IMAGE_TYPES
from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.images import ImageFetchQuery
from interfaces.schemas.images_out import ImageDeletedOut, ImageOut
from interfaces.uploads import read_upload, upload
from interfaces.validation import errors, query, responds
from services import access

BINARY = {"type": "string", "format": "binary"}
IMAGE_MEDIA = {media_type: BINARY for media_type in IMAGE_TYPES}
FETCH_HEADERS = {
    "ETag": {"description": "The stored image's SHA-256, quoted; send it as `If-None-Match` for a 304",
             "required": True, "schema": {"type": "string"}},
    "Cache-Control": {"description": "`public, max-age=N` for a public world's image; "
                                     "`private, max-age=N` otherwise", "required": True,
                      "schema": {"type": "string"}},
    "X-Content-Type-Options": {"description": "`nosniff`", "required": True, "schema": {"type": "string"}},
}
UPLOAD_ERRORS = {
    400: "Not a valid image (damaged, truncated, or not what its header says: `invalid_image`), "
         "or no file (`file_missing`)",
    413: "The file is over `IMAGE_MAX_BYTES`, or the image over `IMAGE_MAX_PIXELS` (`image_too_large`)",
    415: "Not multipart/form-data, or not a PNG, JPEG, WebP or GIF image (`unsupported_image`)",
    409: "The world holds `IMAGE_MAX_PER_WORLD` images already (`image_limit`)",
}
FETCH_ERRORS = {401: "A bad `Authorization` token, or a `token` link that is malformed, forged or "
                     "expired (`image_link_invalid`, `image_link_expired`)"}


def create_images_blueprint(services):
    store, images = services.store, services.images
    bp = resource_blueprint("images", __name__, store)

    def base_url() -> str:
        return (current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")

    @bp.post("/worlds/<world_id>/images")
    @token_required
    @upload("file", "A PNG, JPEG, WebP or GIF image of at most `IMAGE_MAX_BYTES` (8 MiB) and "
                    "`IMAGE_MAX_PIXELS` (25 megapixels)")
    @errors(409, text=UPLOAD_ERRORS)
    @responds(201, "Image stored", schema=ImageOut)
    def upload_image(world_id):
        """Upload an image to the world (owner or co-author): multipart/form-data, the file in `file`.

        Accepted by decoding it, never by its name or declared type: PNG, JPEG, WebP
        or GIF, checked whole (a truncated or polyglot file is 400), at most
        `IMAGE_MAX_PIXELS` (checked from the header, before decoding). It is stored
        re-encoded without metadata (EXIF, GPS, ICC, comments), upright, with a
        thumbnail; an animated GIF or WebP keeps its first frame. Set its id as
        `image_id` on the world, a character or a place to show it there.
        """
        user = current_user()
        with store.outside_unit():   # refuse early, and decode without holding the write lock
            images.check_room(access.writable_world(store, user, world_id))
        sent = read_upload("file", current_app.config["IMAGE_MAX_BYTES"], "image_too_large")
        prepared = images.prepare(sent.data)
        world = access.writable_world(store, user, world_id)
        image = images.add(user, world, sent.filename, prepared)
        return jsonify(images.present(image, world, user, base_url())), 201

    @bp.get("/worlds/<world_id>/images")
    @optional_auth
    @query(PageQuery)
    @paged(ImageOut, "One page of the world's images, newest first, a bare array")
    def list_images(world_id, query: PageQuery):
        """The world's images, newest first, with URLs to fetch them (signed for you when the
        world is not public)."""
        user = current_user()
        world = access.visible_world(store, user, world_id)
        found = images.list(world, query.offset, query.per_page)
        return page_response([images.present(image, world, user, base_url()) for image in found.items],
                             found.total, query)

    def fetch(image_id: str, token: str | None, thumbnail: bool):
        viewers, expires = [current_user()], None
        if token is not None:
            linked, expires = images.link_user(token, image_id)
            viewers.append(linked)
        image, world = images.visible(image_id, viewers)
        data = images.data(image, thumbnail)
        response = Response(data, mimetype=image.thumb_content_type if thumbnail else image.content_type)
        response.set_etag(f"{image.sha256}.thumb" if thumbnail else image.sha256)
        lifetime = images.links.seconds
        if world.visibility == "public":
            response.headers["Cache-Control"] = f"public, max-age={lifetime}"
        else:
            if expires is not None:   # never cached past the link's life
                lifetime = max(0, min(lifetime, expires - int(images.links.clock())))
            response.headers["Cache-Control"] = f"private, max-age={lifetime}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response.make_conditional(request)

    @bp.get("/images/<image_id>")
    @optional_auth
    @query(ImageFetchQuery)
    @errors(text=FETCH_ERRORS)
    @responds(200, "The image", headers=FETCH_HEADERS, media=IMAGE_MEDIA)
    @responds(304, "Not modified (`If-None-Match` names its ETag)", media={})
    def get_image(image_id, query: ImageFetchQuery):
        """The image's bytes, as visible as its world (404 otherwise).

        For `<img src>`, which cannot send `Authorization`: the `url` of an `ImageOut`
        carries `?token=<user>.<expiry>.<signature>`, an HMAC (keyed from the app's
        secret) of the image id, the user, the expiry and the user's token version.
        It opens this image (and its thumbnail) only, expires after
        `IMAGE_LINK_SECONDS` (rounded up to 10 minutes, so URLs stay stable for
        caching), dies with a password change or a ban, and grants nothing by itself:
        each fetch checks that the user may see the world now. Public worlds' URLs carry
        no token. Answers `ETag` (the SHA-256), `Cache-Control` (`public` for a public
        world, else `private`, never past the link's expiry) and 304 for `If-None-Match`.
        """
        return fetch(image_id, query.token, thumbnail=False)

    @bp.get("/images/<image_id>/thumbnail")
    @optional_auth
    @query(ImageFetchQuery)
    @errors(text=FETCH_ERRORS)
    @responds(200, "The thumbnail", headers=FETCH_HEADERS, media=IMAGE_MEDIA)
    @responds(304, "Not modified (`If-None-Match` names its ETag)", media={})
    def get_thumbnail(image_id, query: ImageFetchQuery):
        """The image's thumbnail (at most `IMAGE_THUMB_SIZE` px a side), served like the image."""
        return fetch(image_id, query.token, thumbnail=True)

    @bp.delete("/worlds/<world_id>/images/<image_id>")
    @token_required
    @errors(409, text={409: "The world, a character or a place shows it (`image_in_use`)"})
    @responds(200, "Image moved to the trash", schema=ImageDeletedOut)
    def delete_image(world_id, image_id):
        """Move an image to the trash (owner or co-author); refused while the world, a character or a
        place shows it (409 `image_in_use`, with where), so no page loses its picture.

        `trash_id` restores it until it expires; its bytes go when the entry is purged.
        """
        user = current_user()
        trashed = images.delete(user, access.writable_world(store, user, world_id), image_id)
        return jsonify(message="Image deleted", image_id=image_id, trash_id=trashed.trash_id)

    return bp
