"""``SignalInput``: what a reporter tells us, the one value every intake channel builds.

Every channel (the public form, a partner link, a logged-in reporter, self-referral, the phone
form, the partner API and its inbox) builds it with ``SignalInput.from_values`` from a mapping
named after these fields, so adding a field is one edit here (plus the channel's form or
serializer that asks for it). The partner API's fast parser (``api/partner_input.py``) and the
inbox payload are checked against ``FIELDS`` by tests, so a field missing there fails the suite.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

#: "unknown": the reporter did not say whether the person knows of the signal.
PERSON_AWARE_DEFAULT = "unknown"


@dataclass
class SignalInput:
    """What a reporter tells us. Only postcode, house number and a concern are required."""

    postcode: str
    house_number: str
    house_number_addition: str = ""
    person_name: str = ""
    signs: list[str] = field(default_factory=list)
    concern: str = ""
    person_aware: str = PERSON_AWARE_DEFAULT
    relation: str = ""
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""

    @classmethod
    def from_values(cls, values: Mapping, **overrides) -> SignalInput:
        """Build from a mapping with (some of) the field names, e.g. a form's cleaned_data;
        keys that are not fields are ignored, missing or empty ones take the default.
        ``overrides`` win over ``values``."""
        merged = {**{k: v for k, v in values.items() if k in FIELDS}, **overrides}
        kwargs = {name: merged[name] for name in FIELDS if merged.get(name) is not None}
        kwargs["signs"] = list(dict.fromkeys(kwargs.get("signs") or []))
        kwargs["person_aware"] = kwargs.get("person_aware") or PERSON_AWARE_DEFAULT
        return cls(**kwargs)

    def as_payload(self) -> dict:
        """A JSON-ready dict of every field (``from_values`` reads it back)."""
        payload = {name: getattr(self, name) for name in FIELDS}
        payload["signs"] = list(payload["signs"])
        return payload


#: The field names, in order.
FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(SignalInput))
