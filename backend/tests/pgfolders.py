"""Folders for the tests' private embedded PostgreSQL servers."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def server_folder(name: str) -> Iterator[Path]:
    """A new folder straight under the temporary directory, removed afterwards. The server
    runs as another system user, which must be able to reach it: pytest's own temporary
    folders are private to root (and pytest makes them private again when a session starts,
    which would lock out a server started by an earlier one)."""
    root = Path(tempfile.mkdtemp(prefix=f"wisdom-{name}-"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)
