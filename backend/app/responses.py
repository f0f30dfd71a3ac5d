"""JSON responses rendered with orjson, and one for JSON that PostgreSQL already built."""

from typing import Any

import orjson
from starlette.responses import JSONResponse as StarletteJSONResponse

# Both subclass Starlette's JSONResponse (only render() differs): FastAPI documents a route's
# response_model in OpenAPI only for JSONResponse subclasses, and writes {"type": "string"}
# for any other response class.


class JSONResponse(StarletteJSONResponse):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


class RawJSONResponse(StarletteJSONResponse):
    """Bytes that are already JSON (e.g. from json_agg in SQL), sent as they are."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        if isinstance(content, bytes | bytearray):
            return bytes(content)
        if isinstance(content, str):
            return content.encode()
        raise TypeError("RawJSONResponse takes bytes or str")
