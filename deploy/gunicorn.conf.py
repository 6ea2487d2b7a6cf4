"""gunicorn's configuration for Omzien (`make serve` and the systemd unit of
docs/deployment.md): ``gunicorn -c deploy/gunicorn.conf.py omzien.wsgi:application``.

Every value can be overridden on the command line or in ``GUNICORN_CMD_ARGS``; the
environment variables below are documented in docs/configuration.md.
"""

import os
import shutil

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
# Load the application before forking: a wrong setting stops the start, not the first request.
preload_app = True
proc_name = "omzien-web"
# No control socket (gunicorn 24+ opens one in the home folder by default; two servers on one
# machine would share its path). Restart and reload through systemd or signals instead.
control_socket_disable = True

# Request metrics of several workers (docs/observability.md): with PROMETHEUS_MULTIPROC_DIR
# set, every worker writes its counts there. Emptied here, when the master reads this file
# before it loads the application, so counts of an earlier run never add up with these; a
# worker that exits is marked dead, so its gauges leave the scrape.
_METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
if _METRICS_DIR:
    shutil.rmtree(_METRICS_DIR, ignore_errors=True)
    os.makedirs(_METRICS_DIR, exist_ok=True)


def child_exit(server, worker):
    if _METRICS_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
