"""Hostile values for every parameter and body field of the OpenAPI document (tests/fuzz).

Each operation gets a base request that is as valid as the document allows (real objects of the
seeded database in its path, the smallest valid body), and then one request per field and
hostile value: that field alone set to a NUL-bearing string, a number beyond PostgreSQL's
integer, bigint or numeric range, a date at year 1 or 9999 with an offset that pushes it past
the calendar, or text that is only whitespace. The server must answer each with a 4xx.
"""

import copy
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote

NUL_STRINGS = ("\x00", "fuzz\x00value")
WHITESPACE = ("   ", "\t\n \u00a0")
INTEGERS = (2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 10**40)
NUMBERS = (1e308, -1e308, 10**40)
DATETIMES = (
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00-14:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T23:59:59.999999Z",
)
DATES = ("0001-01-01", "9999-12-31")
# Free text that code might read as a number, a date or an id (cursors, months, codes).
TEXT_LOOKALIKES = ("9" * 40, "-" + "9" * 40, DATETIMES[3], "0001-01")

# A 1x1 PNG, the base file of multipart uploads.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class Request:
    method: str
    path: str  # with the path parameters filled in and quoted
    query: dict[str, str] = field(default_factory=dict)
    json: Any = None
    form: dict[str, str] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    what: str = ""  # the field and value this request sets, for the report

    def curl(self, base_url: str) -> str:
        query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in self.query.items())
        url = base_url + self.path + (f"?{query}" if query else "")
        parts = [f"curl -X {self.method} '{url}'"]
        if self.json is not None:
            parts.append(f"-H 'Content-Type: application/json' -d '{_json_text(self.json)}'")
        for name, value in (self.form or {}).items():
            parts.append(f"-F {name}={value!r}")
        for name, (filename, _, mime) in (self.files or {}).items():
            parts.append(f"-F '{name}=@file;filename={filename!r};type={mime}'")
        return " ".join(parts)


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True)


class Document:
    """The OpenAPI document, with $ref resolution and a valid sample for a schema."""

    def __init__(self, spec: dict[str, Any], ids: dict[str, str]) -> None:
        self.spec = spec
        self.ids = ids  # path/query parameter or field name -> an id of a real object

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.spec["components"]["schemas"][name]
        return schema

    def variants(self, schema: dict[str, Any]) -> list[dict[str, Any]]:
        """The non-null alternatives of a schema (anyOf/oneOf), resolved."""
        schema = self.resolve(schema)
        options = schema.get("anyOf") or schema.get("oneOf")
        if options:
            found = []
            for option in options:
                found.extend(self.variants(option))
            return found
        if schema.get("type") == "null":
            return []
        return [schema]

    def sample(self, schema: dict[str, Any], name: str = "") -> Any:
        """A value the schema accepts (the smallest sensible one)."""
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return schema["enum"][0]
        if schema.get("default") is not None:
            return schema["default"]
        variants = self.variants(schema)
        if not variants:
            return None
        schema = variants[0]
        if "allOf" in schema:
            return self.sample(schema["allOf"][0], name)
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            required = set(schema.get("required", ()))
            return {
                key: self.sample(sub, key)
                for key, sub in schema.get("properties", {}).items()
                if key in required
            }
        if kind == "array":
            return [self.sample(schema.get("items", {}), name)] * schema.get("minItems", 0)
        if kind == "integer" or kind == "number":
            return _number_in(schema)
        if kind == "boolean":
            return False
        return self._sample_text(schema, name)

    def _sample_text(self, schema: dict[str, Any], name: str) -> str:
        fmt, pattern = schema.get("format"), schema.get("pattern", "")
        if fmt == "uuid":
            return self.ids.get(name, str(uuid.UUID(int=1)))
        if fmt == "date-time":
            return (datetime.now(UTC) + timedelta(days=14)).replace(microsecond=0).isoformat()
        if fmt == "date":
            return (date.today() + timedelta(days=14)).isoformat()
        if fmt == "email" or "@" in pattern:
            return "fuzz@example.se"
        if "[0-5][0-9]" in pattern:
            return "10:00"
        if r"\d{4}-\d{2}" in pattern:
            return f"{date.today():%Y-%m}"
        if name in self.ids:
            return self.ids[name]
        text = "Fuzz value for " + (name or "text")
        low, high = schema.get("minLength", 0), schema.get("maxLength", len(text))
        return (text * (1 + low // len(text)))[: max(low, min(high, len(text)))]


def _number_in(schema: dict[str, Any]) -> int:
    value = 1
    if "minimum" in schema:
        value = max(value, int(schema["minimum"]))
    if "exclusiveMinimum" in schema:
        value = max(value, int(schema["exclusiveMinimum"]) + 1)
    if "maximum" in schema:
        value = min(value, int(schema["maximum"]))
    return value


def hostile_values(doc: Document, schema: dict[str, Any], *, in_url: bool) -> list[Any]:
    """What to send in one field: NUL always, and what its type invites."""
    values: list[Any] = list(NUL_STRINGS)
    variants = doc.variants(schema)
    kinds = {v.get("type") for v in variants}
    formats = {v.get("format") for v in variants}
    if "integer" in kinds:
        values += INTEGERS
    if "number" in kinds:
        values += NUMBERS
    if "date-time" in formats:
        values += DATETIMES
    if "date" in formats:
        values += DATES
    free_text = "string" in kinds and not formats - {None, "email"}
    if free_text and not any(v.get("enum") for v in variants):
        values += WHITESPACE + TEXT_LOOKALIKES
    if "array" in kinds and not in_url:
        items = next(v.get("items", {}) for v in variants if v.get("type") == "array")
        values += [[v] for v in hostile_values(doc, items, in_url=False)]
    if "object" in kinds and not in_url:
        values += [{"\x00": "x"}, {"key": "\x00"}]
    if in_url:
        return [str(v) for v in values]
    return values


def _set(body: Any, path: tuple[str | int, ...], value: Any) -> Any:
    body = copy.deepcopy(body)
    if not path:
        return value
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


@dataclass
class Slot:
    where: str  # path | query | json | form | file
    name: str
    json_path: tuple[str | int, ...] = ()


def _json_slots(
    doc: Document, schema: dict[str, Any], prefix: tuple[str | int, ...], depth: int = 0
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every field of a body schema (nested objects and the first item of arrays), with the
    schema of its value."""
    for variant in doc.variants(schema):
        for key, sub in variant.get("properties", {}).items():
            yield (*prefix, key), sub
            if depth < 3:
                yield from _nested(doc, sub, (*prefix, key), depth + 1)


def _nested(
    doc: Document, schema: dict[str, Any], path: tuple[str | int, ...], depth: int
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    for variant in doc.variants(schema):
        if variant.get("type") == "array":
            items = doc.resolve(variant.get("items", {}))
            if any("properties" in v for v in doc.variants(items)):
                yield from _json_slots(doc, items, (*path, 0), depth)
        elif "properties" in variant:
            yield from _json_slots(doc, variant, path, depth)


def _with_parents(doc: Document, base: Any, schema: dict[str, Any], path: tuple) -> Any:
    """The base body with every container on the way to `path` present."""
    body = copy.deepcopy(base)
    node, node_schema = body, schema
    for key in path[:-1]:
        variants = doc.variants(node_schema)
        if isinstance(key, int):
            items = next(v.get("items", {}) for v in variants if v.get("type") == "array")
            if not node:
                node.append(doc.sample(items))
            if not isinstance(node[0], dict):
                node[0] = doc.sample(items)
            node, node_schema = node[0], items
        else:
            sub = next(v["properties"][key] for v in variants if key in v.get("properties", {}))
            if not isinstance(node.get(key), (dict, list)):
                sub_variants = doc.variants(sub)
                node[key] = (
                    [] if any(v.get("type") == "array" for v in sub_variants) else doc.sample(sub)
                )
                if not isinstance(node[key], (dict, list)):
                    node[key] = {}
            node, node_schema = node[key], sub
    return body


def requests_for(doc: Document, method: str, path: str, op: dict[str, Any]) -> Iterator[Request]:
    """The hostile requests of one operation."""
    params = [p for p in op.get("parameters", []) if p["in"] in ("path", "query")]
    path_values = {
        p["name"]: str(doc.sample(p["schema"], p["name"])) for p in params if p["in"] == "path"
    }
    query = {
        p["name"]: str(_query_text(doc.sample(p["schema"], p["name"])))
        for p in params
        if p["in"] == "query" and p.get("required")
    }
    content = op.get("requestBody", {}).get("content", {})
    json_schema = content.get("application/json", {}).get("schema")
    form_schema = content.get("multipart/form-data", {}).get("schema")
    json_body = doc.sample(json_schema) if json_schema is not None else None
    form: dict[str, str] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    if form_schema is not None:
        form = {"purpose": "other"}
        files = {"file": ("fuzz.png", PNG, "image/png")}

    def build(
        *,
        path_over: dict[str, str] | None = None,
        query_over: dict[str, str] | None = None,
        body: Any = None,
        form_over: dict[str, str] | None = None,
        files_over: dict[str, tuple[str, bytes, str]] | None = None,
        what: str,
    ) -> Request:
        values = {**path_values, **(path_over or {})}
        filled = path
        for name, value in values.items():
            filled = filled.replace("{" + name + "}", quote(value, safe=""))
        return Request(
            method=method.upper(),
            path=filled,
            query={**query, **(query_over or {})},
            json=json_body if body is None else body,
            form={**form, **(form_over or {})} if form is not None else None,
            files=files_over or files,
            what=what,
        )

    for p in params:
        for value in hostile_values(doc, p["schema"], in_url=True):
            over = {p["name"]: value}
            yield build(
                path_over=over if p["in"] == "path" else None,
                query_over=over if p["in"] == "query" else None,
                what=f"{p['in']} {p['name']}={value!r}",
            )
    if json_schema is not None:
        for json_path, sub in _json_slots(doc, json_schema, ()):
            container = _with_parents(doc, json_body, json_schema, json_path)
            for value in hostile_values(doc, sub, in_url=False):
                yield build(
                    body=_set(container, json_path, value),
                    what=f"body {'.'.join(map(str, json_path))}={value!r}",
                )
    if form_schema is not None:
        for value in hostile_values(doc, {"type": "string"}, in_url=True):
            yield build(form_over={"purpose": value}, what=f"form purpose={value!r}")
            yield build(
                files_over={"file": (f"fuzz{value}.png", PNG, "image/png")},
                what=f"file name {value!r}",
            )


def _query_text(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    return value
