"""Run the app under gunicorn (``gunicorn.conf.py``) as a subprocess on a free port.

    with GunicornServer(log_dir, workers=4, env={"DATABASE_URL": url}) as server:
        requests.get(server.url + "/api/health")

Output goes to files (never an undrained pipe); ``access_log()`` has one line
per request with the pid of the worker that answered.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import requests

from live_server import ROOT, free_port, server_env

GUNICORN = os.path.join(os.path.dirname(sys.executable), "gunicorn")
CONFIG = os.path.join(ROOT, "gunicorn.conf.py")


class GunicornServer:
    def __init__(self, log_dir: str, workers: int, env: dict | None = None, threads: int = 8):
        self.port = free_port()
        self.error_log = os.path.join(log_dir, "gunicorn.log")
        self.access_path = os.path.join(log_dir, "access.log")
        self.env = {"PORT": str(self.port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers),
                    "GUNICORN_THREADS": str(threads), "GUNICORN_ACCESS_LOG": self.access_path,
                    **(env or {})}
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> "GunicornServer":
        with open(self.error_log, "ab") as log:
            self.process = subprocess.Popen([GUNICORN, "-c", CONFIG], env=server_env(self.env),
                                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                if requests.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:  # not listening yet, or workers still booting
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn not ready after {timeout}s:\n{self.log()}")

    def log(self) -> str:
        with open(self.error_log, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def access_log(self) -> list[str]:
        with open(self.access_path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM (graceful: workers finish their requests), SIGKILL if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self) -> "GunicornServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
