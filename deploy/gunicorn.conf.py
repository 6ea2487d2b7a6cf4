"""gunicorn's configuration for Omzien (`make serve` and the systemd unit of
docs/deployment.md): ``gunicorn -c deploy/gunicorn.conf.py omzien.wsgi:application``.

Every value can be overridden on the command line or in ``GUNICORN_CMD_ARGS``; the
environment variables below are documented in docs/configuration.md.
"""

import os
from pathlib import Path

# Where to listen: behind the reverse proxy, loopback (or a unix socket: unix:/run/omzien.sock).
bind = [os.environ.get("OMZIEN_BIND", "127.0.0.1:8000")]
# Sync workers, as many as WEB_CONCURRENCY says (gunicorn's own variable); 2 per core is a
# good start for a page that waits on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", "0") or 0) or 2 * (os.cpu_count() or 1)
worker_class = "sync"
# A request that takes longer is killed (the proxy's timeout is a little longer: 65 s); the
# slowest pages (exports, imports of an address list) finish well within it.
timeout = int(os.environ.get("OMZIEN_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that slow leaks cannot grow.
max_requests = 2000
max_requests_jitter = 200
# No access log: URLs carry search terms (a name, a postcode). Errors go to standard error.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("OMZIEN_LOG_LEVEL", "INFO").lower()
# gunicorn's own error log through the application's formatter (JSON, or plain text with
# OMZIEN_DEBUG on, as OMZIEN_LOG_FORMAT says) and filters: exceptions without their message,
# "Error handling request" without the path and query string (docs/observability.md).
_DEBUG = os.environ.get("OMZIEN_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
_LOG_FORMAT = os.environ.get("OMZIEN_LOG_FORMAT", "plain" if _DEBUG else "json").lower()
_LOGS = "omzien.core.observability.logs"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "gunicorn": {"()": "omzien.core.observability.logfilters.GunicornFilter"},
        "context": {"()": f"{_LOGS}.ContextFilter"},
    },
    # (settings.py refuses any other OMZIEN_LOG_FORMAT than json and plain.)
    "formatters": {
        "app": {
            "()": f"{_LOGS}.PlainFormatter" if _LOG_FORMAT == "plain" else f"{_LOGS}.JsonFormatter"
        }
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "app",
            "filters": ["context"],
        },
    },
    # Until the application configures its logging (settings.py's LOGGING) at its load.
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        # (Its level: gunicorn sets it from loglevel / --log-level.)
        "gunicorn.error": {
            "handlers": ["error_console"],
            "filters": ["gunicorn"],
            "propagate": False,
        },
        # No access log (above); should one be switched on, it goes nowhere.
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
    },
}
# Load the application before forking: a wrong setting stops the start, not the first request.
preload_app = True
proc_name = "omzien-web"
# No control socket (gunicorn 24+ opens one in the home folder by default; two servers on one
# machine would share its path). Restart and reload through systemd or signals instead.
control_socket_disable = True

# Request metrics of several workers (docs/observability.md): with PROMETHEUS_MULTIPROC_DIR
# set, every worker writes its counts there. Its *.db files are deleted here (nothing else:
# the directory is the operator's), when the master reads this file before it loads the
# application, so counts of an earlier run never add up with these; a worker that exits is
# marked dead, so its gauges leave the scrape. A missing directory is created.
_METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
if _METRICS_DIR:
    os.makedirs(_METRICS_DIR, exist_ok=True)
    for _stale in Path(_METRICS_DIR).glob("*.db"):
        if _stale.is_file():
            _stale.unlink(missing_ok=True)


def child_exit(server, worker):
    if _METRICS_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
