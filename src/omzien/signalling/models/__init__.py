"""Models of the signalling point, one module per subject; import them from here."""

from omzien.signalling.models.cases import Case, CaseEvent, Signal
from omzien.signalling.models.choices import (
    RECEIPT_ALPHABET,
    Channel,
    PersonAware,
    PostcodeCheck,
    Relation,
    Sign,
    new_receipt_code,
)
from omzien.signalling.models.configuration import SignallingSettings
from omzien.signalling.models.partners import AcceptedSignal, ApiKey, PartnerLink, TokenCutoff
from omzien.signalling.models.records import ScheduledRun, Tombstone
from omzien.signalling.models.referrals import (
    Barrier,
    CaseNeeds,
    Referral,
    ReferralState,
    ShareField,
    Wish,
)

__all__ = [
    "RECEIPT_ALPHABET",
    "ApiKey",
    "Barrier",
    "CaseNeeds",
    "Referral",
    "ReferralState",
    "ShareField",
    "Wish",
    "Case",
    "CaseEvent",
    "Channel",
    "PartnerLink",
    "PersonAware",
    "PostcodeCheck",
    "Relation",
    "ScheduledRun",
    "Sign",
    "Signal",
    "AcceptedSignal",
    "SignallingSettings",
    "Tombstone",
    "TokenCutoff",
    "new_receipt_code",
]
