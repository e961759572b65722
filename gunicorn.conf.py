"""Production serving with gunicorn: ``gunicorn -c gunicorn.conf.py`` (repository root).

Environment (and ``.env``, read through ``api/config.py``):

* ``HOST`` (default 127.0.0.1; ``0.0.0.0`` in a container) and ``PORT`` (8000).
* ``WEB_CONCURRENCY``: worker processes. With PostgreSQL (``DATABASE_URL``)
  the default is 2 x cores + 1 (at most 8); every worker serves every request
  because sessions are JWTs, AI tasks live in the database and rate limits in
  ``RATELIMIT_STORAGE_URI`` (use ``redis://...``: ``memory://`` would count per
  worker). With TinyDB one process owns the file: exactly 1 worker, and
  anything else is refused here with a clear message.
* ``GUNICORN_THREADS`` (8): threads per worker (gthread) for ordinary requests, plus
  ``LIVE_MAX_STREAMS`` (56) for live streams, each of which holds a thread while it
  is open (idle, a thread costs little memory: see README "Live updates");
  ``GUNICORN_TIMEOUT`` (60 s).
* ``DATABASE_POOL_SIZE``: PostgreSQL connections per worker; defaults to the
  threads plus the AI task threads, so no request waits for a connection.
"""
import multiprocessing
import os
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "api"))

from config import Config  # noqa: E402

_config = Config()
_postgres = bool(_config.DATABASE_URL)

wsgi_app = "app:app"
pythonpath = os.path.join(ROOT, "api")
chdir = ROOT
bind = [f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or 8000}"]
worker_class = "gthread"
request_threads = int(os.environ.get("GUNICORN_THREADS") or 8)
threads = request_threads + max(0, _config.LIVE_MAX_STREAMS)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
keepalive = 5
preload_app = False  # each worker opens its own store (and pool) after the fork
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # a path, or "-" for stdout
# The default format plus the worker's pid and the time taken.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(a)s" pid=%(p)s %(M)sms'
errorlog = "-"
# gunicorn 27's control socket has one default path per user: a second server
# on the machine would take it over. Nothing here uses it.
control_socket_disable = True

_default_workers = min(2 * multiprocessing.cpu_count() + 1, 8) if _postgres else 1
workers = int(os.environ.get("WEB_CONCURRENCY") or _default_workers)

if _postgres:
    # idle live streams hold no connection (they read the store briefly at heartbeats)
    os.environ.setdefault("DATABASE_POOL_SIZE", str(request_threads + _config.TASK_WORKERS + 2))
elif workers != 1:
    sys.exit(f"error: WEB_CONCURRENCY={workers}, but the TinyDB backend ({_config.DB_PATH}) "
             "is one file owned by one process. Run 1 worker (it has "
             f"{request_threads} threads) or set DATABASE_URL to use PostgreSQL with many workers.")


def post_worker_init(worker):
    """SIGTERM (a restart or deploy) ends the worker's live streams at once, so it does not
    wait ``graceful_timeout`` for them: the browsers reconnect to another worker and resume."""
    import signal

    def handle_exit(sig, frame):
        services = getattr(worker.wsgi, "extensions", {}).get("worldsmith")
        if services is not None:
            services.bus.close()
        worker.handle_exit(sig, frame)

    signal.signal(signal.SIGTERM, handle_exit)


def worker_exit(server, worker):
    """A worker stopping cleanly closes its store: on TinyDB the journal is
    folded into the file (a plain TinyDB database again)."""
    app = getattr(worker, "wsgi", None)
    services = getattr(app, "extensions", {}).get("worldsmith")
    if services is not None:
        services.store.close()
