"""Mentions: where stories and entry descriptions name entries with ``[[Name]]``.

The index (``Mention`` records, one per source document and entry named) is
derived from the texts and kept in step with them in the same unit of work as
every write: the writers (``StoryService``, ``CastService``, ``TrashService``)
call ``reindex`` for a saved story, ``entry_written`` for a created or changed
entry, ``entry_removed``/``source_removed`` when one goes to the trash and
``restored`` when it comes back.

Names resolve as the analysis resolves them (``services.codex``): by
``core.names.match_key`` over the names and aliases of every entry of the
world, titles stripped. A name that matches nothing is kept with
``target_id`` "" and its key, so an entry created (or given the alias) later
resolves it. Renaming an entry rewrites ``[[Old]]`` to ``[[New]]`` (keeping
``|shown text``) in every text whose mention would otherwise stop resolving to
it, each rewritten document getting a new version in its history: links survive
a rename.
"""
from __future__ import annotations

from core.errors import NotFound
from core.mentions import parse, rewrite, snippet
from core.models import Entity, Location, Mention, User, World
from services import access
from services.codex import keys
from services.listing import Page, filtered_page
from services.mention_names import SOURCE_OF, SOURCES, Names, entry_docs, mention_key, names_of, world_names
from services.revisions import Revisions
from storage import DocumentStore

NAMES_KEPT = 5            # written forms kept per record
SOURCES_LISTED = 10       # sources listed per unresolved name
UNRESOLVED_SCAN = 5_000   # unresolved records one listing reads (newest first)


class MentionService:
    def __init__(self, store: DocumentStore, revisions: Revisions | None = None):
        self.store = store
        self.revisions = revisions or Revisions(store)

    def names(self, world_id: str) -> Names:
        """The world's entries as mentions resolve them."""
        return world_names(self.store, world_id)

    # -- keeping the index (inside the writers' units of work) --------------------------

    def reindex(self, world, source_kind: str, source, names: Names | None = None) -> None:
        """Rebuild the records of one source (a ``Story``, ``Entity`` or ``Location``, or
        its document) from its texts; only what changed is written."""
        world_id = getattr(world, "world_id", world)
        spec = SOURCES[source_kind]
        doc = source if isinstance(source, dict) else source.to_dict()
        source_id = doc[spec.model.id_field]
        # a story created without content holds its description twice: count it once
        texts = [(text, parse(text)) for text in dict.fromkeys(doc.get(f) or "" for f in spec.texts)]
        existing = {d["mention_id"]: d for d in
                    self.store.find(Mention.collection, where={"source_id": source_id}, newest_first=False)}
        if not existing and not any(spans for _, spans in texts):
            return   # the usual case: nothing mentioned, nothing indexed
        names = names or self.names(world_id)
        wanted: dict[str, Mention] = {}
        for text, spans in texts:
            for index, span in enumerate(spans):
                ref = names.resolve(span.name)
                record = Mention(world_id=world_id, source_kind=source_kind, source_id=source_id,
                                 key=mention_key(span.name), target_id=ref["id"] if ref else "",
                                 names=[span.name], count=0)
                record = wanted.setdefault(record.mention_id, record)
                record.count += 1
                if not record.snippet:
                    record.snippet = snippet(text, spans, index)
                if span.name not in record.names and len(record.names) < NAMES_KEPT:
                    record.names.append(span.name)
        for mention_id in existing.keys() - wanted.keys():
            self.store.delete(Mention.collection, mention_id)
        for mention_id, record in wanted.items():
            old, new = existing.get(mention_id), record.to_dict()
            if old is not None:
                new["created_at"] = old["created_at"]
                if {**old, "updated_at": ""} == {**new, "updated_at": ""}:
                    continue
            self.store.put(Mention.collection, mention_id, new)

    def source_removed(self, source_id: str) -> None:
        """A source went to the trash: its records go (``restored`` rebuilds them)."""
        for mention_id in self.store.find_ids(Mention.collection, where={"source_id": source_id}):
            self.store.delete(Mention.collection, mention_id)

    def entry_written(self, world, item, before: dict | None, actor: User | str | None = None) -> None:
        """An entry was created (``before`` None) or changed: call it with ``item`` as it will
        be stored, before or after writing it. Mentions of its names now resolve to it, and
        those of names it no longer has resolve again. A new name is written into every
        text whose mentions would otherwise stop pointing at it (``[[Old]]`` -> ``[[New]]``),
        each rewritten document getting a new version; its own description is rewritten on
        ``item`` itself (so call this before writing a change, as ``CastService.update``
        does: it lands in the same version)."""
        world_id = getattr(world, "world_id", world)
        doc = item.to_dict()
        source = SOURCE_OF[item.collection]
        now_named = [doc["name"], *doc.get("aliases", [])]
        renamed = before is not None and before.get("name") != doc["name"]
        affected = set()
        if before is None or [before.get("name"), *before.get("aliases", [])] != now_named:
            if before is not None:
                affected |= self._sources(where={"target_id": item.id})
            for key in {k for name in now_named for k in keys(name)}:
                affected |= self._sources(where={"world_id": world_id, "key": key})
            affected.discard((source.kind, item.id))
        if not affected and not any("[[" in (doc.get(f) or "") for f in source.texts) and not (
                before is not None and self.store.find_ids(Mention.collection, where={"source_id": item.id})):
            return   # the usual case: nothing mentions it, it mentions nothing
        docs = entry_docs(self.store, world_id)
        new = names_of(docs, item, doc)
        if renamed:
            old = names_of(docs, item, before)

            def lost(span) -> bool:   # pointed at it, and no longer would
                was, now = old.resolve(span.name), new.resolve(span.name)
                return was is not None and was["id"] == item.id and (now is None or now["id"] != item.id)

            for name in source.texts:   # its own text: part of this same change
                text, changed = rewrite(getattr(item, name) or "", doc["name"], lost)
                if changed:
                    setattr(item, name, text)
            actor_id = getattr(actor, "user_id", actor)
            for kind, source_id in sorted(affected):
                self._rewrite(kind, source_id, doc["name"], lost, actor_id)
        for kind, source_id in sorted(affected):
            current = self.store.get(SOURCES[kind].model.collection, source_id)
            if current is None:
                self.source_removed(source_id)
            else:
                self.reindex(world_id, kind, current, new)
        self.reindex(world_id, source.kind, item, new)

    def entry_removed(self, world, item_id: str) -> None:
        """An entry went to the trash: its own records go, and mentions of it resolve
        again without it (to nothing, mostly)."""
        world_id = getattr(world, "world_id", world)
        self.source_removed(item_id)
        affected = self._sources(where={"target_id": item_id})
        if not affected:
            return
        names = names_of([(c, d) for c, d in entry_docs(self.store, world_id)
                          if d.get(Entity.id_field, d.get(Location.id_field)) != item_id])
        for kind, source_id in sorted(affected):
            current = self.store.get(SOURCES[kind].model.collection, source_id)
            if current is not None:
                self.reindex(world_id, kind, current, names)

    def restored(self, trashed: dict) -> None:
        """A trash entry was put back (``TrashItem`` as a dict). A world brings its records
        back with it; a story or an entry is indexed again against the world as it is now."""
        world_id = trashed["world_id"]
        for collection, docs in trashed["contents"].items():
            source = SOURCE_OF.get(collection)
            if source is None or trashed["kind"] == "world":
                continue
            for doc in docs:
                if source.kind == "story":
                    self.reindex(world_id, "story", doc)
                else:
                    self.entry_written(world_id, source.model.from_dict(doc), None)

    def _sources(self, where: dict) -> set[tuple[str, str]]:
        return {(d["source_kind"], d["source_id"]) for d in self.store.find(Mention.collection, where=where)}

    def _rewrite(self, kind: str, source_id: str, new_name: str, lost, actor_id: str | None) -> None:
        """Point the source's lost mentions at ``new_name``: a new version of it, in its history."""
        spec = SOURCES[kind]
        doc = self.store.get(spec.model.collection, source_id)
        if doc is None:
            return
        item = spec.model.from_dict(doc)
        changed = 0
        for name in spec.texts:
            text, count = rewrite(getattr(item, name) or "", new_name, lost)
            if count:
                setattr(item, name, text)
                changed += count
        if not changed:
            return
        item.touch()
        self.revisions.record(actor_id, item, doc)
        self.store.put(spec.model.collection, source_id, item.to_dict())

    # -- reading -----------------------------------------------------------------------

    def entry_doc(self, world: World, entry_id: str) -> tuple[str, dict]:
        """The entity or location ``entry_id`` of the world (404 otherwise)."""
        for model in (Entity, Location):
            doc = self.store.get(model.collection, entry_id)
            if doc is not None and doc["world_id"] == world.world_id:
                return model.collection, doc
        raise NotFound("Entry not found in this world")

    def _visible(self, user: User | None, world: World):
        """A test for records whose source the caller may see: every entry of a visible
        world; of its stories, those ``access.visible_story_ids`` lists."""
        if access.is_world_reader(user, world):
            return None   # sees every source
        stories = set(access.visible_story_ids(self.store, user, world))
        return lambda d: d["source_kind"] != "story" or d["source_id"] in stories

    def mentions_of(self, user: User | None, world: World, entry_id: str, offset: int, limit: int) -> Page:
        """Where the entry is mentioned, newest first: the sources the caller may see."""
        self.entry_doc(world, entry_id)
        where = {"target_id": entry_id}
        keep = self._visible(user, world)
        if keep is None:
            found = Page(self.store.find(Mention.collection, where=where, offset=offset, limit=limit),
                         self.store.count(Mention.collection, where=where))
        else:
            found = filtered_page(lambda start, size: self.store.find(Mention.collection, where=where,
                                                                      offset=start, limit=size),
                                  self.store.count(Mention.collection, where=where), keep, offset, limit)
        return found._replace(items=[self._present(d) for d in found.items])

    def _present(self, record: dict) -> dict:
        spec = SOURCES[record["source_kind"]]
        doc = self.store.get(spec.model.collection, record["source_id"]) or {}
        return {"source_kind": record["source_kind"], "source_id": record["source_id"],
                "title": doc.get(spec.title, ""), "snippet": record["snippet"], "count": record["count"]}

    def resolve(self, world: World, names: list[str]) -> dict:
        """Each name -> the entry it links to (``{kind, id, name}``), or None."""
        known = self.names(world.world_id)
        return {name: known.resolve(name) for name in dict.fromkeys(names)}

    def unresolved(self, user: User | None, world: World, offset: int, limit: int) -> Page:
        """Names mentioned that match no entry, most mentioned first, with where (sources
        the caller may see; at most ``SOURCES_LISTED`` each). Reads the newest
        ``UNRESOLVED_SCAN`` records: past that the page says it is not complete."""
        where = {"world_id": world.world_id, "target_id": ""}
        records = self.store.find(Mention.collection, where=where, limit=UNRESOLVED_SCAN)
        complete = len(records) < UNRESOLVED_SCAN or self.store.count(Mention.collection, where=where) == len(records)
        keep = self._visible(user, world)
        groups: dict[str, dict] = {}
        for record in reversed(records):   # oldest first: the first written form names the group
            if keep is not None and not keep(record):
                continue
            group = groups.setdefault(record["key"], {"name": record["names"][0], "key": record["key"],
                                                      "names": [], "count": 0, "records": []})
            group["count"] += record["count"]
            group["records"].append(record)
            for name in record["names"]:
                if name not in group["names"] and len(group["names"]) < NAMES_KEPT:
                    group["names"].append(name)
        ordered = sorted(groups.values(), key=lambda g: (-g["count"], g["name"].casefold()))
        page = []
        for group in ordered[offset:offset + limit]:
            records = group.pop("records")
            page.append({**group, "sources_total": len(records),
                         "sources": [self._present(r) for r in records[:SOURCES_LISTED]]})
        return Page(page, len(ordered), complete)
