"""The Postman collection covers every operation of the OpenAPI schema, and the committed file
is what scripts/build_postman.py generates (so it cannot drift from the API)."""

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from app.config import Settings
from app.main import create_app

REPO = Path(__file__).resolve().parents[3]
COLLECTION = REPO / "postman" / "wisdom.postman_collection.json"
ENVIRONMENT = REPO / "postman" / "wisdom.postman_environment.json"


def _requests(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        found += _requests(item["item"]) if "item" in item else [item]
    return found


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_postman", REPO / "scripts" / "build_postman.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_collection_covers_every_openapi_operation() -> None:
    spec = create_app(Settings(environment="development")).openapi()
    operations = {f"{m.upper()} {path}" for path, ops in spec["paths"].items() for m in ops}
    requests = _requests(json.loads(COLLECTION.read_text())["item"])
    named = [r["name"].split(" · ")[0] for r in requests]
    assert set(named) == operations, {
        "missing": sorted(operations - set(named)),
        "unknown": sorted(set(named) - operations),
    }
    for request in requests:
        method, path = request["name"].split(" · ")[0].split(" ", 1)
        assert request["request"]["method"] == method
        # The URL is the operation's path with each {param} filled by a variable or a value.
        pattern = re.sub(r"\\\{[a-z_]+\\\}", r"[^/]+", re.escape(path)) + r"(\?.*)?$"
        assert re.match(r"\{\{baseUrl\}\}" + pattern, request["request"]["url"]["raw"]), request[
            "name"
        ]
        # Every request tests its status; a test script exists for each one.
        (test,) = [e for e in request["event"] if e["listen"] == "test"]
        assert any("pm.response.code" in line for line in test["script"]["exec"])


def test_the_committed_collection_is_the_generated_one() -> None:
    builder = _builder()
    assert COLLECTION.read_text() == builder.render(builder.build_collection())
    assert ENVIRONMENT.read_text() == builder.render(builder.build_environment())
    env = {v["key"] for v in json.loads(ENVIRONMENT.read_text())["values"]}
    assert {"baseUrl", "adminEmail", "adminPassword", "password"} <= env
