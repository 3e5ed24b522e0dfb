"""The area picker: province → district → sub-district (tambon) combos, filled from
the GeoThai reference data in the interface language and sorted in its order."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCollator, QLocale, QObject, Signal
from PySide6.QtWidgets import QComboBox

from desktop.ui.form_fields import select_data, ui_language


class AreaPicker(QObject):
    """Province → district → sub-district combos filled from GeoThai."""

    tambon_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.province = QComboBox(objectName="province")
        self.district = QComboBox(objectName="district")
        self.tambon = QComboBox(objectName="tambon")
        for combo in (self.province, self.district, self.tambon):
            combo.setMinimumWidth(260)  # "Mueang Nakhon Si Thammarat" and the arrow
        self.province.currentIndexChanged.connect(self._province_chosen)
        self.district.currentIndexChanged.connect(self._district_chosen)
        self.tambon.currentIndexChanged.connect(lambda _i: self.tambon_changed.emit())

    def code(self) -> str | None:
        return self.tambon.currentData()

    def fill(self) -> None:
        """(Re)fill the combos in the interface language, keeping the chosen tambon."""
        import geothai

        chosen = self.code()
        self._set_items(self.province, geothai.provinces(), self.tr("Choose a province"))
        self.set_code(chosen)

    def set_code(self, code: str | None) -> None:
        select_data(self.province, code[:2] if code else None)
        select_data(self.district, code[:4] if code else None)
        select_data(self.tambon, code)

    def _province_chosen(self) -> None:
        import geothai

        code = self.province.currentData()
        self._set_items(self.district, geothai.districts(code) if code else [],
                        self.tr("Choose a district"))

    def _district_chosen(self) -> None:
        import geothai

        code = self.district.currentData()
        self._set_items(self.tambon, geothai.subdistricts(code) if code else [],
                        self.tr("Choose a sub-district"))

    @staticmethod
    def _set_items(combo: QComboBox, areas, blank: str) -> None:
        thai = ui_language() == "th"
        collator = QCollator(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand)
                             if thai else QLocale(QLocale.Language.English))
        named = [(a.name_th if thai else a.name_en, a.code) for a in areas]
        named.sort(key=functools.cmp_to_key(lambda a, b: collator.compare(a[0], b[0])))
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(blank, None)
        for name, code in named:
            combo.addItem(name, code)
        combo.blockSignals(False)
        combo.currentIndexChanged.emit(0)
