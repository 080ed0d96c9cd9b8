"""Recto: a desktop workbench for historians who work through declassified records.

The wheel installs the source tree's `app/`, `ui/` and `annotations/` as `recto.app`,
`recto.ui` and `recto.annotations` (pyproject's package-dir), so Recto owns one top-level
name in a shared environment. In a source checkout they stay at the top of the tree; the
line below lets `recto.app` resolve to `<checkout>/app` when the checkout is on sys.path
(tests, benches, worktrees), without an install.
"""
from __future__ import annotations

import os

try:
    from importlib.metadata import PackageNotFoundError, version
    __version__ = version("recto")
except PackageNotFoundError:  # a bare source checkout
    __version__ = "0.0.0+source"

_here = os.path.dirname(os.path.abspath(__file__))
if not os.path.isdir(os.path.join(_here, "app")):
    __path__.append(os.path.dirname(_here))  # type: ignore[name-defined]  # noqa: F821
