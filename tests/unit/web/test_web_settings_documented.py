"""Every setting is documented in .env.example with its help text, and bad values fail early."""

from __future__ import annotations

import re
import textwrap
from dataclasses import fields
from pathlib import Path

import pytest

from guize.config import ConfigError, Settings, documented_settings

ENV_EXAMPLE = Path(__file__).resolve().parents[3] / ".env.example"


def _entries() -> dict[str, str]:
    """GUIZE_NAME -> the comment block above it."""
    entries, comment = {}, []
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comment.append(line.lstrip("# ").rstrip())
        elif m := re.match(r"(GUIZE_[A-Z0-9_]+)=", line):
            entries[m.group(1)] = " ".join(comment)
            comment = []
        else:
            comment = []
    return entries


@pytest.mark.parametrize(("name", "help_text"), documented_settings().items())
def test_every_setting_is_in_env_example_with_its_help(name, help_text):
    entries = _entries()
    assert name in entries, f"{name} is missing from .env.example"
    assert " ".join(textwrap.wrap(help_text, 96)) in entries[name]


def test_env_example_has_no_unknown_settings():
    assert set(_entries()) == set(documented_settings())


def test_every_setting_has_help_text():
    for f in fields(Settings):
        assert f.metadata.get("help"), f.name


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"GUIZE_QUERY_WORKERS": "0"}, "at least 1"),
        ({"GUIZE_STORE_KIND": "sqlite"}, "embedded, remote"),
        ({"GUIZE_QUERY_TIMEOUT_S": "soon"}, "GUIZE_QUERY_TIMEOUT_S"),
    ],
)
def test_bad_values_fail_naming_the_setting(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_new_settings_read_from_the_environment():
    s = Settings.from_env(
        {"GUIZE_QUERY_WORKERS": "3", "GUIZE_DUMP_TIMEOUT_S": "12.5", "GUIZE_DUMP_DIR": "/x"}
    )
    assert (s.query_workers, s.dump_timeout_s, s.dump_dir) == (3, 12.5, "/x")
