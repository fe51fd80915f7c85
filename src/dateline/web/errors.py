"""The one error shape of the web UI and its JSON API, and the handlers that enforce it.

``{"ok": false, "error": str, "errors": [...], "status": int}`` for JSON routes (``*.json`` and
``/api/*``), and an HTML page with the same message for the others. Never a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.errors import DatelineError
from dateline.web.render import ServerLinks, environment

__all__ = ["ApiError", "error_body", "install_error_handlers", "wants_json"]

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error a view answers with: HTTP ``status``, a message, and optional details."""

    def __init__(self, status: int, error: str, errors: list[Any] | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = errors or []


def error_body(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The error shape."""
    return {"ok": False, "error": error, "errors": list(errors or []), "status": status}


def wants_json(request: Request) -> bool:
    """JSON twins and the API answer JSON; HTML pages answer HTML."""
    path = request.url.path
    return path.endswith(".json") or path.startswith("/api/")


def respond_error(request: Request, status: int, error: str, errors: list[Any] | None = None) -> Any:
    body = error_body(status, error, errors)
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    html = (
        environment().get_template("error.html").render(err=body, link=ServerLinks(), title=f"Error {status}")
    )
    return HTMLResponse(html, status_code=status)


def _clean_validation(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation details without the submitted input (which may be large or hostile)."""
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in errors]  # fmt: skip


def install_error_handlers(app: FastAPI) -> None:
    """Route every failure through the error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Any:
        return respond_error(request, exc.status, exc.error, exc.errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Any:
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        return respond_error(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Any:
        return respond_error(request, 422, "the request is not valid", _clean_validation(list(exc.errors())))

    @app.exception_handler(DatelineError)
    async def _dateline_error(request: Request, exc: DatelineError) -> Any:
        log.warning("request %s failed: %s", request.url.path, exc)
        return respond_error(request, 500, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Any:
        log.exception("unexpected error on %s", request.url.path)
        return respond_error(request, 500, "internal error; see the server log")
