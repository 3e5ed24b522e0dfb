"""Settings for the whole test session.

Qt draws offscreen (set before any test module imports Qt), and the data folder
points into the session's temporary folder, so no test touches a real profile.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """Point ``PORPIANG_DATA_DIR`` at a temporary folder for the whole session."""
    data_dir = tmp_path_factory.mktemp("porpiang-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PORPIANG_DATA_DIR", str(data_dir))
        patch.delenv("PORPIANG_PASSWORD", raising=False)
        yield data_dir
