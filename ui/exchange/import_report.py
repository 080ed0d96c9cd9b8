"""The import report: what a colleague's set added, updated, which side each conflict
kept, and which documents are still missing (their PDFs must be added)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recto.app.export import ImportReport
from recto.ui.named import named
from recto.ui.plain_text import PlainLabel, plain_tip
from recto.ui.screen_fit import cap_dialog
from recto.ui.tree_items import top_level_items


def _named(table: str, n: int = 2) -> str:
    """ "claim_links" -> "claim links", or "claim link" for one (aliases -> alias)."""
    name = table.replace("_", " ")
    if n != 1:
        return name
    return name[:-2] if name.endswith("ses") else name.removesuffix("s")


def summary(report: ImportReport) -> str:
    added, updated = sum(report.added.values()), sum(report.updated.values())
    if not report.changed:
        return (f"Nothing new in {Path(report.source).name}: this project already holds "
                "everything in it.")
    return (f"Imported {Path(report.source).name}: {added} added, {updated} updated, "
            f"{len(report.conflicts)} conflict(s). Edit > Undo takes the whole import back.")


def sections(report: ImportReport) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each part of the report, as the dialog shows them."""
    return [
        (f"Added ({sum(report.added.values())})",
         [f"{n} {_named(t, n)}" for t, n in sorted(report.added.items())]),
        (f"Updated ({sum(report.updated.values())})",
         [f"{n} {_named(t, n)}" for t, n in sorted(report.updated.items())]),
        (f"Unchanged ({report.unchanged})", []),
        (f"Page texts added ({report.page_texts_added})", []),
        (f"Conflicts ({len(report.conflicts)}): the newer edit was kept",
         [_conflict(c) for c in report.conflicts]),
        (f"Documents missing ({len(report.missing_documents)}): add their PDFs with "
         "File > Add PDFs or Photos… to see their pages",
         [f"{d.title} — {d.filename or 'no file name'} (SHA-256 {d.sha256[:12]}…)"
          for d in report.missing_documents]),
    ]


def _conflict(c) -> str:
    table = _named(c.table, 1)
    if c.kept == "incoming":
        side = f"kept theirs (newer, {c.incoming_modified_at}; ours {c.project_modified_at})"
    else:
        side = (f"kept ours (newer or same, {c.project_modified_at}; theirs "
                f"{c.incoming_modified_at})")
    return f"{table} {c.id[:8]}: {side}"


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("import-report")
        self.setWindowTitle("Import Report")
        self.report = report
        self.summary = PlainLabel(summary(report), objectName="import-summary", wordWrap=True)
        self.tree = named(QTreeWidget(), "import-tree")
        self.tree.setHeaderHidden(True)
        for heading, lines in sections(report):
            parent_item = QTreeWidgetItem([heading])
            for line in lines:
                child = QTreeWidgetItem([line])
                child.setToolTip(0, plain_tip(line))
                parent_item.addChild(child)
            self.tree.addTopLevelItem(parent_item)
            parent_item.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        cap_dialog(self, 620, 420)

    def texts(self) -> list[str]:
        """Every line the tree shows, headings first in each section (for reading back)."""
        out = []
        for item in top_level_items(self.tree):
            out.append(item.text(0))
            children = (item.child(j) for j in range(item.childCount()))
            out.extend(child.text(0) for child in children if child is not None)
        return out
