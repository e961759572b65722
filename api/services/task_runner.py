"""Runs AI jobs: in a bounded pool of daemon threads (``TASK_MODE=thread``) or
inside the request (``inline``, for serverless hosts that freeze a process
between requests). Either way the outcome lands on the task record, so the
poll answers the same.

A job is ``job(ctx) -> result``; it reports progress and accumulates token
usage on ``ctx`` (``ctx.model``: the model the task records, for every provider
call). Any failure ends the task as ``error`` with a message a user can act on;
nothing is left ``pending``. However a job ends, its tokens go to the usage
ledger (``ledger.record``), here and only here.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Callable

from ai.budget import Budget, JobStopped
from ai.gpt_client import AIError, Usage
from core.errors import DomainError
from services.task_service import TaskCancelled, TaskService

log = logging.getLogger(__name__)

Job = Callable[["JobContext"], object]


class JobContext:
    """What a running job sees: progress reporting, token usage, and its work
    budget (a deadline, and a stop when the task is cancelled), which the job
    passes to every provider call."""

    def __init__(self, tasks: TaskService, task_id: str, seconds: float | None = None):
        self.tasks = tasks
        self.task_id = task_id
        self.model: str | None = None   # the task's model; None: the provider's configured one
        self.usage = Usage()
        self.budget = Budget(seconds=seconds, should_stop=self.stopped)

    def stopped(self) -> bool:
        """Whether the task was cancelled (or otherwise ended) meanwhile."""
        return self.tasks.is_finished(self.task_id)

    def progress(self, done: int, total: int, message: str) -> None:
        """Record progress; raises ``TaskCancelled`` if the owner cancelled the task."""
        self.tasks.update(self.task_id, usage=self.usage.to_dict(),
                          progress={"done": done, "total": total, "message": message})


class TaskRunner:
    def __init__(self, tasks: TaskService, mode: str = "thread", workers: int = 4,
                 job_seconds: float | None = None, ledger=None):
        self.tasks = tasks
        self.ledger = ledger   # services.usage_service.UsageService
        self.inline = mode == "inline"
        self.workers = max(1, workers)
        self.job_seconds = job_seconds
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def submit(self, task_id: str, job: Job) -> None:
        if self.inline:
            # Submitted after the request's unit committed: the job runs here,
            # each of its steps a unit of its own, so no lock is held across a model call.
            self.run(task_id, job)
            return
        self._start_threads()   # lazily, so a forking server starts them in each worker
        self._queue.put((task_id, job))

    def _start_threads(self) -> None:
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            while len(self._threads) < self.workers:
                thread = threading.Thread(target=self._work, name=f"ai-task-{len(self._threads)}",
                                          daemon=True)
                thread.start()
                self._threads.append(thread)

    def _work(self) -> None:
        while True:
            task_id, job = self._queue.get()
            try:
                self.run(task_id, job)
            except Exception:   # e.g. storage down: keep the worker alive; the task settles on read
                log.exception("could not record the outcome of AI task %s", task_id)
            finally:
                self._queue.task_done()

    def wait_idle(self, timeout: float) -> bool:
        """Wait (at most ``timeout`` s) until every submitted job has finished; True if they have."""
        deadline = time.monotonic() + timeout
        with self._queue.all_tasks_done:
            while self._queue.unfinished_tasks:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._queue.all_tasks_done.wait(remaining)
        return True

    def run(self, task_id: str, job: Job) -> None:
        ctx = JobContext(self.tasks, task_id, self.job_seconds)
        outcome = self._outcome(task_id, job, ctx)
        # The ledger entry lands with the final status (one unit): whoever sees the task
        # ended sees its usage counted. A stopped job's task is settled already.
        with self.tasks.store.unit_of_work():
            self._record_usage(task_id, ctx)
            if outcome is not None:
                self.tasks.finish(task_id, *outcome, ctx.usage.to_dict())

    def _record_usage(self, task_id: str, ctx: JobContext) -> None:
        if self.ledger is None:
            return
        try:
            with self.tasks.store.unit_of_work():   # a savepoint: a failure here undoes only this
                self.ledger.record(task_id, ctx.usage.to_dict())
        except Exception:   # the ledger must never cost a job its outcome
            log.exception("could not record the usage of AI task %s", task_id)

    def _outcome(self, task_id: str, job: Job, ctx: JobContext) -> tuple[str, object] | None:
        """Run the job: ``(status, result)`` to record, or None when it was stopped."""
        try:
            task = self.tasks.store.get("tasks", task_id) or {}
            ctx.model = task.get("model") or None
            progress = {**task.get("progress", {}), "message": "Working"}
            self.tasks.update(task_id, status="processing", progress=progress)
            result = job(ctx)
        except (TaskCancelled, JobStopped):  # whoever stopped it has settled the task
            return None
        except AIError as exc:
            return "error", str(exc)
        except DomainError as exc:
            return "error", exc.message
        except Exception:   # a bug must still end the task, never leave it processing
            log.exception("AI task %s failed", task_id)
            return "error", "Internal error while running the job"
        return "completed", result
