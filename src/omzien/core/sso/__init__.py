"""Single sign-on for staff: OIDC per municipality (docs/sso.md).

``mapping`` turns verified claims into an account and memberships, ``backend`` and ``views``
adapt mozilla-django-oidc to a provider per municipality, ``admin`` lets platform operators
configure providers. The models live in ``core/models/sso.py``.
"""
