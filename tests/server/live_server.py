"""Start and stop the real server (``api/main.py``) as a subprocess.

Reusable by any test or tool that needs the real thing: waitress, a real
TinyDB file, real HTTP on 127.0.0.1.

    with LiveServer(db_path) as server:
        requests.get(server.url + "/api/worlds")

The server's stdout and stderr go to a log file next to the database (not a
pipe: an undrained pipe would fill up and stall the server).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAIN = os.path.join(ROOT, "api", "main.py")
READY_LINE = " listening on http://"  # printed by api/main.py (and bench/hello_app.py)

# Settings for tests and benchmarks: fixed secret, cheap password hashing,
# no rate limits, no frontend, no AI provider, no initial admin.
SERVER_ENV = {
    "JWT_SECRET_KEY": "live-server-secret-key-long-enough-for-hs256",
    "ARGON2_TIME_COST": "1",
    "ARGON2_MEMORY_COST": "8192",
    "RATELIMIT_ENABLED": "false",
    "FRONTEND_DIST": os.devnull,
    "OPENAI_API_KEY": "",
    "DATABASE_URL": "",
    "INITIAL_ADMIN_USERNAME": "",
    "INITIAL_ADMIN_PASSWORD": "",
}


def free_port() -> int:
    """A port that was free a moment ago (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(db_path: str, port: int, threads: int = 8, script: str = MAIN) -> list[str]:
    return [sys.executable, script, "--host", "127.0.0.1", "--port", str(port),
            "--db-path", db_path, "--threads", str(threads)]


def server_env(extra: dict | None = None) -> dict:
    return {**os.environ, **SERVER_ENV, "PYTHONUNBUFFERED": "1", **(extra or {})}


def run_to_exit(command: list[str], timeout: float = 30, env: dict | None = None):
    """Run a command that should stop on its own; (exit code, stdout + stderr)."""
    done = subprocess.run(command, env=server_env(env), capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)
    return done.returncode, done.stdout + done.stderr


class LiveServer:
    """One server subprocess on a free port; ``start`` returns once it listens."""

    def __init__(self, db_path: str, threads: int = 8, env: dict | None = None,
                 log_path: str | None = None, script: str = MAIN):
        self.db_path = db_path
        self.threads = threads
        self.env = env
        self.script = script
        self.log_path = log_path or f"{db_path}.server.log"
        self.port: int | None = None
        self.process: subprocess.Popen | None = None
        self._log_start = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> "LiveServer":
        self.port = free_port()
        self._log_start = len(self.log())  # restarts append to the same log
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                server_command(self.db_path, self.port, self.threads, self.script),
                env=server_env(self.env), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        self._wait_until_ready(timeout)
        return self

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if READY_LINE in self.log()[self._log_start:]:
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"server not ready after {timeout}s:\n{self.log()}")

    def log(self) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except FileNotFoundError:
            return ""

    def kill(self) -> None:
        """SIGKILL: no cleanup at all, like a power cut for the process."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout: float = 10) -> int | None:
        """Ctrl-C (the server flushes and unlocks), SIGKILL if that takes too long."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode

    def __enter__(self) -> "LiveServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
