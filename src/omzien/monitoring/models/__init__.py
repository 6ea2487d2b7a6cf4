"""The monitoring app's models (issue 12); every model is re-exported here."""

__all__: list[str] = []
