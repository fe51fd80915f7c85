"""Settings of the dating stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DatingConfig:
    """Options of the dating stage; every field has a default and a matching key in defaults.toml."""
