"""Saving a claims picture (timeline or network) as PNG or SVG, as the scene shows it.

Both formats render the scene's items (not the view's viewport), so the file holds
the whole picture whatever part is scrolled into view, on a white background.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from recto.app.errors import InvalidInputError

MARGIN = 24.0
MAX_PNG_SIDE = 12000
BIG_AREA = 2.0e6  # scene units squared  # pixels; larger pictures are scaled down to fit


def picture_rect(scene: QGraphicsScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def save_png(scene: QGraphicsScene, path: str | Path, scale: float = 2.0) -> Path:
    """Render at `scale` pixels per scene unit (2 = crisp on paper and high-DPI screens)."""
    rect = picture_rect(scene)
    if rect.width() * rect.height() > BIG_AREA:  # big pictures are already sharp at 1x,
        scale = min(scale, 1.0)                  # and 2x takes seconds to paint
    scale = min(scale, MAX_PNG_SIDE / max(rect.width(), rect.height(), 1.0))
    image = QImage(QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    path = Path(path)
    # quality 80: lighter compression, 2-3x faster to write. PySide6 takes the format as a
    # str (bytes raise ValueError) while its stub says bytes.
    if not image.save(str(path), "PNG", 80):  # type: ignore[call-overload]
        raise InvalidInputError(f"Could not write {path}; choose a folder you can write to.")
    return path


def save_svg(scene: QGraphicsScene, path: str | Path, title: str = "Recto claims") -> Path:
    rect = picture_rect(scene)
    path = Path(path)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setTitle(title)
    generator.setSize(QSize(round(rect.width()), round(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    painter = QPainter()
    if not painter.begin(generator):
        raise InvalidInputError(f"Could not write {path}; choose a folder you can write to.")
    painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), QColor("white"))
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    return path


def save_picture(scene: QGraphicsScene, path: str | Path) -> Path:
    """PNG or SVG by the file's suffix (PNG when there is none)."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        return save_svg(scene, path)
    if path.suffix.lower() != ".png":
        path = Path(f"{path}.png")
    return save_png(scene, path)
