"""Settings of the intake benchmark's server: the product settings, one extra URL.

The differences from ``omzien.settings``: no redirect to HTTPS (plain HTTP on loopback), and the
URLconf (``bench.intake_urls``), which serves the product URLs plus the bare baseline view, so
that both are measured on the same server with identical middleware, database and worker
settings. Never used outside bench/.
"""

from omzien.settings import *  # noqa: F403

ROOT_URLCONF = "bench.intake_urls"
# The benchmark speaks plain HTTP on loopback: no redirect to HTTPS.
SECURE_SSL_REDIRECT = False
