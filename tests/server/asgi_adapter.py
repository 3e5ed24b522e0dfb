"""A ``requests`` adapter that hands each request to FastAPI's TestClient.

The sync client's real transport (``sync.client.transport.Transport``) then talks to
the app in-process — the same code path as over a socket, without one.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from requests import PreparedRequest, Response
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict


class AppAdapter(BaseAdapter):
    def __init__(self, client: TestClient) -> None:
        super().__init__()
        self.client = client

    def send(self, request: PreparedRequest, **kwargs) -> Response:  # noqa: ARG002
        answer = self.client.request(request.method or "POST", request.url or "",
                                     content=request.body,
                                     headers=dict(request.headers))
        response = Response()
        response.status_code = answer.status_code
        response.headers = CaseInsensitiveDict(answer.headers)
        response._content = answer.content  # already decoded from gzip by the client
        response.headers.pop("Content-Encoding", None)
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass
