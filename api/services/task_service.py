"""AI task records, kept in the store so any worker process can answer a poll
and results survive restarts.

A task belongs to the process that runs it (``runner``: host, pid and a token
unique to that process). A task still ``pending`` or ``processing`` whose
process is gone (same host: the pid is dead or reused; another host: no
progress for ``stale_seconds``) is reported as ``error: interrupted``, at
start-up and whenever it is read, so nothing stays pending forever.
"""
from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta, timezone

from core import permissions
from core.clock import new_id, utc_now
from core.errors import Conflict, NotFound, QuotaExceeded
from core.models import User
from core.vocabulary import ACTIVE_TASK_STATUSES, FINAL_TASK_STATUSES
from storage import DocumentStore

COLLECTION = "tasks"
ACTIVE, FINAL = ACTIVE_TASK_STATUSES, FINAL_TASK_STATUSES
INTERRUPTED = "interrupted: the server stopped while this job was running; please start it again"
QUOTA_WINDOW = timedelta(days=1)
_process = {"pid": None, "token": None}


class TaskCancelled(Exception):
    """The task was cancelled (or already finished) while its job was running."""


def runner_id() -> str:
    """``host:pid:token`` of this process; a fork gets a new token."""
    if _process["pid"] != os.getpid():
        _process.update(pid=os.getpid(), token=uuid.uuid4().hex[:12])
    return f"{socket.gethostname()}:{_process['pid']}:{_process['token']}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def _now() -> datetime:
    return datetime.now(timezone.utc)


class TaskService:
    def __init__(self, store: DocumentStore, stale_seconds: float, retention_days: int, bus=None):
        self.store = store
        self.bus = bus   # services.live.LiveBus: a world's tasks' progress goes to its live streams
        self.stale_seconds = stale_seconds
        self.retention = timedelta(days=max(1, retention_days))   # >= the quota window, so counts never drift

    # -- records ---------------------------------------------------------------

    def create(self, user: User, task_type: str, provider: str, total: int = 1, world_id: str = "",
               model: str = "") -> dict:
        """A new ``pending`` task, if the caller's daily AI-job quota allows it (``world_id``:
        the world it works on, whose live streams see its progress; ``model``: the model it
        runs with, ``AISettings.model_for``)."""
        task = {
            "task_id": new_id(), "owner_id": user.user_id, "type": task_type, "status": "pending",
            "progress": {"done": 0, "total": total, "message": "Queued"}, "result": None,
            "usage": {"prompt_tokens": 0, "completion_tokens": 0}, "provider": provider,
            "runner": runner_id(), "created_at": utc_now(), "updated_at": utc_now(), "world_id": world_id or "",
            "model": model,
        }
        with self.store.unit_of_work():
            self.check_quota(user)
            self.store.put(COLLECTION, task["task_id"], task)
            self._publish(task)
        return task

    def update(self, task_id: str, **fields) -> dict:
        """Change a running task; raises ``TaskCancelled`` if it was cancelled meanwhile."""
        with self.store.unit_of_work():
            task = self.store.get(COLLECTION, task_id)
            if task is None or task["status"] in FINAL:
                raise TaskCancelled(task_id)
            task.update(fields, updated_at=utc_now())
            self.store.put(COLLECTION, task_id, task)
            self._publish(task)
        return task

    def _publish(self, task: dict) -> None:
        """Once the unit commits: the task's status and progress to its world's streams."""
        if self.bus is not None and task.get("world_id"):
            message = {"task_id": task["task_id"], "type": task["type"], "status": task["status"],
                       "progress": task.get("progress") or {}}
            self.store.after_commit(lambda: self.bus.publish(task["world_id"], "task", message))

    def is_finished(self, task_id: str) -> bool:
        """Whether the task is gone or in a final state (a cancelled job stops)."""
        task = self.store.get(COLLECTION, task_id)
        return task is None or task["status"] in FINAL

    def finish(self, task_id: str, status: str, result, usage: dict) -> None:
        """Record the outcome, unless the task was cancelled first."""
        try:
            progress = {"message": "Done" if status == "completed" else "Failed"}
            task = self.store.get(COLLECTION, task_id) or {}
            progress = {**task.get("progress", {}), **progress}
            if status == "completed":
                progress["done"] = progress.get("total", 1)
            self.update(task_id, status=status, result=result, usage=usage, progress=progress)
        except TaskCancelled:
            pass

    def get(self, user: User, task_id: str) -> dict:
        """The caller's own task; anyone else's is 404."""
        task = self.store.get(COLLECTION, task_id)
        if task is None or task["owner_id"] != user.user_id:
            raise NotFound("Task not found")
        return self._settle(task)

    def list(self, user: User, status: str | None, offset: int, limit: int) -> tuple[list[dict], int]:
        where = {"owner_id": user.user_id, **({"status": status} if status else {})}
        docs = self.store.find(COLLECTION, where=where, offset=offset, limit=limit)
        return [self._settle(d) for d in docs], self.store.count(COLLECTION, where=where)

    def cancel(self, user: User, task_id: str) -> dict:
        with self.store.unit_of_work():
            task = self.get(user, task_id)
            if task["status"] in FINAL:
                raise Conflict(f"Task already {task['status']}", {"status": task["status"]},
                               code="task_finished")
            task.update(status="cancelled", result="Cancelled by its owner", updated_at=utc_now())
            self.store.put(COLLECTION, task_id, task)
        return task

    @staticmethod
    def present(task: dict) -> dict:
        keys = ("task_id", "type", "status", "result", "progress", "provider", "usage",
                "created_at", "updated_at")
        return {**{k: task.get(k) for k in keys}, "model": task.get("model") or ""}

    # -- quota -----------------------------------------------------------------

    def check_quota(self, user: User) -> None:
        """Jobs started in the last 24 hours, counted from the task records."""
        limit = permissions.quotas_for(user.role)["ai_jobs_per_day"]
        if limit is None:
            return
        since = _now() - QUOTA_WINDOW
        recent = []
        for task in self.store.find(COLLECTION, where={"owner_id": user.user_id}):   # newest first
            created = _parse(task["created_at"])
            if created < since:
                break
            recent.append(created)
        if len(recent) >= limit:
            frees_at = recent[limit - 1] + QUOTA_WINDOW
            retry = max(1, int((frees_at - _now()).total_seconds()) + 1)
            raise QuotaExceeded(f"Daily AI job quota reached ({limit} jobs per 24 hours for role "
                                f"'{user.role}')", retry_after=retry, code="ai_job_quota",
                                details={"limit": limit, "used": len(recent), "retry_after": retry})

    # -- housekeeping ------------------------------------------------------------

    def _dead(self, task: dict) -> bool:
        runner = task.get("runner") or "::"
        if runner == runner_id():
            return False
        host, pid, _ = (runner.split(":") + ["", "", ""])[:3]
        if host == socket.gethostname() and pid.isdigit():
            return int(pid) == os.getpid() or not _pid_alive(int(pid))
        return (_now() - _parse(task["updated_at"])).total_seconds() > self.stale_seconds

    def _settle(self, task: dict) -> dict:
        """Mark the task interrupted if its process is gone."""
        if task["status"] not in ACTIVE or not self._dead(task):
            return task
        with self.store.unit_of_work():
            current = self.store.get(COLLECTION, task["task_id"])
            if current is None or current["status"] not in ACTIVE:
                return current or task
            current.update(status="error", result=INTERRUPTED, updated_at=utc_now())
            current["progress"] = {**current["progress"], "message": "Interrupted"}
            self.store.put(COLLECTION, current["task_id"], current)
        return current

    def recover_interrupted(self) -> int:
        """At start-up: every active task of a dead process becomes ``error``."""
        settled = 0
        for status in ACTIVE:
            for task in self.store.find(COLLECTION, where={"status": status}):
                settled += self._settle(task)["status"] == "error"
        return settled

    def prune(self) -> int:
        """Delete finished tasks older than the retention period."""
        cutoff = _now() - self.retention
        old = [t["task_id"] for t in self.store.find(COLLECTION, newest_first=False)
               if t["status"] in FINAL and _parse(t["created_at"]) < cutoff]
        with self.store.unit_of_work():
            for task_id in old:
                self.store.delete(COLLECTION, task_id)
        return len(old)
