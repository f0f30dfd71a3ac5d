"""Route lookup that skips the domains a path cannot belong to.

FastAPI (0.165) matches a request by asking every included router in turn, and each of them
asks every one of its routes: a request for /services visited the ~170 routes of the domains
included before it (a fifth of the CPU of GET /services in a profile). Every domain's routes
start with a few literal first segments (/services, /orders, /me, ...), so each included
router is given the set of its first segments and answers "no match" at once for any other
path. Order and matching rules are FastAPI's own: a router is only ever skipped when none of
its routes could match, so the route chosen, 405s and slash redirects are unchanged.
"""

from fastapi import FastAPI
from fastapi.routing import _IncludedRouter
from starlette.routing import Match, get_route_path
from starlette.types import Scope


def _first_segment(path: str) -> str:
    return path[1:].split("/", 1)[0]


class _SegmentFilteredRouter(_IncludedRouter):
    """An included router that knows the first path segments of its routes (None: it has a
    route whose first segment is a parameter, so it is always asked)."""

    first_segments: frozenset[str] | None = None

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if (
            self.first_segments is not None
            and _first_segment(get_route_path(scope)) not in self.first_segments
        ):
            return Match.NONE, {}
        return super().matches(scope)


def _segments_of(included: _IncludedRouter) -> frozenset[str] | None:
    segments = set()
    for context in included.effective_route_contexts():
        path = context.path_format or context.path
        segment = _first_segment(path)
        if not path.startswith("/") or "{" in segment:
            return None
        segments.add(segment)
    return frozenset(segments)


def index_routes(app: FastAPI) -> None:
    """Call once every router is included (create_app's last step)."""
    routes = app.router.routes
    for position, route in enumerate(routes):
        if type(route) is not _IncludedRouter:
            continue
        indexed = _SegmentFilteredRouter(
            original_router=route.original_router, include_context=route.include_context
        )
        indexed.first_segments = _segments_of(route)
        routes[position] = indexed
    app.router._mark_routes_changed()
