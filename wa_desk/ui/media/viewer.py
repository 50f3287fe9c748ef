"""A picture shown full size: scaled to fit the dialog, never beyond its own size."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class _FittedImage(QLabel):
    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap.fromImage(image)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(64, 64)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def sizeHint(self) -> QSize:
        return self._pixmap.size() / max(1.0, self._pixmap.devicePixelRatio())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        ratio = self.devicePixelRatioF()
        room = self.size() * ratio
        source = self._pixmap
        if source.width() > room.width() or source.height() > room.height():
            shown = source.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        else:
            shown = QPixmap(source)
        shown.setDevicePixelRatio(ratio)
        self.setPixmap(shown)


class MediaImageDialog(QDialog):
    """Non-modal; closes with Escape or its button."""

    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.image_label = _FittedImage(image, self)
        self.image_label.setAccessibleName(self.tr("Picture sent by the customer"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else None) or (
            QGuiApplication.primaryScreen()
        )
        wanted = image.size().grownBy(self.contentsMargins()) + QSize(24, 72)
        if screen is not None:
            avail = screen.availableGeometry().size() * 0.85
            wanted = wanted.boundedTo(avail)
        self.resize(wanted.expandedTo(QSize(320, 240)))
