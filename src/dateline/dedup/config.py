"""Settings of the dedup stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Options of the dedup stage; every field has a default and a matching key in defaults.toml."""
