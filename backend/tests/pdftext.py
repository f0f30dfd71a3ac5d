"""The text a PDF draws, for tests that check what a receipt or a certificate says."""

import re
import zlib


def pdf_text(pdf: bytes) -> str:
    """The text drawn by the PDF's (compressed) content streams, decoded as the core font's
    Latin-1."""
    parts = []
    for match in re.finditer(rb"stream\r?\n(.*?)\nendstream", pdf, re.S):
        data = match.group(1)
        # The line end before "endstream" may be \r\n, or the data may itself end in a \r byte.
        for candidate in (data, data.removesuffix(b"\r")):
            try:
                parts.append(zlib.decompress(candidate))
                break
            except zlib.error:
                continue
    return b"".join(parts).decode("latin-1")
