"""Receiving an upload: the multipart body is parsed while it streams in, the file is written to
a staging file, and the upload is refused as soon as it is too large (413) or its first bytes
show a type that is not allowed (415). Nothing is buffered beyond one chunk, and the type comes
from the bytes (the `filetype` signatures), never from the file name or the declared type."""

import asyncio
import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import filetype
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from app.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType

# filetype reads at most this many leading bytes to recognise a format.
SNIFF_BYTES = 262
# Room for the multipart framing and small fields around the file itself.
MULTIPART_OVERHEAD = 16 * 1024
MAX_FIELD_BYTES = 1024


@dataclass
class StagedUpload:
    """A received file waiting in the staging folder to be published to the store."""

    path: Path
    content_type: str
    extension: str
    size: int
    sha256: str
    original_name: str
    fields: dict[str, str]

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    header_field: bytes = b""
    headers: dict[bytes, bytes] = field(default_factory=dict)
    value: bytearray = field(default_factory=bytearray)


class _Receiver:
    """python-multipart callbacks (synchronous) collect what arrived from one network chunk;
    the async caller then writes it to disk off the event loop and applies the limits."""

    def __init__(self, file_field: str) -> None:
        self.file_field = file_field
        self.part = _Part()
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.file_seen = False
        self.file_done = False
        self.pending: list[bytes] = []

    def on_part_begin(self) -> None:
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.part.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        key = self.part.header_field.lower()
        self.part.headers[key] = self.part.headers.get(key, b"") + data[start:end]

    def on_header_end(self) -> None:
        self.part.header_field = b""

    def on_headers_finished(self) -> None:
        _, params = parse_options_header(self.part.headers.get(b"content-disposition", b""))
        self.part.name = params.get(b"name", b"").decode("utf-8", "replace")
        raw_name = params.get(b"filename")
        self.part.filename = raw_name.decode("utf-8", "replace") if raw_name is not None else None
        if self.part.name == self.file_field:
            if self.file_seen:
                raise BadRequest("Send one file per upload", code="one_file_only")
            self.file_seen = True
            self.filename = self.part.filename or ""

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.part.name == self.file_field:
            self.pending.append(data[start:end])
            return
        self.part.value += data[start:end]
        if len(self.part.value) > MAX_FIELD_BYTES:
            raise BadRequest(f"The field {self.part.name} is too long", code="field_too_long")

    def on_part_end(self) -> None:
        if self.part.name == self.file_field:
            self.file_done = True
        elif self.part.name:
            self.fields[self.part.name] = self.part.value.decode("utf-8", "replace")

    def take_pending(self) -> bytes:
        data = b"".join(self.pending)
        self.pending.clear()
        return data


def multipart_boundary(content_type: str | None) -> bytes:
    kind, params = parse_options_header(content_type or "")
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UnsupportedMediaType(
            "Send the file as multipart/form-data", code="multipart_required"
        )
    return boundary


def check_declared_length(content_length: str | None, max_bytes: int) -> None:
    """Refuse before reading when the client already says the body is too large."""
    declared = int(content_length) if content_length and content_length.isdigit() else 0
    if declared > max_bytes + MULTIPART_OVERHEAD:
        raise too_large(max_bytes)


def too_large(max_bytes: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The file is larger than the limit of {max_bytes} bytes",
        code="file_too_large",
        extra={"max_bytes": max_bytes},
    )


def sniff_type(head: bytes, allowed: list[str]) -> tuple[str, str]:
    """The file's MIME type and extension from its first bytes; 415 unless allowed."""
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        found = kind.mime if kind is not None else "unknown"
        raise UnsupportedMediaType(
            f"Files of type {found} are not accepted",
            code="file_type_not_allowed",
            extra={"detected": found, "allowed": allowed},
        )
    return kind.mime, kind.extension


def _feed(parser: MultipartParser, chunk: bytes | None) -> None:
    """One chunk into the parser (None: the end of the body); a malformed body is a 400."""
    try:
        if chunk is None:
            parser.finalize()
        else:
            parser.write(chunk)
    except MultipartParseError as exc:
        raise BadRequest("The multipart body is malformed", code="malformed_multipart") from exc


async def receive_upload(
    body: AsyncIterator[bytes],
    *,
    content_type: str | None,
    content_length: str | None,
    staging_dir: Path,
    max_bytes: int,
    allowed_types: list[str],
    file_field: str = "file",
) -> StagedUpload:
    """Stream a multipart body into a staging file, enforcing size and type while it arrives."""
    boundary = multipart_boundary(content_type)
    check_declared_length(content_length, max_bytes)
    receiver = _Receiver(file_field)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": receiver.on_part_begin,
            "on_part_data": receiver.on_part_data,
            "on_part_end": receiver.on_part_end,
            "on_header_field": receiver.on_header_field,
            "on_header_value": receiver.on_header_value,
            "on_header_end": receiver.on_header_end,
            "on_headers_finished": receiver.on_headers_finished,
        },
    )
    fd, name = tempfile.mkstemp(dir=staging_dir, suffix=".part")
    path = Path(name)
    handle: IO[bytes] = os.fdopen(fd, "wb")
    digest = hashlib.sha256()
    head = b""
    size = 0
    sniffed: tuple[str, str] | None = None
    try:
        async for chunk in body:
            _feed(parser, chunk)
            data = receiver.take_pending()
            if not data:
                continue
            size += len(data)
            if size > max_bytes:
                raise too_large(max_bytes)
            if sniffed is None and len(head) < SNIFF_BYTES:
                head += data[: SNIFF_BYTES - len(head)]
                if len(head) >= SNIFF_BYTES:
                    sniffed = sniff_type(head, allowed_types)
            digest.update(data)
            await asyncio.to_thread(handle.write, data)
        _feed(parser, None)
        if not receiver.file_seen or not receiver.file_done:
            raise BadRequest(
                f"Attach the file in the form field '{file_field}'", code="file_missing"
            )
        if size == 0:
            raise BadRequest("The file is empty", code="file_empty")
        mime, extension = sniffed or sniff_type(head, allowed_types)
        await asyncio.to_thread(handle.close)
        return StagedUpload(
            path=path,
            content_type=mime,
            extension=extension,
            size=size,
            sha256=digest.hexdigest(),
            original_name=(receiver.filename or "")[:255],
            fields=receiver.fields,
        )
    except BaseException:
        handle.close()
        await asyncio.to_thread(path.unlink, True)
        raise
