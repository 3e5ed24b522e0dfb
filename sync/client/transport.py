"""The HTTP transport of the sync client (``requests``), with nothing of Qt.

- JSON bodies, gzip-compressed when large; answers may be gzip-encoded.
- Timeouts on every call; retries with exponential back-off on connection errors,
  timeouts, 429 and 5xx — safe because every sync call is idempotent (a repeated
  push returns the original results with ``duplicate: true``).
- Errors come back as :class:`TransportError` with the server's code and field.
- A pluggable ``requests`` adapter: tests mount one that injects faults, or one that
  routes to FastAPI's TestClient, and the same code runs.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from dataclasses import dataclass
from typing import Any, Callable

import requests
from requests.adapters import BaseAdapter

PROTOCOL = 1
GZIP_OVER = 1024  # bytes of JSON above which a request body is compressed
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class TransportError(Exception):
    """A refusal (4xx with a coded error) or a failure that retries did not cure."""

    def __init__(self, code: str, message: str = "", *, status: int | None = None,
                 field: str | None = None, params: dict[str, Any] | None = None) -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code, self.message, self.status, self.field = code, message, status, field
        self.params: dict[str, Any] = dict(params or {})  # for the client's own message

    @property
    def retryable(self) -> bool:
        return self.status is None or self.status in RETRY_STATUSES


@dataclass
class Counters:
    """Bytes and requests on the wire, for reports and benchmarks."""

    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    retries: int = 0


class Transport:
    def __init__(self, server: str, *, token: str | None = None,
                 adapter: BaseAdapter | None = None, timeout: float = 30.0,
                 retries: int = 4, backoff: float = 0.5, language: str = "th",
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.server = server.rstrip("/")
        self.base = self.server + "/api/v1"
        self.token = token
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.sleep = sleep
        self.counters = Counters()
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json",
                                     "Accept-Encoding": "gzip",
                                     "Accept-Language": language})
        if adapter is not None:
            self.session.mount("http://", adapter)
            self.session.mount("https://", adapter)

    def reachable(self, timeout: float = 3.0) -> bool:
        """Whether the server answers ``GET /health`` now (one try: a probe, not a call)."""
        try:
            return self.session.get(self.server + "/health", timeout=timeout).ok
        except requests.RequestException:
            return False

    # -- the protocol's calls ---------------------------------------------------------
    def login(self, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.post("/auth/login", body)
        self.token = answer["token"]
        return answer

    def hello(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.post("/sync/hello", body)

    def push(self, ops: list[dict[str, Any]]) -> dict[str, Any]:
        return self.post("/sync/push", {"ops": ops})

    def pull(self, checkpoints: dict[str, int], limit: int) -> dict[str, Any]:
        return self.post("/sync/pull", {"checkpoints": checkpoints, "limit": limit})

    # -- attachment bytes (PROTOCOL.md "Attachment bytes") ----------------------------
    def blobs_missing(self, hashes: list[str]) -> dict[str, Any]:
        """Which of ``hashes`` the server lacks (``missing``, ``offsets``), which no
        attachment the user may use names (``unknown``), and its file limits."""
        return self.post("/blobs/missing", {"hashes": hashes})

    def upload_chunk(self, sha256: str, offset: int, length: int,
                     chunk: bytes) -> dict[str, Any]:
        """Bytes ``[offset, offset + len(chunk))`` of the file ``sha256`` of ``length``
        bytes; the answer says the offset the server reached and ``complete``.  A
        retry after a lost answer gets ``409 blob.offset_mismatch`` naming the offset
        the server holds (the caller goes on from there)."""
        headers = {"Content-Type": "application/octet-stream",
                   "Upload-Offset": str(offset), "Upload-Length": str(length)}
        return self._retrying(lambda: self._send(f"/blobs/{sha256}", chunk, headers,
                                                 method="PATCH"), headers)

    def download_range(self, sha256: str, start: int, end: int) -> tuple[bytes, int]:
        """Bytes ``start..end`` (inclusive) of the file ``sha256``, and the file's size."""
        headers = {"Range": f"bytes={start}-{end}", "Accept-Encoding": "identity",
                   "Accept": "application/octet-stream, application/json"}
        return self._retrying(lambda: self._get_bytes(f"/blobs/{sha256}", headers), headers)

    # -- the mechanics ----------------------------------------------------------------
    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if len(data) > GZIP_OVER:
            data = gzip.compress(data, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        return self._retrying(lambda: self._send(path, data, headers), headers)

    def _retrying(self, call: Callable[[], Any], headers: dict[str, str]) -> Any:
        """``call`` again after retryable failures, with exponential back-off."""
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        attempt = 0
        while True:
            try:
                return call()
            except TransportError as error:
                if not error.retryable or attempt >= self.retries:
                    raise
            attempt += 1
            self.counters.retries += 1
            self.sleep(self.backoff * (2 ** (attempt - 1)) * (0.5 + random.random()))

    def _send(self, path: str, data: bytes, headers: dict[str, str], *,
              method: str = "POST") -> dict[str, Any]:
        self.counters.requests += 1
        self.counters.bytes_sent += len(data)
        try:
            response = self.session.request(method, self.base + path, data=data,
                                            headers=headers, timeout=self.timeout,
                                            stream=True)
            raw, encoded = _wire_bytes(response)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise TransportError("network.unreachable", str(exc)) from exc
        except requests.RequestException as exc:
            raise TransportError("network.failed", str(exc)) from exc
        self.counters.bytes_received += len(raw)
        return _answer(response, raw, encoded)

    def _get_bytes(self, path: str, headers: dict[str, str]) -> tuple[bytes, int]:
        """A ``GET`` answered with bytes (an error answer is coded JSON, as always), and
        the size of the whole (from ``Content-Range``)."""
        self.counters.requests += 1
        try:
            response = self.session.get(self.base + path, headers=headers,
                                        timeout=self.timeout)
            content = response.content or b""
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise TransportError("network.unreachable", str(exc)) from exc
        except requests.RequestException as exc:
            raise TransportError("network.failed", str(exc)) from exc
        self.counters.bytes_received += len(content)
        if response.status_code >= 400:
            _answer(response, content, False)  # raises the coded error
        if response.status_code == 200:
            return content, len(content)
        total = response.headers.get("Content-Range", "").rpartition("/")[2]
        if response.status_code != 206 or not total.isdigit():
            raise TransportError("network.bad_answer", f"status {response.status_code}")
        return content, int(total)


def _wire_bytes(response: requests.Response) -> tuple[bytes, bool]:
    """The body as it came over the wire (still gzip-encoded when it was), if the
    adapter gives access to it; else the decoded content."""
    try:
        return response.raw.read(decode_content=False) or b"", True
    except (AttributeError, TypeError):
        return response.content or b"", False


def _answer(response: requests.Response, raw: bytes, encoded: bool) -> dict[str, Any]:
    try:
        if encoded and response.headers.get("Content-Encoding", "").lower() == "gzip":
            raw = gzip.decompress(raw)
        body = json.loads(raw.decode("utf-8")) if raw else {}
    except (OSError, ValueError) as exc:
        raise TransportError("network.bad_answer", str(exc), status=None) from exc
    if not raw and response.status_code < 400 and response.status_code != 204:
        # every answer of the protocol is a JSON object: none at all is a cut answer
        raise TransportError("network.bad_answer", "empty answer", status=None)
    if response.status_code >= 400:
        error = body.get("error") if isinstance(body, dict) else None
        error = error if isinstance(error, dict) else {}
        params = error.get("params")
        raise TransportError(error.get("code") or f"http.{response.status_code}",
                             error.get("message", ""), status=response.status_code,
                             field=error.get("field"),
                             params=params if isinstance(params, dict) else None)
    if not isinstance(body, dict):
        raise TransportError("network.bad_answer", "not a JSON object")
    return body
