"""Items the spider yields besides extraction's `Article` and `PageFailure`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotModified:
    """An archived article the server answered 304 Not Modified for: seen again, unchanged."""

    url: str
