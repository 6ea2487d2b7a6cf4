from .areas import District, Municipality, Neighbourhood, PostcodeArea, Province
from .audit import AuditEvent
from .helplines import HelpLine
from .invitations import Invitation
from .people import Membership, Organisation, Resident, Team, User
from .resident_history import ResidentChange
from .sso import SsoDevice, SsoIdentity, SsoProvider, SsoRoleRule

__all__ = [
    "AuditEvent",
    "District",
    "HelpLine",
    "Invitation",
    "Membership",
    "Municipality",
    "Neighbourhood",
    "Organisation",
    "PostcodeArea",
    "Province",
    "Resident",
    "ResidentChange",
    "SsoDevice",
    "SsoIdentity",
    "SsoProvider",
    "SsoRoleRule",
    "Team",
    "User",
]
