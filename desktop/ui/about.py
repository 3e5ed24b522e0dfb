"""Help → About: what Porpiang is, its version, and the works it is built on."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import __version__


class AboutDialog(QDialog):
    """The About box.  It credits GeoThai (CC BY 4.0) and the Sarabun font (OFL)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.heading = QLabel(objectName="heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(objectName="summary", wordWrap=True)
        self.credits_heading = QLabel(objectName="credits_heading")
        self.credits = [QLabel(objectName=f"credit_{i}", wordWrap=True) for i in range(3)]
        self.close_button = QPushButton(objectName="close_button")
        buttons = QDialogButtonBox()
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.summary, self.credits_heading, *self.credits):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def credit_lines(self) -> list[str]:
        return [
            self.tr("Geography data: GeoThai (geothai.fasu.dev), licensed under CC BY 4.0."),
            self.tr("Thai font: Sarabun, by the Sarabun Project Authors, licensed under "
                    "the SIL Open Font License 1.1."),
            self.tr("User interface: Qt for Python (PySide6), licensed under the LGPL 3."),
        ]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Porpiang"))
        self.heading.setText(self.tr("Porpiang {version}").format(version=__version__))
        self.summary.setText(self.tr(
            "Surveys, repair projects and reviews for the Baan Por Piang house-repair "
            "programme. Works offline and syncs when a connection is there."))
        self.credits_heading.setText(self.tr("Built with"))
        for label, text in zip(self.credits, self.credit_lines(), strict=True):
            label.setText(text)
        self.close_button.setText(self.tr("Close"))
        self.adjustSize()  # wrapped labels need a height for the new width
