"""Errors as RFC 9457 problem documents, never tracebacks.

API callers get `application/problem+json`; a person browsing a page gets the same facts in a
small HTML page. Unexpected exceptions are logged on the server and reported as a bare 500.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from eventwire.errors import EventwireError

log = logging.getLogger("eventwire.web")
PROBLEM = "application/problem+json"


def problem(request: Request, status: int, detail: str, **extra: object) -> Response:
    title = HTTPStatus(status).phrase
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"problem": body}, status_code=status
        )
    return JSONResponse(
        body,
        status_code=status,
        media_type=PROBLEM,
        headers=getattr(request.state, "problem_headers", None),
    )


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path.startswith("/static") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.headers:
            request.state.problem_headers = exc.headers
        return problem(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e['where']}: {e['problem']}" for e in errors) or "invalid request"
        return problem(request, 422, detail, errors=errors)

    @app.exception_handler(EventwireError)
    async def user_error(request: Request, exc: EventwireError) -> Response:
        return problem(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return problem(request, 500, "internal error; the server log has the details")
