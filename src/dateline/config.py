"""Run configuration: frozen dataclasses per stage, one TOML file laid over the shipped defaults.

Each stage declares its own ``<Stage>Config`` in its package; ``RunConfig`` holds one of each.
``load_config(path)`` reads ``defaults.toml`` first and then the user's file, so a partial user
file only overrides the keys it sets. Unknown keys and wrongly typed values raise ``ConfigError``
naming the key path, e.g. ``dedup.threshold: must be a float, got 'high'``.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from dateline.dating.config import DatingConfig
from dateline.dedup.config import DedupConfig
from dateline.errors import BAD_CONFIG_VALUE, ConfigError
from dateline.stories.config import StoryConfig
from dateline.temporal.config import TemporalConfig


@dataclass(frozen=True, slots=True)
class ReaderConfig:
    """How inputs are read.

    Attributes:
        max_record_bytes: a record larger than this is rejected as ``too_large``.
        on_error: ``skip`` puts bad records in rejects; ``raise`` stops at the first one.
        fields: output field name -> input field name (``{"date": "published"}``).
    """

    max_record_bytes: int = 5_000_000
    on_error: str = "skip"
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Where the per-story stages run (``--engine``).

    Attributes:
        spark_master: the Spark master URL for ``--engine spark`` (``local[2]``, ``spark://host:7077``).
        spark_partitions: shuffle partitions the stories are spread over (0 means 8).
    """

    spark_master: str = "local[2]"
    spark_partitions: int = 0


@dataclass(frozen=True, slots=True)
class RunConfig:
    reader: ReaderConfig = field(default_factory=ReaderConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    temporal: TemporalConfig = field(default_factory=TemporalConfig)
    dating: DatingConfig = field(default_factory=DatingConfig)
    stories: StoryConfig = field(default_factory=StoryConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)


T = TypeVar("T")


def _build(cls: type[T], values: dict[str, Any], where: str) -> T:
    known = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        path = f"{where}.{key}" if where else key
        if key not in known:
            raise ConfigError(
                BAD_CONFIG_VALUE.format(
                    where=path, problem=f"unknown key; known keys: {', '.join(sorted(known))}", value=value
                )
            )
        f = known[key]
        default = getattr(cls(), key)
        if dataclasses.is_dataclass(default) and not isinstance(default, type):
            if not isinstance(value, dict):
                raise ConfigError(BAD_CONFIG_VALUE.format(where=path, problem="must be a table", value=value))
            kwargs[key] = _build(type(default), {**dataclasses.asdict(default), **value}, path)
            continue
        kwargs[key] = _coerce(value, default, path)
        del f
    return cls(**kwargs)


def _coerce(value: Any, default: Any, path: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(BAD_CONFIG_VALUE.format(where=path, problem="must be true or false", value=value))
        return value
    if isinstance(default, int) and not isinstance(default, bool):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(BAD_CONFIG_VALUE.format(where=path, problem="must be an integer", value=value))
        return value
    if isinstance(default, float):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ConfigError(BAD_CONFIG_VALUE.format(where=path, problem="must be a number", value=value))
        return float(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(BAD_CONFIG_VALUE.format(where=path, problem="must be a string", value=value))
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list | tuple):
            raise ConfigError(BAD_CONFIG_VALUE.format(where=path, problem="must be a list", value=value))
        return tuple(value)
    return value


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_config(path: str | Path | None = None, **overrides: Any) -> RunConfig:
    """Build a ``RunConfig`` from the shipped ``defaults.toml``, then ``path``, then ``overrides``.

    Args:
        path: a user TOML file, or None for the defaults alone.
        overrides: top-level tables, e.g. ``reader={"on_error": "raise"}``.

    Returns:
        The merged, validated configuration.
    """
    data = tomllib.loads(resources.files("dateline").joinpath("defaults.toml").read_text("utf-8"))
    text = None
    if path is not None:
        text = Path(path).read_text("utf-8")
        try:
            user = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or drop --config") from exc
        data = _merge(data, user)
    data = _merge(data, overrides)
    try:
        return _build(RunConfig, data, "")
    except ConfigError as exc:
        line = _key_line(text, str(exc).split(":", 1)[0]) if text is not None else None
        if line is None:
            raise
        raise ConfigError(f"{path}:{line}: {exc}; fix the file or drop --config") from exc


def _key_line(text: str, where: str) -> int | None:
    """The line of ``text`` (a TOML file) that sets the dotted key ``where`` ("dedup.story_links") under its
    table header, or opens the table ``where``; None when the file does neither."""
    table, _, key = where.rpartition(".")
    current = ""
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line.strip("[] ")
            if current == where:  # an unknown table
                return no
        elif current == table and line.split("=", 1)[0].strip() == key:
            return no
    return None


DEFAULT_CONFIG = RunConfig()
