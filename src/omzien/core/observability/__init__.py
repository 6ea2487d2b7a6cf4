"""Observability (issue 13): structured logs with a request id, health and readiness, metrics.

* ``context``: the log context of the request, intake or task at hand (a contextvar);
* ``logs``: the logging filters and the JSON and plain formatters (settings: ``LOGGING``);
* ``middleware``: the request id, the access log and the request metrics;
* ``health``: ``/gezond/`` (liveness) and ``/gereed/`` (readiness);
* ``metrics``: ``/metrics`` for Prometheus, with the database gauges of ``collectors``;
* ``jobs``: the task worker's log context.

Nothing here logs or labels personal data: see docs/observability.md.
"""


def register() -> None:
    """Everything this package adds at start-up (core's ``AppConfig.ready()``)."""
    from omzien.core import extensions
    from omzien.core.observability import collectors, jobs
    from omzien.core.observability.urls import PUBLIC_PREFIXES

    jobs.connect()
    collectors.register()
    for prefix in PUBLIC_PREFIXES:
        extensions.public_paths.register(extensions.PublicPath(prefix))
