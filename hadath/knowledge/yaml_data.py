"""One YAML loader for every knowledge file: libyaml's C parser when present.

The C SafeLoader parses the lexicons about twice as fast as the pure-Python one and
builds the same data (same safe subset), which halves hadath's cold start.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader
