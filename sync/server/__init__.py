"""The central sync server: the replica of record (FastAPI on SQLModel).

- ``app`` — ``create_app(settings)``; ``api/`` the routes; ``errors`` coded answers;
  ``middleware`` the protocol header, the access log and the body limit; ``logs``.
- ``settings`` — data folder and database URL; ``db`` — engines and sessions (SQLite
  ``BEGIN IMMEDIATE``); ``models`` — the tables; ``migrate`` and ``migrations/`` — Alembic.
- ``accounts``, ``devices``, ``passwords``, ``auth`` — users, device keys, tokens, login
  and lockout; ``scopes`` — who may see and change what, from areas and stored rows.
- ``storage`` — ``store_record``: validated, scoped, counted writes with row history.
- ``meta`` — epoch and server key; ``backup`` — snapshots and restore.
- ``cli`` and ``cli_commands`` — ``porpiang-server``.

Imports nothing of ``desktop`` or ``sync.client``, and no Qt.  See docs/server.md.
"""
