"""Storage errors the hub expects and answers by cause, as opposed to bugs."""

from __future__ import annotations


class StorageError(Exception):
    """The store could not be used (unreachable, full, locked for too long)."""


class UnsupportedDatabaseUrl(ValueError):
    """The database URL names a scheme the hub does not support."""
