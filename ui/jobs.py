"""Run long work off the UI thread with progress and Cancel (one helper for all of it).

The job is a plain app/ function taking a TaskState. The progress dialog appears
only after 600 ms so quick jobs never flash one; Cancel sets the state's flag and
the job stops at its next check; a cancelled job is never reported as an error.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from recto.app.errors import CancelledError
from recto.app.jobs import TaskState

SHOW_AFTER_MS = 600


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskState], Any], state: TaskState, signals: _Signals):
        super().__init__()
        self.fn, self.state, self.signals = fn, state, signals

    def run(self) -> None:
        try:
            result = self.fn(self.state)
        except CancelledError:
            self.signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - reported on the UI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class Job(QObject):
    """A running job; keep a reference until it ends (JobRunner does)."""
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, title: str, fn: Callable[[TaskState], Any], parent: QWidget | None):
        super().__init__(parent)
        self.title = title
        self._signals = _Signals()
        self.state = TaskState(lambda d, t, m: self._signals.progress.emit(d, t, m))
        self._signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._end(self.finished), Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._end(self.failed), Qt.ConnectionType.QueuedConnection)
        self._signals.cancelled.connect(lambda: self._end(self.cancelled)(None),
                                        Qt.ConnectionType.QueuedConnection)
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("progress-dialog")
        self.dialog.setWindowTitle("Recto")
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        quit_action = getattr(parent, "named_actions", {}).get("quit")
        if quit_action is not None:  # Ctrl+Q quits even while this dialog has the focus
            self.dialog.addAction(quit_action)
        self._runnable = _Runnable(fn, self.state, self._signals)
        self._runnable.setAutoDelete(False)

    def start(self, pool: QThreadPool) -> None:
        self.dialog.setValue(0)
        pool.start(self._runnable)

    def cancel(self) -> None:
        self.state.cancel()
        self.dialog.setLabelText(f"{self.title}\nCancelling…")

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.emit(done, total, message)
        if self.dialog.wasCanceled():
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        eta = self.state.eta_seconds()
        eta_text = f" — about {int(eta // 60)} min {int(eta % 60)} s left" if eta else ""
        detail = f"\n{message}" if message else ""
        self.dialog.setLabelText(f"{self.title}: {done} of {total}{eta_text}{detail}")

    def _end(self, signal):
        def handler(value):
            self.dialog.reset()
            self.dialog.hide()
            if value is None and signal is self.cancelled:
                signal.emit()
            else:
                signal.emit(value)
            self.ended.emit()
        return handler


class JobRunner(QObject):
    """Owns the thread pool and the running jobs."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.owner = parent  # parent of every job (parent() is typed as a bare QObject)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.jobs: list[Job] = []

    def run(self, title: str, fn: Callable[[TaskState], Any], *, on_done=None,
            on_error=None, on_cancel=None) -> Job:
        job = Job(title, fn, self.owner)
        if on_done:
            job.finished.connect(on_done)
        if on_error:
            job.failed.connect(on_error)
        if on_cancel:
            job.cancelled.connect(on_cancel)
        job.ended.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        self.jobs.append(job)
        QTimer.singleShot(0, lambda: job.start(self.pool))
        return job

    def busy(self) -> bool:
        return bool(self.jobs)

    def cancel_all(self) -> None:
        for job in list(self.jobs):
            job.cancel()
        self.pool.waitForDone(10000)
