"""The usage ledger: one ``UsageRecord`` per AI job, written when the job ends
(completed, failed or cancelled: tokens spent are spent), kept after the task
is pruned. Cost is priced when the job ends (``AISettings.cost``).

Reading: the caller's own totals, by world and by day; a world's owner sees
its totals per member. A record names the world only when the job's caller
wrote there (the task's ``world_id``): a reader's jobs are nobody else's
business. Records go with their account (account deletion) and with their
world (purged from the trash).
"""
from __future__ import annotations

from datetime import timedelta

from core.clock import iso, now
from core.models import UsageRecord, User, World
from services.ai_settings import AISettings
from services.task_service import COLLECTION as TASKS
from storage import DocumentStore


def _zero() -> dict:
    return {"jobs": 0, "prompt_tokens": 0, "completion_tokens": 0, "cost": 0.0}


def _add(total: dict, doc: dict) -> None:
    total["jobs"] += 1
    total["prompt_tokens"] += doc.get("prompt_tokens", 0)
    total["completion_tokens"] += doc.get("completion_tokens", 0)
    total["cost"] = round(total["cost"] + doc.get("cost", 0.0), 8)


class UsageService:
    def __init__(self, store: DocumentStore, settings: AISettings):
        self.store = store
        self.settings = settings

    # -- writing ---------------------------------------------------------------------

    def record(self, task_id: str, usage: dict) -> dict | None:
        """The ledger entry of a task that ended (once: its id is the task's); None when the
        task or its owner is gone."""
        task = self.store.get(TASKS, task_id)
        if task is None:
            return None
        with self.store.unit_of_work():
            if self.store.get(User.collection, task["owner_id"]) is None:
                return None   # the account was deleted while the job ran: nothing to keep
            model = task.get("model") or ""
            prompt, completion = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
            record = UsageRecord(user_id=task["owner_id"], task_id=task_id, task_type=task["type"],
                                 provider=task.get("provider") or "", model=model,
                                 world_id=task.get("world_id") or "", prompt_tokens=prompt,
                                 completion_tokens=completion, cost=self.settings.cost(model, prompt, completion),
                                 usage_id=task_id)
            self.store.put(UsageRecord.collection, record.usage_id, record.to_dict())
        return record.to_dict()

    # -- reading ---------------------------------------------------------------------

    def _since(self, where: dict, days: int) -> list[dict]:
        """Records matching ``where`` from the last ``days`` days (newest first)."""
        cutoff = iso(now() - timedelta(days=days))
        found = []
        for doc in self.store.find(UsageRecord.collection, where=where):   # newest first
            if doc["created_at"] < cutoff:
                break
            found.append(doc)
        return found

    def for_user(self, user: User, days: int) -> dict:
        """The caller's jobs of the last ``days`` days: totals, by world, by day."""
        docs = self._since({"user_id": user.user_id}, days)
        totals, worlds, by_day = _zero(), {}, {}
        for doc in docs:
            _add(totals, doc)
            _add(worlds.setdefault(doc.get("world_id") or "", _zero()), doc)
            _add(by_day.setdefault(doc["created_at"][:10], _zero()), doc)
        names = {wid: (self.store.get(World.collection, wid) or {}).get("name", "") for wid in worlds if wid}
        return {
            "currency": self.settings.currency, "days": days, "totals": totals,
            "by_world": [{"world_id": wid, "name": names.get(wid, ""), **counts}
                         for wid, counts in sorted(worlds.items(), key=lambda kv: (-kv[1]["jobs"], kv[0]))],
            "by_day": [{"day": day, **counts} for day, counts in sorted(by_day.items())],
        }

    def for_world(self, world: World, days: int) -> dict:
        """A world's jobs of the last ``days`` days, totals per member (its owner's view)."""
        docs = self._since({"world_id": world.world_id}, days)
        totals, members = _zero(), {}
        for doc in docs:
            _add(totals, doc)
            _add(members.setdefault(doc["user_id"], _zero()), doc)
        users = {uid: self.store.get(User.collection, uid) or {} for uid in members}
        return {
            "currency": self.settings.currency, "days": days, "world_id": world.world_id, "totals": totals,
            "members": [{"user_id": uid, "username": users[uid].get("username", ""),
                         "display_name": users[uid].get("display_name", ""), **counts}
                        for uid, counts in sorted(members.items(), key=lambda kv: (-kv[1]["cost"],
                                                                                    -kv[1]["jobs"], kv[0]))],
        }


def forget(store: DocumentStore, where: dict) -> int:
    """Delete the ledger entries matching ``where`` (``{"user_id"}`` or ``{"world_id"}``), in the
    caller's unit of work; how many."""
    ids = store.find_ids(UsageRecord.collection, where=where)
    for usage_id in ids:
        store.delete(UsageRecord.collection, usage_id)
    return len(ids)
