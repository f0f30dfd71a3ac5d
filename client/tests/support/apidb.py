"""Create or drop the client tests' database. Runs with the backend's Python (asyncpg and the
backend's helpers live there): python apidb.py create|drop SERVER_URL DATABASE."""

import asyncio
import sys

import asyncpg
from app.pgserver import ensure_database, with_database


async def drop(server_url: str, database: str) -> None:
    conn = await asyncpg.connect(with_database(server_url, "postgres"))
    try:
        quoted = await conn.fetchval("SELECT quote_ident($1)", database)
        await conn.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
    finally:
        await conn.close()


def main(argv: list[str]) -> int:
    command, server_url, database = argv
    if command == "create":
        asyncio.run(ensure_database(server_url, database))
    elif command == "drop":
        asyncio.run(drop(server_url, database))
    else:
        return 2
    print(with_database(server_url, database))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
