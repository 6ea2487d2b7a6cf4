"""A real, small OpenID Connect provider for the SSO tests: django-oidc-provider in its own
process with its own SQLite file (see launch.py). Not part of Omzien."""
