"""A field worker's visit, as one user does it: the survey of a complete household
(score computed live), then its repair checklist with three items and photos of the
house and of an item taken by a phone, then Submit — all on a real encrypted profile."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from PySide6.QtCore import Qt

from desktop.services.photos import list_photos
from desktop.services.repairs import load_case
from desktop.services.survey import survey_for
from tests.store.test_photos import camera_jpeg
from tests.ui.editing import pick, type_thai, workspace  # noqa: F401  (fixtures)
from tests.ui.test_repair_editor import (  # noqa: F401  (fixtures)
    RAMP,
    ROOF,
    TOILET,
    YEAR,
    add_item,
    complete_household,
    editors,
    wait_saved,
)
from tests.ui.test_survey_form import close, open_form, total


def add_photo(qtbot, strip, path, kind: str) -> None:
    """What the strip's file dialog does with the file chosen."""
    before = len(strip.photos)
    strip.add_files([str(path)], kind)
    qtbot.waitUntil(lambda: not strip.busy and len(strip.photos) == before + 1,
                    timeout=20_000)


def test_survey_then_checklist_with_photos_then_submit(qtbot, thai_app, workspace, editors,
                                                       tmp_path):
    household_id = complete_household(workspace, "19/2", "ทองใบ")

    form = open_form(qtbot, workspace, household_id)
    type_thai(form.surveyor, "สมหญิง ใจดี")
    pick(form.conditions.combos["roof"], "dangerous")
    pick(form.conditions.combos["bathroom"], "damaged")
    assert total(form) == 20 + 10  # the weights of the shipped defaults
    with qtbot.waitSignal(form.survey_saved, timeout=10_000):
        assert form.save()
    close(form)
    survey = survey_for(workspace, household_id)
    assert survey is not None and survey.fields["priority_score"] == 30
    assert survey.fields["survey_date"] == date.today().isoformat()

    editor = editors(household_id)
    for item in (ROOF, TOILET, RAMP):
        add_item(qtbot, editor, *item)
    wait_saved(qtbot, editor, editor.save)  # photos belong to a saved project and items
    editor.tabs.setCurrentWidget(editor.photos_scroll)
    qtbot.waitUntil(lambda: editor.project_photos_box.strip is not None, timeout=5_000)
    phone = tmp_path / "roof.jpg"
    phone.write_bytes(camera_jpeg())  # 4000 × 3000, held sideways, with time and GPS
    add_photo(qtbot, editor.project_photos_box.strip, phone, "before")
    editor.checklist.table.selectRow(0)  # the roof item
    qtbot.waitUntil(lambda: editor.item_photos_box.strip is not None, timeout=5_000)
    add_photo(qtbot, editor.item_photos_box.strip, phone, "before")

    wait_saved(qtbot, editor, lambda: qtbot.mouseClick(editor.commands.buttons["submit"],
                                                       Qt.MouseButton.LeftButton))
    case = load_case(workspace, household_id, YEAR)
    assert case.state == "submitted" and len(case.items) == 3
    photos = list_photos(workspace, household_id)
    owners = sorted(p.attachment.fields["owner_type"] for p in photos)
    assert owners == ["repair_item", "repair_project"]
    for photo in photos:
        assert photo.kind == "before" and photo.pending  # not on the server yet
        assert photo.taken_at is not None and photo.taken_at.startswith("2025-03-14")
        with Image.open(io.BytesIO(workspace.read_file(photo.sha256))) as img:
            assert max(img.size) <= 1600 and img.size[1] > img.size[0]  # upright portrait
