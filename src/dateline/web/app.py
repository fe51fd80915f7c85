"""The local web UI and JSON API over a store, opened read-only (``dateline serve``).

``create_app(db)`` returns a FastAPI app; pages are in ``dateline.web.views`` (one module per
page), each with a JSON twin at the same path plus ``.json``. Errors have one shape (see
``dateline.web.errors``). Request bodies larger than ``stories.max_request_bytes`` get 413.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from dateline._deps import require
from dateline.config import RunConfig, load_config
from dateline.store import open_store

__all__ = ["create_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, in the error shape."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _reject(self, scope: Scope, send: Send) -> None:
        from dateline.web.errors import error_body

        body = error_body(413, f"request body larger than {self.limit} bytes")
        data = json.dumps(body).encode()
        await send(
            {"type": "http.response.start", "status": 413,
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]}
        )  # fmt: skip
        await send({"type": "http.response.body", "body": data})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = True
                if too_big:
                    await self._reject(scope, send)
                    return
        # Read the body up front (at most `limit` bytes), then replay it to the app.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)
                return
            body = message.get("body", b"")
            seen += len(body)
            if seen > self.limit:
                await self._reject(scope, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
        await self.app(scope, _replay(replay, receive), send)


def _replay(messages: list[Message], then: Receive | None = None) -> Receive:
    queue = list(messages)

    async def receive() -> Message:
        if queue:
            return queue.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive


def create_app(db: str | Path, *, config: RunConfig | None = None) -> Any:
    """Build the web app over the store at ``db`` (opened read-only; raises ``StoreError`` if missing).

    Args:
        db: the DuckDB store file.
        config: the run configuration (``stories`` for paging and limits, ``dating`` for checks).

    Returns:
        A FastAPI application; serve it with uvicorn.
    """
    fastapi = require("fastapi", extra="web", feature="dateline serve")
    from fastapi.responses import Response

    from dateline.web.charts import vega_bundle
    from dateline.web.errors import install_error_handlers
    from dateline.web.render import static_text
    from dateline.web.views import article, check, home, stories, story

    run_config = config or load_config()
    store = open_store(db, read_only=True)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        yield
        store.close()

    app = fastapi.FastAPI(
        title="dateline", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.store = store
    app.state.config = run_config.stories
    app.state.run_config = run_config
    install_error_handlers(app)

    @app.get("/static/dateline.js")  # type: ignore[untyped-decorator]
    def _app_js() -> Any:
        return Response(static_text("dateline.js"), media_type="text/javascript")

    @app.get("/static/vega.js")  # type: ignore[untyped-decorator]
    def _vega_js() -> Any:
        return Response(
            vega_bundle(), media_type="text/javascript", headers={"cache-control": "max-age=3600"}
        )

    for module in (home, stories, story, article, check):
        app.include_router(module.router)

    @app.middleware("http")  # type: ignore[untyped-decorator]
    async def _headers(request: Any, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["content-security-policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; frame-ancestors 'none'"
        )
        return response

    app.add_middleware(BodyLimit, limit=run_config.stories.max_request_bytes)
    return app
