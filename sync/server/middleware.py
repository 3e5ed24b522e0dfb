"""ASGI middleware: the protocol header, the access log, the request body limit.

``AccessLogMiddleware`` (outermost) adds ``X-Protocol`` to every response and logs one
line per request.  ``BodyLimitMiddleware`` reads the body before the app does:
more than ``max_bytes`` (declared or sent, after gzip decoding when the request is
``Content-Encoding: gzip``) is answered ``413 request.too_large`` without the app
ever seeing it.
"""

from __future__ import annotations

import logging
import time
import zlib
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.errors import PROTOCOL_HEADER, error_response
from sync.server.logs import ACCESS_LOGGER

access_log = logging.getLogger(ACCESS_LOGGER)


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        started, status = time.perf_counter(), 500

        async def send_with_header(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                for name, value in PROTOCOL_HEADER.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_header)
        finally:
            access_log.info({
                "event": "request", "method": scope["method"], "path": scope["path"],
                "status": status, "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": state.get("user_id"),
            })


class BodyTooLarge(Exception):
    pass


class BadEncoding(Exception):
    pass


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _is_gzip(scope: Scope) -> bool:
    return any(n == b"content-encoding" and v.strip().lower() == b"gzip"
               for n, v in scope["headers"])


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read_body(scope, receive)
        except BodyTooLarge:
            response = error_response(Request(scope), 413, "request.too_large", max=self.max_bytes)
            await response(scope, receive, send)
            return
        except BadEncoding:
            response = error_response(Request(scope), 400, "request.invalid_value", "body")
            await response(scope, receive, send)
            return
        if _is_gzip(scope):
            scope = self._decoded_scope(scope, len(body))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            raise BodyTooLarge
        chunks, total, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                raise BodyTooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        return self._gunzip(body) if _is_gzip(scope) and body else body

    def _gunzip(self, body: bytes) -> bytes:
        inflater = zlib.decompressobj(wbits=31)
        try:
            plain = inflater.decompress(body, self.max_bytes + 1)
        except zlib.error as exc:
            raise BadEncoding from exc
        if len(plain) > self.max_bytes or inflater.unconsumed_tail:
            raise BodyTooLarge
        if not inflater.eof:
            raise BadEncoding
        return plain

    @staticmethod
    def _decoded_scope(scope: Scope, length: int) -> Scope:
        headers = [(n, v) for n, v in scope["headers"]
                   if n not in (b"content-encoding", b"content-length")]
        return {**scope, "headers": [*headers, (b"content-length", str(length).encode())]}
