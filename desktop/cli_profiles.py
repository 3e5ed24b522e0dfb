"""``porpiang profile create|list`` and ``porpiang demo create``: profiles from scripts.

Passwords come from ``--password-file`` or ``PORPIANG_PASSWORD``, never a prompt.
The recovery key of a new profile is printed once, on standard output.
"""

from __future__ import annotations

import argparse
import sys
import time

from desktop.paths import AppPaths
from desktop.services import ServiceError, message
from desktop.services.demo import fill_demo
from desktop.services.profiles import DEMO_PROFILE, ProfileService

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _service(paths: AppPaths) -> ProfileService:
    return ProfileService(paths.ensure().profiles_dir)


def _refused(error: ServiceError) -> int:
    issue = error.issue
    print(f"porpiang: {message(issue.code, 'en', **issue.params)} ({issue.code})",
          file=sys.stderr)
    return EXIT_FAILED


def profile_create(args: argparse.Namespace, paths: AppPaths, password: str | None) -> int:
    if not args.profile:
        print("porpiang: profile create needs --profile NAME", file=sys.stderr)
        return EXIT_USAGE
    try:
        created = _service(paths).create_profile(args.profile, password or "",
                                                 display_name=args.display_name)
    except ServiceError as error:
        return _refused(error)
    print(f"created profile {created.profile.name}")
    print(f"recovery key (write it down; it is shown only once): {created.recovery_key}")
    return EXIT_OK


def profile_list(args: argparse.Namespace, paths: AppPaths, password: str | None) -> int:
    for profile in _service(paths).list_profiles():
        marker = " (demo)" if profile.demo else ""
        print(f"{profile.name}\t{profile.display_name}{marker}\t{profile.created_at}")
    return EXIT_OK


def demo_create(args: argparse.Namespace, paths: AppPaths, password: str | None) -> int:
    """Fill the demo profile (made without a password), or any profile given."""
    service = _service(paths)
    name = args.profile or DEMO_PROFILE
    try:
        if name == DEMO_PROFILE and name not in {p.name for p in service.list_profiles()}:
            service.create_demo_profile()
        workspace = service.unlock(name, password=password)
    except ServiceError as error:
        return _refused(error)
    started = time.perf_counter()
    try:
        added = fill_demo(workspace, households=args.households)
    finally:
        workspace.close()
    print(f"profile {name}: added {added} demo households in "
          f"{time.perf_counter() - started:.1f} s")
    return EXIT_OK
