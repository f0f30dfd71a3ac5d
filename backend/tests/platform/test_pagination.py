import pytest

from app.errors import BadRequest
from app.pagination import decode_cursor, encode_cursor, split_page


def test_cursor_round_trip() -> None:
    key = {"created_at": "2026-11-26T10:00:00+00:00", "id": "7c1f"}
    assert decode_cursor(encode_cursor(key)) == key
    assert decode_cursor(None) is None and decode_cursor("") is None


@pytest.mark.parametrize("bad", ["%%%", "bm90IGpzb24", "WzEsMl0"])  # junk, "not json", [1,2]
def test_foreign_cursor_is_a_400(bad: str) -> None:
    with pytest.raises(BadRequest):
        decode_cursor(bad)


def test_split_page() -> None:
    assert split_page([1, 2, 3], 2) == ([1, 2], True)
    assert split_page([1, 2], 2) == ([1, 2], False)
