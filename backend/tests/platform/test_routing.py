"""The route index (app/routing.py) picks the same route as FastAPI's own scan, for every route
of the table, and leaves 404, 405 and slash redirects as they were."""

import re
import uuid

import httpx
from fastapi import FastAPI
from fastapi.routing import _IncludedRouter, iter_route_contexts
from starlette.routing import Match

from app.routing import _SegmentFilteredRouter

PARAM = re.compile(r"\{([^}:]+)(?::([^}]+))?\}")


def _concrete(path_format: str) -> str:
    return PARAM.sub(lambda m: "7" if m.group(2) == "int" else str(uuid.uuid4()), path_format)


def _first_full(app: FastAPI, scope: dict, filtered: bool) -> int | None:
    for position, route in enumerate(app.router.routes):
        if filtered or not isinstance(route, _IncludedRouter):
            match, _ = route.matches(dict(scope))
        else:
            match, _ = _IncludedRouter.matches(route, dict(scope))
        if match == Match.FULL:
            return position
    return None


def test_every_route_is_found_where_the_full_scan_finds_it(app: FastAPI) -> None:
    indexed = [r for r in app.router.routes if isinstance(r, _SegmentFilteredRouter)]
    assert len(indexed) >= 20  # every domain router
    checked = 0
    for context in iter_route_contexts(app.routes):
        path_format = getattr(context, "path_format", None)
        methods = getattr(context, "methods", None) or set()
        if not path_format:
            continue
        path = _concrete(path_format)
        for method in methods:
            scope = {
                "type": "http",
                "method": method,
                "path": path,
                "root_path": "",
                "headers": [],
                "query_string": b"",
            }
            found = _first_full(app, scope, filtered=True)
            assert found is not None, (method, path_format)
            assert found == _first_full(app, scope, filtered=False), (method, path_format)
            checked += 1
    assert checked >= 150


async def test_unknown_paths_wrong_methods_and_slashes_answer_as_before(
    client: httpx.AsyncClient,
) -> None:
    missing = await client.get("/no-such-place")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    wrong = await client.delete("/services")
    assert wrong.status_code == 405 and wrong.headers["allow"] in {"GET", "POST"}
    slash = await client.get("/services/")
    assert slash.status_code == 307 and slash.headers["location"].endswith("/services")
