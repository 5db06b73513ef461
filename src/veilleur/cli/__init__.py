"""The ``veilleur`` command: a thin layer over library calls.

Each command group lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

import sys

from .common import app


def _register() -> None:
    # imported for their side effect: each module adds its commands to ``app``
    import importlib

    for name in ("extract", "clean", "actors", "sanctions", "store", "serve", "bench"):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:  # a command group not built yet
            if e.name != f"{__name__}.{name}":
                raise


def main() -> None:
    _register()
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)


__all__ = ["app", "main"]
