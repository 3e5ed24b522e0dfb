"""``porpiang sync run``: log in if asked, sync once, report — for scripted district
syncs.  The profile password comes from ``--password-file``/``PORPIANG_PASSWORD``; the
server password (first login only) from ``--server-password-file`` or
``PORPIANG_SERVER_PASSWORD``; nothing prompts.

When the server tells the profile to take a new device identity (a copied profile:
``sync.new_device_id_required``; a revoked device: ``auth.device_revoked``) and the
command was given ``--username``, it logs in again with the new identity and syncs
once more, so the ops the old identity left pending go out in the same run; without
``--username`` it stops and says to run again with it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.paths import AppPaths
from desktop.services import ServiceError, message
from desktop.services.profiles import ProfileService
from desktop.services.sync import NEW_IDENTITY_CODES, SyncService

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SERVER_PASSWORD_ENV = "PORPIANG_SERVER_PASSWORD"


def _server_password(args: argparse.Namespace) -> str | None:
    if args.server_password_file:
        text = Path(args.server_password_file).read_text(encoding="utf-8")
        return text.splitlines()[0] if text else ""
    return os.environ.get(SERVER_PASSWORD_ENV)


def _say_warning(code: str, params: dict | None = None) -> None:
    print(f"porpiang: {message(code, 'en', **(params or {}))} ({code})", file=sys.stderr)


def _say_refusal(code: str, params: dict | None = None) -> int:
    print(f"porpiang: {message(code, 'en', **(params or {}))} ({code})", file=sys.stderr)
    return EXIT_FAILED


def report_lines(summary: dict) -> list[str]:
    statuses = summary.get("statuses", {})
    lines = [f"sent {summary.get('pushed', 0)} changes: " + ", ".join(
        f"{count} {status}" for status, count in sorted(statuses.items())) if statuses
        else "sent 0 changes"]
    lines += [f"  rejected {r['op_id']}: {message(r['error']['code'], 'en', **r['error'].get('params', {}))}"
              for r in summary.get("rejected", []) if r.get("error")]
    lines += [f"  waiting {op_id}: too large for any request the server takes"
              for op_id in summary.get("too_large", [])]
    lines.append(f"received {summary.get('pulled', 0)} records in {summary.get('pages', 0)} pages")
    lines.append(f"{summary.get('requests', 0)} requests, {summary.get('bytes_sent', 0):,} bytes "
                 f"sent, {summary.get('bytes_received', 0):,} bytes received")
    return lines


def sync_run(args: argparse.Namespace, paths: AppPaths, password: str | None) -> int:
    if not args.profile:
        print("porpiang: sync run needs --profile NAME", file=sys.stderr)
        return EXIT_USAGE
    try:
        workspace = ProfileService(paths.ensure().profiles_dir).unlock(args.profile,
                                                                       password=password)
    except ServiceError as error:
        return _say_refusal(error.issue.code, dict(error.issue.params))
    clock = workspace.clock_warning()  # a clock years behind stamps everything wrong
    if clock is not None:
        print(f"porpiang: warning: {message(clock.code, 'en', **dict(clock.params))} "
              f"({clock.code})", file=sys.stderr)
    try:
        service = SyncService(workspace)
        if args.username:
            if not args.server:
                print("porpiang: logging in needs --server URL", file=sys.stderr)
                return EXIT_USAGE
            user = service.login(args.server, args.username, _server_password(args) or "")
            print(f"logged in as {user['name']} ({user['role']})")
        outcome = service.run()
        if not outcome.ok and outcome.code in NEW_IDENTITY_CODES:
            for line in report_lines(outcome.summary):
                print(line)
            _say_warning(outcome.code, outcome.params)
            if not args.username:
                print("porpiang: this profile now has a new device identity; run again with "
                      "--server and --username to log it in", file=sys.stderr)
                return EXIT_FAILED
            server = args.server or service.server_url
            user = service.login(server, args.username, _server_password(args) or "")
            print(f"logged in again as {user['name']} ({user['role']}) with a new device "
                  f"identity {workspace.replica.device_id}")
            outcome = service.run()
    except ServiceError as error:
        return _say_refusal(error.issue.code, dict(error.issue.params))
    finally:
        workspace.close()
    for line in report_lines(outcome.summary):
        print(line)
    if not outcome.ok:
        return _say_refusal(outcome.code or "sync.failed", outcome.params)
    return EXIT_OK
