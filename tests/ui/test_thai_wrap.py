"""Thai text wraps between words, with or without libthai.

The segmentation tests check word boundaries that are real Thai words, and
property-test with Hypothesis that no break ever splits a Thai grapheme cluster
and that the U+200B marks come off again.

The Qt tests need a Qt that cannot find libthai, as on a Windows laptop.  Qt
loads it lazily with ``QLibrary("thai")``, i.e. ``dlopen("libthai.so.0")``, and
a library already loaded cannot be unloaded, so the measurement runs in a child
process whose ``LD_LIBRARY_PATH`` starts with a folder holding an *empty* file
named ``libthai.so.0``.  The dynamic loader searches ``LD_LIBRARY_PATH`` before
its cache; when it finds a readable file that is not a valid library it stops
searching and ``dlopen`` fails ("file too short"), so Qt sees no libthai even
where the system has one, and nothing is copied or changed on the system.  The
child reports whether libthai ended up mapped into the process, and the plain
sentence is the control: it must stay on one line, overflowing the 200 px
label, or the hiding did not work and the test fails.  The same sentence given
through ``wrap_label`` must wrap onto two or more lines within 200 px, each
line break right after a U+200B at a word boundary.
"""

from __future__ import annotations

import ctypes.util
import itertools
import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import (
    QFont,
    QImage,
    QStandardItem,
    QStandardItemModel,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QLabel, QStyledItemDelegate, QTableView

from desktop.text.thai_breaks import (
    ZWSP,
    breakable,
    segmenter_ready,
    unbreakable,
    word_breaks,
)
from desktop.ui.fonts import use_thai_font
from desktop.ui.thai_wrap import ThaiWrapDelegate, wrap_label

ROOT = Path(__file__).resolve().parents[2]
LABEL_WIDTH = 200
CELL_WIDTH = 150
SENTENCE = (
    "หลังคารั่วซึมช่วงฤดูฝนต้องเปลี่ยนสังกะสีทั้งหมด"
    "ก่อนที่ผนังบ้านจะแตกร้าวเพราะดินทรุดตัว"
)
LEADING_VOWELS = "เแโใไ"
SARA_AM = "\u0e33"


def words(text: str) -> list[str]:
    """``text`` cut at its Thai word breaks."""
    cuts = [0, *word_breaks(text), len(text)]
    return [text[start:end] for start, end in itertools.pairwise(cuts)]


def is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e5b"


def is_cluster_boundary(text: str, offset: int) -> bool:
    """True when ``offset`` does not fall inside a Thai grapheme cluster.

    Checked from Unicode categories, independently of the module's own tables:
    every nonspacing mark of the Thai block (U+0E31, U+0E34-U+0E3A,
    U+0E47-U+0E4E) and sara am attach to what precedes them, and a leading
    vowel (U+0E40-U+0E44) belongs to what follows it.
    """
    after = text[offset]
    return (
        unicodedata.category(after) != "Mn"
        and after != SARA_AM
        and text[offset - 1] not in LEADING_VOWELS
    )


# --- word boundaries -------------------------------------------------------------


def test_the_segmenter_library_is_loaded():
    assert segmenter_ready()


def test_roof_leak_sentence_breaks_between_its_words():
    assert words("หลังคารั่วซึม") == ["หลังคา", "รั่ว", "ซึม"]
    assert words("หลังคารั่วซึมช่วงฤดูฝนต้องเปลี่ยนสังกะสีทั้งหมด") == [
        "หลังคา", "รั่ว", "ซึม", "ช่วง", "ฤดู", "ฝน", "ต้อง", "เปลี่ยน", "สังกะสี", "ทั้งหมด",
    ]


def test_title_name_and_address_break_between_words():
    assert words("นางสาวน้ำผึ้ง ใจดี") == ["นางสาว", "น้ำผึ้ง ใจ", "ดี"]
    assert words("ผู้สูงอายุนอนติดเตียง") == ["ผู้", "สูง", "อายุ", "นอน", "ติด", "เตียง"]
    assert words("บ้านเลขที่ 12/3 หมู่ 4 ตำบลท่าวัง") == [
        "บ้าน", "เลข", "ที่ 12/3 หมู่ 4 ตำบล", "ท่า", "วัง",
    ]


def test_single_words_and_marks_that_must_not_start_a_line_stay_whole():
    for text in ("เก้าอี้", "สังกะสี", "ไก่ๆ", "กรุงเทพฯ", "๑๒๓๔", "น้ำ", "ก", ""):
        assert word_breaks(text) == [], text


def test_breakable_marks_only_thai_word_breaks_and_keeps_spaces():
    assert breakable("นางสาวน้ำผึ้ง ใจดี") == f"นางสาว{ZWSP}น้ำผึ้ง ใจ{ZWSP}ดี"
    assert breakable("House 12/3, Moo 4") == "House 12/3, Moo 4"
    assert breakable("ไทยEnglishไทย") == "ไทยEnglishไทย"


def test_unbreakable_removes_every_mark():
    assert unbreakable(f"หลังคา{ZWSP}รั่ว{ZWSP}ซึม") == "หลังคารั่วซึม"


def test_ten_thousand_cells_are_quick():
    texts = [f"นางสาวน้ำผึ้ง ใจดี บ้านเลขที่ {n} ตำบลท่าวัง" for n in range(10_000)]
    started = time.perf_counter()
    for text in texts:
        breakable(text)
    assert time.perf_counter() - started < 5.0


# --- properties over random Thai text ----------------------------------------------

THAI_LETTERS = [
    chr(code) for code in range(0x0E01, 0x0E5C) if unicodedata.category(chr(code)) != "Cn"
]
SAMPLE_WORDS = [
    "หลังคา", "รั่ว", "ซึม", "บ้าน", "เลข", "ที่", "ตำบล", "นางสาว", "น้ำผึ้ง", "ใจ", "ดี",
    "เปลี่ยน", "สังกะสี", "ผู้", "สูง", "อายุ", "ไก่", "ๆ", "เก้าอี้", "กรุงเทพฯ", "๑๒",
]
random_text = st.text(alphabet=st.sampled_from([*THAI_LETTERS, " ", "a", "1", ".", ZWSP]))
word_text = st.lists(
    st.one_of(st.sampled_from(SAMPLE_WORDS), st.sampled_from(THAI_LETTERS)), max_size=15
).map("".join)
thai_text = st.one_of(random_text, word_text)


@settings(deadline=None, max_examples=300)
@given(thai_text)
def test_breaks_fall_only_between_thai_clusters(text):
    offsets = word_breaks(text)
    assert offsets == sorted(set(offsets))
    for offset in offsets:
        assert 0 < offset < len(text)
        assert is_thai(text[offset - 1]) and is_thai(text[offset])
        assert is_cluster_boundary(text, offset), (text, offset)


@settings(deadline=None, max_examples=300)
@given(thai_text)
def test_breakable_round_trips_and_is_idempotent(text):
    marked = breakable(text)
    plain = text.replace(ZWSP, "")
    assert unbreakable(marked) == plain
    assert breakable(marked) == marked
    assert breakable(plain) == marked


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet=st.sampled_from([*THAI_LETTERS, " ", "a"])))
def test_breakable_inserts_a_mark_at_each_break_and_nowhere_else(text):
    marked = breakable(text)
    positions = [index - n for n, index in enumerate(
        i for i, ch in enumerate(marked) if ch == ZWSP
    )]
    assert positions == word_breaks(text)
    assert unbreakable(marked) == text


# --- Qt, with libthai hidden ---------------------------------------------------------


def text_lines(text: str, font: QFont, width: int) -> list[dict]:
    """How Qt lays ``text`` out at ``width`` px: each line's start and width."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append({"start": line.textStart(), "width": line.naturalTextWidth()})
    layout.endLayout()
    return lines


def label_measure(label: QLabel, png: Path) -> dict:
    """Line layout and height of a fixed-width label, and its picture."""
    label.setFixedWidth(LABEL_WIDTH)
    label.setFixedHeight(label.heightForWidth(LABEL_WIDTH))
    assert label.grab().save(str(png))
    return {
        "text": label.text(),
        "lines": text_lines(label.text(), label.font(), label.contentsRect().width()),
        "height": label.heightForWidth(LABEL_WIDTH),
        "line_spacing": label.fontMetrics().lineSpacing(),
        "png": str(png),
    }


def cell_height(delegate: QStyledItemDelegate) -> int:
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem(SENTENCE))
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(delegate)
    view.setColumnWidth(0, CELL_WIDTH)
    view.resizeRowsToContents()
    return view.rowHeight(0)


def libthai_mapped() -> bool:
    """True when libthai (not thaibreak's libthaibreak) is loaded in this process."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return False
    files = {Path(line.split()[-1]).name for line in maps.read_text().splitlines()}
    return any(name.startswith("libthai.so") for name in files)


def measure_all(out_dir: str) -> dict:
    """Lay out the sentence plainly and with ``wrap_label``; draw both labels."""
    app = QApplication.instance() or QApplication([])
    family = use_thai_font(app)
    folder = Path(out_dir)
    plain = QLabel()
    plain.setWordWrap(True)
    plain.setText(SENTENCE)
    wrapped = QLabel()
    wrap_label(wrapped, SENTENCE)
    return {
        "font": family,
        "plain": label_measure(plain, folder / "label-plain.png"),
        "wrapped": label_measure(wrapped, folder / "label-wrapped.png"),
        "plain_cell": cell_height(QStyledItemDelegate()),
        "wrapped_cell": cell_height(ThaiWrapDelegate()),
        "libthai_mapped": libthai_mapped(),
    }


def child_main(out_dir: str) -> None:
    """Entry point of the child process: measure, then write ``result.json``."""
    result = measure_all(out_dir)
    (Path(out_dir) / "result.json").write_text(json.dumps(result, ensure_ascii=False))


def measure_without_libthai(tmp_path: Path) -> dict:
    hide = tmp_path / "no-libthai"
    hide.mkdir()
    for name in ("libthai.so.0", "libthai.so"):
        (hide / name).write_bytes(b"")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["LD_LIBRARY_PATH"] = os.pathsep.join(
        p for p in (str(hide), os.environ.get("LD_LIBRARY_PATH", "")) if p
    )
    code = "import sys; from tests.ui.test_thai_wrap import child_main; child_main(sys.argv[1])"
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads((tmp_path / "result.json").read_text())


def break_offsets(marked: str, lines: list[dict]) -> list[int]:
    """Offsets in the unmarked text where the lines of ``marked`` begin."""
    starts = [line["start"] for line in lines[1:]]
    for start in starts:
        assert marked[start - 1] == ZWSP, (marked[:start], "does not end at a mark")
    return [start - marked[:start].count(ZWSP) for start in starts]


def test_label_wraps_thai_at_word_boundaries_without_libthai(tmp_path):
    result = measure_without_libthai(tmp_path)
    assert result["font"] == "Sarabun"
    assert not result["libthai_mapped"]

    plain = result["plain"]
    assert len(plain["lines"]) == 1, "libthai was not hidden: plain Thai text wrapped"
    assert plain["lines"][0]["width"] > LABEL_WIDTH

    wrapped = result["wrapped"]
    assert len(wrapped["lines"]) >= 2
    assert all(line["width"] <= LABEL_WIDTH for line in wrapped["lines"])
    assert wrapped["height"] >= 2 * wrapped["line_spacing"]
    assert unbreakable(wrapped["text"]) == SENTENCE
    offsets = break_offsets(wrapped["text"], wrapped["lines"])
    assert set(offsets) <= set(word_breaks(SENTENCE))

    assert result["wrapped_cell"] >= 2 * result["plain_cell"] - 8
    picture = QImage(wrapped["png"])
    assert picture.width() == LABEL_WIDTH
    assert picture.height() >= 2 * wrapped["line_spacing"]


def test_wrapping_is_the_same_with_libthai_when_it_is_there(tmp_path, thai_app):
    """Where libthai is installed, Qt wraps plain Thai itself; marked text wraps
    onto the same lines with or without it."""
    if ctypes.util.find_library("thai") is None:
        pytest.skip("libthai is not installed here")
    here = measure_all(str(tmp_path))
    (tmp_path / "child").mkdir()
    hidden = measure_without_libthai(tmp_path / "child")
    assert len(here["plain"]["lines"]) >= 2
    assert here["wrapped"]["lines"] == hidden["wrapped"]["lines"]


def test_delegate_cell_text_is_marked_and_the_view_draws_it(qtbot, thai_app, tmp_path):
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem(SENTENCE))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(ThaiWrapDelegate(view))
    view.setColumnWidth(0, CELL_WIDTH)
    view.resizeRowsToContents()
    view.resize(CELL_WIDTH + 60, view.rowHeight(0) + 40)
    assert model.index(0, 0).data() == SENTENCE
    assert view.grab().save(str(tmp_path / "cell.png"))
