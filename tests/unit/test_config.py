"""Configuration: shipped defaults equal the dataclass defaults; bad values name their key."""

from __future__ import annotations

import dataclasses
import tomllib
from importlib import resources

import pytest

from dateline.config import RunConfig, load_config
from dateline.errors import ConfigError


def test_config_defaults_toml_matches_dataclasses():
    shipped = tomllib.loads(resources.files("dateline").joinpath("defaults.toml").read_text("utf-8"))
    defaults = RunConfig()
    for section, values in shipped.items():
        block = getattr(defaults, section)
        for key, value in values.items():
            current = getattr(block, key)
            if isinstance(current, tuple):
                current = list(current)
            assert current == value, f"defaults.toml [{section}] {key} = {value!r}, dataclass says {current!r}"


def test_config_every_dataclass_key_is_in_defaults_toml():
    shipped = tomllib.loads(resources.files("dateline").joinpath("defaults.toml").read_text("utf-8"))
    for section in dataclasses.fields(RunConfig):
        block = getattr(RunConfig(), section.name)
        for f in dataclasses.fields(block):
            if f.name == "fields":
                continue  # reader.fields is an empty table by default
            assert f.name in shipped.get(section.name, {}), f"[{section.name}] {f.name} missing from defaults.toml"


def test_config_user_file_overrides_only_its_keys(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[reader]\nmax_record_bytes = 1000\n")
    cfg = load_config(path)
    assert cfg.reader.max_record_bytes == 1000 and cfg.reader.on_error == "skip"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[reader]\nmax_record_bytes = 'big'\n", "c.toml:2: reader.max_record_bytes: must be an integer"),
        ("[reader]\nnope = 1\n", "c.toml:2: reader.nope: unknown key"),
        ("[nosuch]\nx = 1\n", "c.toml:1: nosuch: unknown key"),
        ("# rewrites\n[dating]\nneighbours = false\n\n[dedup]\nngram = 5\nstory_links = 'copies'\n",
         "c.toml:7: dedup.story_links: must be one of: events, rewrites, got 'copies'; fix the file or drop --config"),
        ("[dedup]\nnum_perm = 100\n", "dedup.bands: must divide num_perm"),  # no line sets bands
        ("not toml [", "not valid TOML"),
    ],
)
def test_config_bad_value_names_its_file_line_and_key(tmp_path, text, message):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(path)
