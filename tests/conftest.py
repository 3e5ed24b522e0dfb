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


PROFILE_PASSWORD = "correct horse battery"


@pytest.fixture
def encrypted_workspace(tmp_path):
    """An empty password-protected profile of this test's folder, unlocked (a fast key
    derivation: the tests are about what is stored, not the KDF)."""
    from desktop.services.profiles import ProfileService
    from desktop.store.crypto import FAST_KDF

    service = ProfileService(tmp_path / "profiles", kdf=FAST_KDF)
    service.create_profile("field1", PROFILE_PASSWORD)
    opened = service.unlock("field1", password=PROFILE_PASSWORD)
    yield opened
    opened.close()
