"""Helpers for the support part's tests (issue 12): a request asked through the service."""

from __future__ import annotations

from omzien.monitoring.support import services


def ask(actor, municipality, kind: str = "workshop", question: str = "Een workshop graag."):
    request = services.new_request(actor, municipality)
    return services.ask_support(
        actor=actor, request=request, values={"kind": kind, "question": question}
    )
