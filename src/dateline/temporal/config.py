"""Settings of the temporal stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TemporalConfig:
    """Options of the temporal stage; every field has a default and a matching key in defaults.toml."""
