"""The monitoring app's models (issue 12); every model is re-exported here."""

from .knowledge import Approach, ApproachState, LonelinessKind, SizeClass
from .support import SupportEvent, SupportKind, SupportRequest

__all__: list[str] = []
# Knowledge sharing and support requests (items 5 and 6).
__all__ += ["Approach", "ApproachState", "LonelinessKind", "SizeClass"]
__all__ += ["SupportEvent", "SupportKind", "SupportRequest"]
