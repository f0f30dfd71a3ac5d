"""The hot list endpoints' request handling: query strings validated in one step
(app/querymodel.py) answer and document exactly as FastAPI's own parameters did, and the
catalogue and feed queries are written per shape (app/sqlshape.py) so PostgreSQL keeps one
generic plan per shape instead of planning every page."""

import uuid
from typing import Annotated, Any, Literal

import asyncpg
import httpx
import pytest
from fastapi import Depends, FastAPI, Query

from app.courses import repository as courses
from app.db import _init_connection
from app.errors import install_error_handlers
from app.querymodel import query_model
from app.services import repository as services
from app.services.schemas import ServiceFilters
from app.sqlshape import Where, page_size
from tests.conftest import MakeUser


def _documented(app: FastAPI, path: str) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = app.openapi()["paths"][path]["get"]["parameters"]
    return parameters


def _pair() -> FastAPI:
    """The same filters twice: as FastAPI parameters and as one query model."""
    app = FastAPI()
    install_error_handlers(app)
    service_filters, doc = query_model(ServiceFilters)

    @app.get("/declared")
    async def declared(
        status: Literal["draft", "active", "archived"] = "active",
        teacher_id: uuid.UUID | None = None,
        kind: Literal["reading", "coaching", "session", "package"] | None = None,
        delivery: Literal["online", "in_person"] | None = None,
        min_price: Annotated[int | None, Query(ge=0)] = None,
        max_price: Annotated[int | None, Query(ge=0)] = None,
        q: Annotated[str | None, Query(max_length=100)] = None,
        cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> dict[str, Any]:
        return {"limit": limit, "kind": kind, "teacher_id": teacher_id, "min_price": min_price}

    @app.get("/model", openapi_extra=doc)
    async def model(filters: Annotated[ServiceFilters, Depends(service_filters)]) -> dict[str, Any]:
        return {
            "limit": filters.limit,
            "kind": filters.kind,
            "teacher_id": filters.teacher_id,
            "min_price": filters.min_price,
        }

    return app


def test_a_query_model_is_documented_as_fastapi_documents_its_parameters() -> None:
    app = _pair()
    assert _documented(app, "/model") == _documented(app, "/declared")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "limit=5&kind=reading",
        "limit=0",
        "limit=101",
        "limit=abc",
        "kind=nonsense",
        "teacher_id=not-a-uuid",
        f"teacher_id={uuid.UUID(int=7)}",
        "min_price=-1",
        "min_price=250&limit=3&limit=4",
        "q=" + "x" * 101,
        "unknown=1",
    ],
)
async def test_a_query_model_answers_as_fastapi_parameters_do(query: str) -> None:
    transport = httpx.ASGITransport(app=_pair())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        declared = await client.get(f"/declared?{query}")
        model = await client.get(f"/model?{query}")
    assert (model.status_code, model.json()) == (declared.status_code, declared.json())


def test_where_numbers_the_values_of_the_fragments_it_is_given() -> None:
    where = Where("s.status = 'active'")
    assert where.sql == "(s.status = 'active')" and where.args == []
    where.add("s.teacher_id = {}", "t")
    pattern = where.param("%yoga%")
    where.add(f"s.title ILIKE {pattern} OR s.description ILIKE {pattern}")
    where.add("(s.created_at, s.id) < ({}, {})", "time", "id")
    assert where.sql == (
        "(s.status = 'active') AND (s.teacher_id = $1) AND "
        "(s.title ILIKE $2 OR s.description ILIKE $2) AND ((s.created_at, s.id) < ($3, $4))"
    )
    assert where.args == ["t", "%yoga%", "time", "id"]
    assert Where().sql == "TRUE"


@pytest.mark.parametrize("limit", [0, 101, -1, 2.0, "20", True])
def test_a_page_size_outside_its_bounds_never_reaches_the_query_text(limit: Any) -> None:
    with pytest.raises(ValueError, match="page size"):
        page_size(limit, 100)


async def _plans(conn: asyncpg.Connection, marker: str) -> tuple[int, int]:
    row = await conn.fetchrow(
        """SELECT generic_plans, custom_plans FROM pg_prepared_statements
           WHERE statement LIKE $1 ORDER BY generic_plans DESC LIMIT 1""",
        f"%{marker}%",
    )
    assert row is not None, f"no prepared statement for {marker}"
    return row["generic_plans"], row["custom_plans"]


async def test_catalogue_pages_run_on_one_generic_plan(
    database_url: str, make_user: MakeUser, clean_db: None
) -> None:
    """Ten first pages on one connection: PostgreSQL plans the statement five times (its rule
    before it compares) and then keeps the generic plan, which it only does when that plan is
    no worse than the custom ones; the old text with NULL-or filters and a page-size parameter
    was planned again every time."""
    conn = await asyncpg.connect(database_url)
    try:
        await _init_connection(conn)
        service_query = services.CatalogueQuery(
            status="active", teacher_id=None, kind=None, delivery=None, min_price=None,
            max_price=None, text_pattern=None, after=None, limit=20,
        )  # fmt: skip
        course_query = courses.CatalogueQuery(
            teacher_id=None, level="beginner", free=None, intro=None, pattern=None, after=None,
            limit=20,
        )  # fmt: skip
        for _ in range(10):
            await services.services_page_json(conn, service_query)
            await courses.catalogue_page_json(conn, course_query)
        generic, custom = await _plans(conn, "FROM app.services s JOIN app.profiles")
        assert generic >= 5 and custom <= 5
        generic, custom = await _plans(conn, "c.level = $1")
        assert generic >= 5 and custom <= 5
    finally:
        await conn.close()
