"""Processes for the crash harness to kill: a CLI-free editing loop and the desktop app.

Run as `python -m tests.crash_workers edit PROJECT DOC_ID SEED` (or `gui ...`). Each
prints `ready`, then edits for ever through the app services, printing one line
`confirmed KIND TABLE ID REV` after each edit has committed. REV is the wall-clock
nanoseconds written into an edited redaction's note, so later edits carry larger
ones. A line read by the harness before the kill is an edit the store promised to keep.
"""
from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass

from recto.annotations import documents as doc_store
from recto.annotations.project import Project
from recto.app.actors import mentions
from recto.app.actors import service as actors
from recto.app.claims import service as claims
from recto.app.redactions import service as redactions


@dataclass(frozen=True)
class Confirmed:
    """One edit the worker saw commit: REV orders the notes written to one row."""
    kind: str
    table: str
    row_id: str
    rev: int

    @classmethod
    def parse(cls, line: str) -> Confirmed | None:
        parts = line.split()
        if len(parts) != 5 or parts[0] != "confirmed":
            return None
        return cls(parts[1], parts[2], parts[3], int(parts[4]))


class Editor:
    """A seeded stream of human-like edits on one document's first page."""

    def __init__(self, project: Project, doc_id: str, seed: int):
        self.project = project
        self.doc_id = doc_id
        self.rng = random.Random(seed)
        self.seed = seed
        page = doc_store.pages_of(project, doc_id)[0]
        self.width, self.height = page.width, page.height
        self.actor_ids = [a.actor.id for a in actors.list_actors(project)]
        self.redaction_ids = [r["id"] for r in project.query("SELECT id FROM redactions")]
        self.count = 0

    def box(self) -> list[float]:
        x0 = self.rng.uniform(0, self.width - 60)
        y0 = self.rng.uniform(0, self.height - 30)
        return [round(x0, 1), round(y0, 1), round(x0 + self.rng.uniform(10, 59), 1),
                round(y0 + self.rng.uniform(5, 29), 1)]

    def step(self) -> Confirmed:
        """Make one edit (one transaction) and say what must survive a crash."""
        self.count += 1
        n = f"{self.seed}-{self.count}"
        choice = self.rng.random()
        if choice < 0.2 or not self.actor_ids:
            actor = actors.add_actor(self.project, f"Delegate {n}", "person",
                                     [actors.AliasInput(f"代表{n}", "ja")]).actor
            self.actor_ids.append(actor.id)
            return Confirmed("actor-add", "actors", actor.id, 0)
        if choice < 0.4:
            m = mentions.add_mention(self.project, self.rng.choice(self.actor_ids), self.doc_id,
                                     0, bbox=self.box(), text=f"mention {n}")
            return Confirmed("mention-add", "mentions", m.id, 0)
        if choice < 0.6:
            c = claims.create_claim(self.project, f"Claim {n}", self.doc_id, 0, self.box(),
                                    quote=f"quote {n}", claimants=[self.rng.choice(self.actor_ids)])
            return Confirmed("claim-add", "claims", c.id, 0)
        if choice < 0.8 or not self.redaction_ids:
            r = redactions.add_redaction(self.project, self.doc_id, 0, self.box(),
                                         codes=["(b)(1)"], note="rev 0")
            self.redaction_ids.append(r.id)
            return Confirmed("redaction-add", "redactions", r.id, 0)
        target, rev = self.rng.choice(self.redaction_ids), time.time_ns()
        redactions.edit_redaction(self.project, target, note=f"rev {rev}", codes=["25X1"])
        return Confirmed("redaction-edit", "redactions", target, rev)


def say_confirmed(c: Confirmed) -> None:
    print(f"confirmed {c.kind} {c.table} {c.row_id} {c.rev}", flush=True)


def run_edits(path: str, doc_id: str, seed: int) -> None:
    project = Project.open(path)
    editor = Editor(project, doc_id, seed)
    print("ready", flush=True)
    while True:
        say_confirmed(editor.step())


def run_gui(path: str, doc_id: str, seed: int) -> None:
    """The real main window, offscreen, with edits made while its event loop runs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from recto.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["recto-crash"])
    window = MainWindow()
    if not window.open_project(path):
        raise SystemExit("the app could not open the project")
    window.show()
    editor = Editor(window.session.project, doc_id, seed)

    def tick() -> None:
        say_confirmed(editor.step())

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(0)
    QTimer.singleShot(0, lambda: print("ready", flush=True))
    app.exec()


if __name__ == "__main__":
    mode, project_path, document_id, seed_text = sys.argv[1:5]
    {"edit": run_edits, "gui": run_gui}[mode](project_path, document_id, int(seed_text))
