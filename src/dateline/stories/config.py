"""Settings of the stories stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Options of the stories stage; every field has a default and a matching key in defaults.toml."""
