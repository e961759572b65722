"""What a restore from the trash must check before it puts anything back.

A restore is refused (409) rather than let a name, a field key or a relation
clash with what was made since the delete; public items must fit their owners'
quotas again (429). Each check reads the live collections, inside the restore's
unit of work."""
from __future__ import annotations

from collections import Counter

from core.errors import Conflict
from core.models import FieldTemplate, Relation, Revision, Story, User, World
from core.models.field_template import MAX_PER_WORLD as MAX_TEMPLATES
from core.names import match_key
from services.publishing import check_public_quota
from services.relation_lookup import find_entry, twin
from services.trash_moves import CAST_KINDS
from storage import DocumentStore


def restorable(store: DocumentStore, doc: dict) -> dict:
    """What of the entry's contents goes back. A character's or location's relations
    whose other end is gone, or that a relation made since duplicates, stay out (with
    their revisions); a lone relation in that case is refused."""
    contents = doc["contents"]
    relations = contents.get(Relation.collection)
    if doc["kind"] == "world" or not relations:
        return contents
    coming = {d[store.id_field(c)] for c, docs in contents.items() if c in CAST_KINDS for d in docs}
    kept, dropped = [], set()
    for relation in relations:
        gone = [end for end in (relation["source_id"], relation["target_id"])
                if end not in coming and find_entry(store, doc["world_id"], end) is None]
        duplicate = twin(store, relation)
        if doc["kind"] == "relation" and gone:
            raise Conflict("Cannot restore: an entry it joins is in the trash or was deleted for good; "
                           "restore that entry first", {"relation": f"entry {gone[0]} is not live"},
                           code="relation_end_missing")
        if doc["kind"] == "relation" and duplicate:
            raise Conflict("Cannot restore: the same relation exists again",
                           {"relation": f"same as {duplicate['relation_id']}"}, code="duplicate_relation")
        if gone or duplicate:
            dropped.add(relation["relation_id"])
        else:
            kept.append(relation)
    if not dropped:
        return contents
    revisions = [r for r in contents.get(Revision.collection, []) if r["doc_id"] not in dropped]
    return {**contents, Relation.collection: kept, Revision.collection: revisions}



def check_name_free(store: DocumentStore, doc: dict, label: str) -> None:
    """As on creation: the name may not be another's name or alias in the world."""
    (collection, [item]), = [(c, d) for c, d in doc["contents"].items() if c in CAST_KINDS]
    taken = {match_key(n) for other in store.find(collection, where={"world_id": doc["world_id"]})
             for n in [other["name"], *other.get("aliases", [])]}
    if match_key(item["name"]) in taken:
        raise Conflict(f"{label} '{item['name']}' already exists in this world: "
                       "rename that one before restoring this one", {"name": "already exists"},
                       code="duplicate_name")



def check_template_fits(store: DocumentStore, doc: dict) -> None:
    """As on creation: its key free for its kind, and room for it in the world."""
    [item] = doc["contents"][FieldTemplate.collection]
    others = store.find(FieldTemplate.collection, where={"world_id": doc["world_id"]}, limit=MAX_TEMPLATES)
    if any(o["kind"] == item["kind"] and o["key"] == item["key"] for o in others):
        raise Conflict(f"A {item['kind']} field '{item['key']}' exists again: delete or rename that one first",
                       {"key": "already exists"}, code="duplicate_key")
    if len(others) >= MAX_TEMPLATES:
        raise Conflict(f"A world holds at most {MAX_TEMPLATES} field templates",
                       {"world_id": f"has {len(others)} field templates"}, code="too_many_templates")



def check_quotas(store: DocumentStore, contents: dict) -> None:
    """Public worlds and stories coming back must fit their owners' quotas."""
    for model in (World, Story):
        owners = Counter(d["owner_id"] for d in contents.get(model.collection, [])
                         if d.get("visibility") == "public")
        for owner_id, adding in owners.items():
            owner = store.get(User.collection, owner_id)
            if owner is not None:
                check_public_quota(store, User.from_dict(owner), model, "public", adding=adding)
