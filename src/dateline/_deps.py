"""Import optional dependencies with an error that says how to install them."""

from __future__ import annotations

import importlib
from types import ModuleType

from dateline.errors import MISSING_DEPENDENCY, MissingDependencyError


def require(module: str, *, extra: str, feature: str | None = None, package: str | None = None) -> ModuleType:
    """Import ``module`` or raise ``MissingDependencyError`` naming ``pip install 'dateline[extra]'``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            MISSING_DEPENDENCY.format(
                feature=feature or f"This feature ({module})", package=package or module.split(".")[0], extra=extra
            )
        ) from exc
