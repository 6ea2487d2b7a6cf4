"""What was typed in a public form and not yet sent, kept in the session: bounded and dated.

Each way in (public form, partner link, logged-in reporter, self-referral; per municipality or
link) keeps its own draft under a session key starting with ``DRAFT_PREFIX``. A draft is
personal data about someone else, so the session holds few of them and not for long:

* every draft is stored with the moment it was last saved; one older than ``DRAFT_MAX_AGE``
  is dropped when any draft of the session is read or saved;
* a session holds at most ``MAX_DRAFTS``; saving one more drops the oldest.

A value without a date (saved before drafts were dated) counts as expired.
"""

from __future__ import annotations

import time

from omzien.signalling.public.common import DRAFT_PREFIX

#: How long a draft is kept after it was last saved (also the life of the signed copy in the
#: page, signal_form.py).
DRAFT_MAX_AGE = 24 * 3600
#: Drafts one session may hold at once (e.g. forms of several municipalities or links).
MAX_DRAFTS = 5


def _saved_at(value) -> float | None:
    if isinstance(value, dict) and isinstance(value.get("saved_at"), int | float):
        return float(value["saved_at"])
    return None


def _drafts(session) -> dict[str, float | None]:
    return {
        key: _saved_at(session[key]) for key in list(session.keys()) if key.startswith(DRAFT_PREFIX)
    }


def prune(session, now: float | None = None) -> None:
    """Drop expired drafts (and undated ones), then the oldest beyond ``MAX_DRAFTS``."""
    now = time.time() if now is None else now
    kept = {}
    for key, saved_at in _drafts(session).items():
        if saved_at is None or now - saved_at > DRAFT_MAX_AGE:
            session.pop(key, None)
        else:
            kept[key] = saved_at
    for key in sorted(kept, key=kept.__getitem__)[: max(len(kept) - MAX_DRAFTS, 0)]:
        session.pop(key, None)


def load(session, key: str) -> dict | None:
    """The draft under ``key`` if there is one that has not expired."""
    prune(session)
    value = session.get(key)
    data = value.get("data") if isinstance(value, dict) else None
    return data if isinstance(data, dict) else None


def save(session, key: str, data: dict) -> None:
    """Keep ``data`` under ``key``, dated now; the session keeps at most MAX_DRAFTS drafts."""
    session[key] = {"saved_at": time.time(), "data": data}
    prune(session)


def drop(session, key: str) -> None:
    session.pop(key, None)
