"""Map the source tree's top-level folders into the one `recto` package of the wheel.

pyproject.toml holds the metadata; only this mapping needs code, because setuptools'
package finder cannot prefix the names it finds. tests/test_packaging.py installs the
result into a fresh venv and checks that no bare `app`, `ui` or `annotations` is importable.
"""
from setuptools import find_packages, setup

FOLDERS = ("app", "ui", "annotations")
packages = ["recto", "recto.sample_scans"] + [
    f"recto.{name}" for name in find_packages(include=[f"{f}*" for f in FOLDERS])]
package_dir = {"recto": "recto", "recto.sample_scans": "sample_scans"}
package_dir.update({f"recto.{f}": f for f in FOLDERS})

setup(packages=packages, package_dir=package_dir)
