"""``python api/main.py seed-demo``: demo worlds to look around in, one in English, one
in Vietnamese, each with characters, places, a relation and two chapters that
mention them.

Idempotent: a world already seeded for the owner (``metadata.demo_seed``) is left
as it is, so running it again adds nothing. The owner is ``--owner`` (an existing
account) or the account ``demo``, made when missing with the password from
``WORLDSMITH_DEMO_PASSWORD`` (or a random one, printed once).
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys

from config import Config

PASSWORD_ENV = "WORLDSMITH_DEMO_PASSWORD"

DEMOS = {
    "en": {
        "name": "The Salt Coast", "world_type": "fantasy",
        "description": "Fishing towns on a misty coast, where the tide hides old roads.",
        "characters": [("Mara Quill", "cartographer", "Maps the roads the tide uncovers."),
                       ("Tomas Reed", "ferryman", "Knows every sandbar by its sound.")],
        "places": [("Greywater", "town", "A harbour town of tarred roofs."),
                   ("The Drowned Road", "road", "Seen only at the lowest tides.")],
        "relation": ("Mara Quill", "Tomas Reed", "ally_of"),
        "chapters": [
            ("Low Tide", "[[Mara Quill]] waited on the quay of [[Greywater]] for the water to fall.\n\n"
                         "When it did, [[Tomas Reed]] rowed her out to **the Drowned Road**."),
            ("The Road Beneath", "The stones were warm. [[Mara Quill|Mara]] counted them aloud.\n\n* * *\n\n"
                                 "[[Tomas Reed]] listened to the tide turning."),
        ],
    },
    "vi": {
        "name": "Xứ Sương Mù", "world_type": "historical",
        "description": "Một vùng núi phía bắc, nơi sương mù giữ lại những câu chuyện cũ.",
        "characters": [("Nguyễn Thị Linh", "người kể chuyện", "Ghi lại truyện của các bản làng."),
                       ("Trần Minh", "người dẫn đường", "Thuộc từng con dốc trong sương.")],
        "places": [("Bản Mây", "làng", "Ngôi làng trên đỉnh đèo."),
                   ("Đèo Gió", "đèo", "Con đèo quanh năm gió thổi.")],
        "relation": ("Nguyễn Thị Linh", "Trần Minh", "ally_of"),
        "chapters": [
            ("Sương sớm", "[[Nguyễn Thị Linh]] thức dậy khi sương còn phủ kín [[Bản Mây]].\n\n"
                          "[[Trần Minh]] đã đợi sẵn ở đầu làng."),
            ("Qua đèo", "Hai người vượt [[Đèo Gió]] trước khi trời tối.\n\n* * *\n\n"
                        "[[Nguyễn Thị Linh|Linh]] kể lại chuyện cũ bên bếp lửa."),
        ],
    },
}


def _owner(services, username: str | None):
    """(the owner, a password to print or None)."""
    auth = services.auth
    if username:
        user = auth.find_by_name(username)
        if user is None:
            raise SystemExit(f"error: no account named {username!r}")
        return user, None
    user = auth.find_by_name("demo")
    if user is not None:
        return user, None
    password = os.environ.get(PASSWORD_ENV) or secrets.token_urlsafe(12)
    user = auth.register("demo", "demo@localhost.invalid", password)
    return user, None if os.environ.get(PASSWORD_ENV) else password


def seed(services, owner, visibility: str = "public") -> list[tuple[str, str, bool]]:
    """Create the missing demo worlds of ``owner``: [(language, world_id, created)]."""
    from core.models import World
    from interfaces.schemas.relations import RelationBody
    from interfaces.schemas.stories import StoryCreateBody
    from interfaces.schemas.worlds import EntityBody, LocationBody, WorldCreateBody
    from services.cast_service import ENTITY, LOCATION

    store, done = services.store, []
    existing = {d.get("metadata", {}).get("demo_seed"): d["world_id"]
                for d in store.find(World.collection, where={"owner_id": owner.user_id})}
    for language, demo in DEMOS.items():
        if language in existing:
            done.append((language, existing[language], False))
            continue
        with store.unit_of_work():
            body = WorldCreateBody(name=demo["name"], description=demo["description"], language=language,
                                   world_type=demo["world_type"], visibility=visibility).model_dump()
            world = services.worlds.create(owner, body)
            world.metadata = {**world.metadata, "demo_seed": language}
            store.put(World.collection, world.world_id, world.to_dict())
            ids = {}
            for name, role, text in demo["characters"]:
                ids[name] = services.cast.create(ENTITY, world, EntityBody(
                    name=name, role=role, description=text).model_dump()).entity_id
            for name, kind, text in demo["places"]:
                ids[name] = services.cast.create(LOCATION, world, LocationBody(
                    name=name, location_type=kind, description=text).model_dump()).location_id
            source, target, kind = demo["relation"]
            services.relations.create(world, RelationBody(source_id=ids[source], target_id=ids[target],
                                                          type=kind).model_dump())
            for index, (title, content) in enumerate(demo["chapters"]):
                services.stories.create(owner, world, StoryCreateBody(
                    world_id=world.world_id, title=title, content=content, visibility=visibility,
                    time_index=40 + 10 * index, selected_characters=list(ids.values())[:2]).model_dump())
        done.append((language, world.world_id, True))
    return done


def main(argv) -> int:
    parser = argparse.ArgumentParser(prog="main.py seed-demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-path", help="TinyDB file (default: data/worldsmith.json)")
    parser.add_argument("--owner", help="An existing account to own the worlds (default: the account `demo`)")
    parser.add_argument("--visibility", choices=("public", "private"), default="public")
    args = parser.parse_args(argv)
    overrides = {"DB_PATH": os.path.abspath(args.db_path)} if args.db_path else {}
    if not Config().JWT_SECRET_KEY:   # no token is issued here: any key will do
        overrides["JWT_SECRET_KEY"] = secrets.token_urlsafe(32)
    from interfaces.app_factory import create_app
    from storage import StorageError
    try:
        app = create_app(Config(**overrides))
    except (RuntimeError, StorageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    services = app.extensions["worldsmith"]
    try:
        owner, password = _owner(services, args.owner)
        for language, world_id, created in seed(services, owner, args.visibility):
            print(f"{language}: world {world_id} {'created' if created else 'already there'}")
        if password:
            print(f"account 'demo' created; its password (shown once): {password}")
    finally:
        services.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
