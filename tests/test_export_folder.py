"""The export dialog's default folder: beside the project, never a hidden folder."""
from __future__ import annotations

from recto.app.export_folder import default_folder


def test_beside_the_project_unless_it_is_hidden(tmp_path):
    home = tmp_path / "home"
    (home / "thesis").mkdir(parents=True)
    project = home / "thesis" / "p.recto"
    assert default_folder(project, home=home) == home / "thesis"
    hidden = home / ".local" / "share" / "recto" / "sample.recto"
    assert default_folder(hidden, home=home) == home
    (home / "Documents").mkdir()
    assert default_folder(hidden, home=home) == home / "Documents"


def test_the_last_folder_only_for_the_same_project(tmp_path):
    home = tmp_path / "home"
    exports = home / "exports"
    exports.mkdir(parents=True)
    project = home / "thesis" / "p.recto"
    assert default_folder(project, str(exports), str(project), home) == exports
    assert default_folder(project, str(exports), str(home / "other.recto"), home) == \
        home / "thesis"
    assert default_folder(project, str(home / "gone"), str(project), home) == home / "thesis"
    (home / ".cache").mkdir()
    assert default_folder(project, str(home / ".cache"), str(project), home) == home / "thesis"
