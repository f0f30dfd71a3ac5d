"""A comparable picture of schema `app` in the catalog: what exists, its definition and its oid
(an object dropped and created again gets a new oid, so 'unchanged' means really unchanged)."""

import asyncpg

CATALOG_QUERIES = {
    "relations": """
        SELECT c.relname, c.relkind::text, c.oid::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'app' ORDER BY 1""",
    "columns": """
        SELECT table_name, column_name, data_type, column_default, is_nullable
        FROM information_schema.columns WHERE table_schema = 'app' ORDER BY 1, 2""",
    "constraints": """
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(c.oid), c.oid::bigint
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'app' ORDER BY 1, 2""",
    "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'app' ORDER BY 1",
    "triggers": """
        SELECT tgname, pg_get_triggerdef(t.oid), t.oid::bigint FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'app' AND NOT t.tgisinternal ORDER BY 1""",
    "functions": """
        SELECT p.proname, md5(p.prosrc), p.oid::bigint FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'app' ORDER BY 1""",
    "views": "SELECT viewname, definition FROM pg_views WHERE schemaname = 'app' ORDER BY 1",
    "public": """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' ORDER BY 1""",
}


async def catalog_snapshot(conn: asyncpg.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        name: [tuple(r) for r in await conn.fetch(sql)] for name, sql in CATALOG_QUERIES.items()
    }
