"""Accessible names: every control a screen reader reaches says what it is.

A control is named by its own text (a button's), by the label beside it (a form row's
label or a QLabel whose buddy it is), or by an explicit accessibleName. `fill_names`
gives the ones with none the name a sighted user reads off the screen: the form
label, else its tooltip. It runs on every window as it is first shown (see
`install`), so dialogs built anywhere are covered; `unnamed` is what a test checks.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGraphicsView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
               QAbstractSpinBox, QAbstractItemView, QAbstractSlider, QGraphicsView, QTabBar)


def _is_part_of_another(widget: QWidget) -> bool:
    """Qt's own sub-controls (a combo's line edit, a spin box's field, scroll bars, the
    dock and tab bar buttons) are named through the control they belong to."""
    if isinstance(widget, (QScrollBar, QHeaderView)) or widget.objectName().startswith("qt_"):
        return True   # a header is read with its view's columns
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QTabBar)):
            return True
        if isinstance(parent, QAbstractItemView) and not isinstance(widget, QAbstractItemView):
            return True   # an editor or a widget set on a row
        parent = parent.parentWidget()
    return False


def interactive(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and not _is_part_of_another(w)
            and not (isinstance(w, QTabBar) and w.count() == 0)]   # an empty dock tab bar


def label_text(widget: QWidget) -> str:
    """The text that names `widget` on screen: its own, or its form row's / buddy's label."""
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QTabBar):   # each tab is read by its own text
        return " · ".join(widget.tabText(i) for i in range(widget.count())).strip()
    parent = widget.parentWidget()
    if isinstance(parent, QLineEdit):   # its clear button: named with the field
        return parent.accessibleName() or parent.placeholderText()
    if parent is not None:
        for form in parent.findChildren(QFormLayout):
            label = form.labelForField(widget)
            if isinstance(label, QLabel) and label.text().strip():
                return label.text().replace("&", "").strip()
        for label in parent.findChildren(QLabel):
            if label.buddy() is widget and label.text().strip():
                return label.text().replace("&", "").strip()
    while parent is not None and not parent.isWindow():   # the one control of a titled group
        if isinstance(parent, QGroupBox):
            if parent.title() and len(interactive(parent)) == 1:
                return parent.title().replace("&", "")
            break
        parent = parent.parentWidget()
    return ""


def unnamed(root: QWidget) -> list[QWidget]:
    """Interactive widgets with neither an accessible name nor a label on screen."""
    return [w for w in interactive(root) if not w.accessibleName().strip()
            and not label_text(w)]


def fill_names(root: QWidget) -> None:
    """Name the unnamed from their form label, else their tooltip's first line."""
    for widget in unnamed(root):
        name = label_text(widget) or widget.toolTip().split("\n")[0].strip()
        if isinstance(widget, QLineEdit) and not name:
            name = widget.placeholderText().strip()
        if name:
            widget.setAccessibleName(_plain(name))


def _plain(text: str) -> str:
    if "<" in text:   # a rich-text tooltip: its words only
        from PySide6.QtGui import QTextDocument
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return text.strip().rstrip(":")


class _OnShow(QObject):
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            fill_names(obj)
        return False


def install(app: QApplication) -> None:
    """Fill names in every window when it is shown (cheap; installed once per app)."""
    if app.property("recto-accessible-names"):
        return
    app.setProperty("recto-accessible-names", True)
    app.installEventFilter(_OnShow(app))
