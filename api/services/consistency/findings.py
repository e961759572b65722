"""Stored findings of a story's consistency checks.

A finding's ``fingerprint`` names it across re-runs: its kind, its quote (NFC,
case and spacing folded) and the ids it cites. ``record`` stores one run's
findings: a fingerprint already dismissed stays dismissed (the writer said so
once), one marked fixed but found again is open again, and the open findings
of the same sources in the checked range that the run no longer finds are
stale and go.
"""
from __future__ import annotations

import hashlib
import unicodedata

from core.clock import utc_now
from core.errors import InvalidInput, NotFound
from core.models import Finding
from core.vocabulary import FINDING_SEVERITIES, FINDING_STATUSES
from storage import DocumentStore

OUT_FIELDS = ("finding_id", "world_id", "story_id", "kind", "severity", "message", "quote", "start", "end",
              "cites", "suggestion", "source", "status", "created_at")
SEVERITY_RANK = {s: i for i, s in enumerate(FINDING_SEVERITIES)}


def fingerprint(kind: str, quote: str, cites: list[dict]) -> str:
    """The same finding on every run: kind, folded quote and cited ids (not offsets, not wording)."""
    folded = " ".join(unicodedata.normalize("NFC", quote or "").casefold().split())
    ids = ",".join(sorted(f"{c.get('kind')}:{c.get('id')}" for c in cites or ()))
    return hashlib.sha256(f"{kind}\x1f{folded}\x1f{ids}".encode()).hexdigest()[:32]


def present(doc: dict) -> dict:
    """The API's Finding."""
    return {name: doc.get(name) for name in OUT_FIELDS}


def order_key(doc: dict) -> tuple:
    """Worst first, then in the text's order."""
    return (-SEVERITY_RANK.get(doc.get("severity"), 0), doc.get("start", -1), doc.get("kind", ""))


class FindingStore:
    def __init__(self, store: DocumentStore):
        self.store = store

    def of_story(self, story_id: str, status: str = "open") -> list[dict]:
        where = {"story_id": story_id} if status == "all" else {"story_id": story_id, "status": status}
        return sorted(self.store.find(Finding.collection, where=where, newest_first=False), key=order_key)

    def counts(self, story_id: str) -> dict:
        return {status: self.store.count(Finding.collection, where={"story_id": story_id, "status": status})
                for status in ("open", "dismissed")}

    def get(self, finding_id: str) -> dict:
        doc = self.store.get(Finding.collection, finding_id)
        if doc is None:
            raise NotFound("Finding not found")
        return doc

    def set_status(self, doc: dict, status: str, user_id: str) -> dict:
        if status not in FINDING_STATUSES:
            raise InvalidInput("Unknown status", {"status": f"one of {', '.join(FINDING_STATUSES)}"})
        doc = {**doc, "status": status, "dismissed_by": user_id if status == "dismissed" else "",
               "updated_at": utc_now()}
        self.store.put(Finding.collection, doc["finding_id"], doc)
        return doc

    def record(self, world_id: str, story_id: str, found: list[dict], sources: tuple[str, ...],
               start: int = 0, end: int | None = None) -> list[dict]:
        """Store one run's ``found`` findings (dicts of the Finding fields but ids, status and
        fingerprint); the story's findings it touched, as stored. Call inside a unit of work."""
        existing = {d["fingerprint"]: d for d in self.store.find(Finding.collection, where={"story_id": story_id},
                                                                 newest_first=False)}
        kept, seen = [], set()
        for item in found:
            print_ = fingerprint(item["kind"], item["quote"], item.get("cites") or [])
            if print_ in seen:
                continue
            seen.add(print_)
            doc = existing.get(print_)
            if doc is not None:
                status = "open" if doc["status"] == "fixed" else doc["status"]
                doc = {**doc, **{k: item[k] for k in ("severity", "message", "start", "end", "suggestion",
                                                       "cites") if k in item},
                       "status": status, "updated_at": utc_now()}
            else:
                doc = Finding(world_id=world_id, story_id=story_id, fingerprint=print_,
                              **{k: v for k, v in item.items() if k in Finding.__dataclass_fields__}).to_dict()
            self.store.put(Finding.collection, doc["finding_id"], doc)
            kept.append(doc)
        for print_, doc in existing.items():
            if print_ in seen or doc["status"] != "open" or doc.get("source") not in sources:
                continue
            inside = doc.get("start", -1) >= start and (end is None or doc.get("end", -1) <= end)
            if inside or doc.get("start", -1) < 0:
                self.store.delete(Finding.collection, doc["finding_id"])
        return kept
