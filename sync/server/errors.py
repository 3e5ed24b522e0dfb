"""Coded errors on the wire: ``{"error": {"code", "message", "field"}}``.

Every refusal is an :class:`ApiError` (or a contract's ``ContractError``, or one of
FastAPI's and Starlette's own) turned into that shape, with the message from the
catalogue of :mod:`sync.records.errors` in the language of ``Accept-Language``
(Thai unless English comes first).  Bad input is always a 4xx; a database that
stays locked is ``503 server.busy``; anything else unexpected is ``500 server.error``
(and logged), never a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.records.errors import ContractError, message
from sync.records.schema import PROTOCOL_VERSION

log = logging.getLogger("porpiang.server")

PROTOCOL_HEADER = {"X-Protocol": str(PROTOCOL_VERSION)}
LANGUAGES = ("th", "en")


class ApiError(Exception):
    """A refusal with an HTTP status, a catalogue code and the field it concerns."""

    def __init__(self, status: int, code: str, field: str | None = None, /, *,
                 headers: dict[str, str] | None = None, **params: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.field = status, code, field
        self.headers, self.params = headers or {}, params


def language(accept_language: str | None) -> str:
    """``th`` or ``en``: the first of them in ``Accept-Language`` by weight; ``th`` by default."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        primary = tag.split("-")[0].strip().lower()
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            quality = 0.0
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "th"


SCALARS = (str, int, float, bool, type(None))  # error params that travel (JSON scalars)


def error_response(request: Request, status: int, code: str, field: str | None = None, /,
                   *, headers: dict[str, str] | None = None, **params: Any) -> JSONResponse:
    lang = language(request.headers.get("accept-language"))
    params.setdefault("field", field or "")
    body = {"error": {"code": code, "message": message(code, lang, **params), "field": field,
                      "params": {key: value for key, value in params.items()
                                 if key != "field" and isinstance(value, SCALARS)}}}
    return JSONResponse(body, status_code=status, headers={**PROTOCOL_HEADER, **(headers or {})})


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """The first problem pydantic found, as a coded error naming the field."""
    first = exc.errors()[0] if exc.errors() else {"type": "", "loc": ("body",)}
    kind, field, ctx = first.get("type", ""), _field_path(tuple(first.get("loc", ()))), \
        first.get("ctx") or {}
    if kind == "json_invalid":
        return error_response(request, 400, "request.malformed_json")
    if kind == "model_attributes_type" and isinstance(first.get("input"), bytes):
        return error_response(request, 415, "request.not_json")
    if kind == "missing":
        return error_response(request, 422, "request.missing_field", field)
    if kind == "extra_forbidden":
        return error_response(request, 422, "request.unknown_field", field)
    if kind in ("string_too_short", "too_short"):
        minimum = ctx.get("min_length", "")
        return error_response(request, 422, "request.too_short", field, min=minimum)
    if kind in ("string_too_long", "too_long"):
        maximum = ctx.get("max_length", "")
        return error_response(request, 422, "request.too_long", field, max=maximum)
    return error_response(request, 422, "request.invalid_value", field)


def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 404:
        return error_response(request, 404, "request.not_found")
    if exc.status_code == 405:
        return error_response(request, 405, "request.method_not_allowed",
                              headers=dict(exc.headers or {}), method=request.method)
    if exc.status_code == 400:  # FastAPI could not read the body (bad bytes, bad UTF-8)
        return error_response(request, 400, "request.malformed_json")
    if exc.status_code == 413:
        return error_response(request, 413, "request.too_large", max="?")
    if exc.status_code < 500:  # e.g. a body FastAPI could not read
        return error_response(request, exc.status_code, "request.invalid_value", "body")
    return unexpected_error(request, exc)


def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path,
              exc_info=(type(exc), exc, exc.__traceback__))
    return error_response(request, 500, "server.error")


def data_error(request: Request, exc: DataError) -> JSONResponse:
    """A value the database refused that validation let through: still bad input."""
    log.warning("database refused a value on %s %s", request.method, request.url.path)
    return error_response(request, 422, "request.invalid_value")


def busy_error(request: Request, exc: OperationalError) -> JSONResponse:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path,
                exc.orig.__class__.__name__ if exc.orig else exc)
    return error_response(request, 503, "server.busy", headers={"Retry-After": "5"})


def install_error_handlers(app: FastAPI) -> None:
    def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(request, exc.status, exc.code, exc.field,
                              headers=exc.headers, **exc.params)

    def contract_error(request: Request, exc: ContractError) -> JSONResponse:
        issue = exc.issue
        return error_response(request, 422, issue.code, issue.field, **dict(issue.params))

    app.add_exception_handler(ApiError, api_error)  # type: ignore[arg-type]
    app.add_exception_handler(ContractError, contract_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, busy_error)  # type: ignore[arg-type]
    app.add_exception_handler(DataError, data_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, unexpected_error)
