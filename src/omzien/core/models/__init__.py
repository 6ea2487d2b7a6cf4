from .areas import District, Municipality, Neighbourhood, PostcodeArea, Province
from .audit import AuditEvent
from .invitations import Invitation
from .people import Membership, Organisation, Resident, Team, User
from .resident_history import ResidentChange

__all__ = [
    "AuditEvent",
    "District",
    "Invitation",
    "Membership",
    "Municipality",
    "Neighbourhood",
    "Organisation",
    "PostcodeArea",
    "Province",
    "Resident",
    "ResidentChange",
    "Team",
    "User",
]
