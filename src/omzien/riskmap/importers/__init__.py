"""Importers of measured figures per area (RIVM, GGD, CBS, a municipality's own survey).

Each parser reads a whole file into a ``ParsedFile`` or raises ``ImportRefused`` naming every
bad file, line and column; ``services.apply_parsed`` then replaces that source's year(s) in one
transaction.
"""
