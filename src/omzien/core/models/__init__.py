from .areas import District, Municipality, Neighbourhood, PostcodeArea, Province
from .audit import AuditEvent
from .people import Membership, Organisation, Resident, Team, User

__all__ = [
    "AuditEvent",
    "District",
    "Membership",
    "Municipality",
    "Neighbourhood",
    "Organisation",
    "PostcodeArea",
    "Province",
    "Resident",
    "Team",
    "User",
]
