"""Attachment bytes on disk: two threads storing the same picture at the same moment
both succeed and leave one whole file (found when a photo dropped twice was lost)."""

from __future__ import annotations

import os
import threading

from desktop.store.files import read_file, write_file

KEY = bytes(range(32))


def test_the_same_bytes_written_by_two_threads_at_once(tmp_path):
    for attempt in range(20):
        data = os.urandom(200_000) + bytes([attempt])
        start, errors, names = threading.Barrier(2), [], []

        def store() -> None:
            start.wait()
            try:
                names.append(write_file(tmp_path, KEY, data))
            except Exception as error:  # noqa: BLE001 - the test reports any failure
                errors.append(error)

        threads = [threading.Thread(target=store) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [] and len(set(names)) == 1
        assert read_file(tmp_path, KEY, names[0]) == data
    assert not [p for p in tmp_path.rglob("*.tmp")]
