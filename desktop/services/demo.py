"""The demo area: realistic, clearly fake households of one real tambon.

``porpiang --demo`` opens the demo profile (no password, never syncs) and fills it
when it is empty; ``porpiang demo create --households N [--profile NAME]`` adds
households to the demo profile or to any profile (tests and benchmarks).
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from desktop.services.profiles import DEMO_PROFILE, ProfileService
from desktop.services.workspace import Workspace
from desktop.store.bulk import load_households, load_records
from desktop.store.demo_data import demo_households, demo_villages
from desktop.store.rows import read_setting, write_setting
from sync.records.record import Record

DEMO_TAMBON = "800101"  # ในเมือง, เมืองนครศรีธรรมราช
DEMO_HOUSEHOLDS = 500
BATCH = 2_000


def fill_demo(workspace: Workspace, *, households: int, tambon: str = DEMO_TAMBON) -> int:
    """Add ``households`` demo households (and the tambon's villages, once)."""
    writer = workspace.database.writer
    with writer.begin() as connection:
        seed = int(read_setting(connection, "demo_seed", 0) or 0) + 1
        first_fill = seed == 1
        write_setting(connection, "demo_seed", seed)
        write_setting(connection, "demo_data", True)  # bulk rows have no ops: never sync
    if first_fill:
        load_records(writer, (Record("village", vid, tambon, fields)
                              for vid, fields in demo_villages(tambon)))
    generated = demo_households(households, tambon=tambon, seed=seed)
    added = 0
    while True:
        batch = [[Record(t, rid, tambon, fields) for t, rid, fields in house.records()]
                 for house in islice(generated, BATCH)]
        if not batch:
            return added
        added += load_households(writer, batch)


def open_demo_workspace(profiles_dir: Path, *, households: int = DEMO_HOUSEHOLDS) -> Workspace:
    """The demo profile, created and filled when missing or empty."""
    service = ProfileService(profiles_dir)
    if DEMO_PROFILE not in {p.name for p in service.list_profiles()}:
        service.create_demo_profile()
    workspace = service.unlock(DEMO_PROFILE)
    if workspace.count_households() == 0:
        fill_demo(workspace, households=households)
    return workspace
