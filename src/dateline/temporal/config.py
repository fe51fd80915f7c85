"""Settings of the temporal stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TemporalConfig:
    """Options of the temporal stage; every field has a default and a matching key in defaults.toml.

    Attributes:
        types: the TIMEX3 types to keep (``DATE``, ``TIME``, ``DURATION``, ``SET``).
        track_reference: resolve "the next day", "that month", ... against the last date mentioned
            in the text (True) or always against the anchor (False).
        min_year: a bare four-digit number is read as a year only from this year ...
        max_year: ... up to this one (numbers outside look like counts, not years).
        max_text_chars: longer texts are tagged only up to this many characters (0 means no limit).
    """

    types: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")
    track_reference: bool = True
    min_year: int = 1000
    max_year: int = 2099
    max_text_chars: int = 0


DEFAULT_TEMPORAL = TemporalConfig()
