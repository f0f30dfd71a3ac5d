"""app.db.FairGate: requests get a pooled connection in arrival order, and a cancelled waiter
never loses or leaks a slot."""

import asyncio

import pytest

from app.db import FairGate


async def _enter_and_record(
    gate: FairGate, name: str, order: list[str], hold: asyncio.Event
) -> None:
    async with gate:
        order.append(name)
        await hold.wait()


async def test_waiters_enter_in_arrival_order() -> None:
    gate = FairGate(1)
    order: list[str] = []
    release = asyncio.Event()
    release.set()
    await gate.__aenter__()  # a request holding the only slot
    tasks = []
    for name in "abcde":
        tasks.append(asyncio.create_task(_enter_and_record(gate, name, order, release)))
        await asyncio.sleep(0)  # each one arrives and queues before the next
    # A newcomer arriving while others wait queues behind them instead of taking the slot.
    late = asyncio.create_task(_enter_and_record(gate, "late", order, release))
    await asyncio.sleep(0)
    await gate.__aexit__(None, None, None)
    await asyncio.gather(*tasks, late)
    assert order == ["a", "b", "c", "d", "e", "late"]


async def test_a_cancelled_waiter_gives_its_turn_to_the_next() -> None:
    gate = FairGate(1)
    order: list[str] = []
    release = asyncio.Event()
    release.set()
    await gate.__aenter__()
    first = asyncio.create_task(_enter_and_record(gate, "first", order, release))
    second = asyncio.create_task(_enter_and_record(gate, "second", order, release))
    await asyncio.sleep(0)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    await gate.__aexit__(None, None, None)
    await second
    assert order == ["second"]
    # The slot came back: the next request enters without waiting.
    await asyncio.wait_for(gate.__aenter__(), timeout=0.1)


async def test_a_waiter_cancelled_as_its_turn_comes_passes_the_slot_on() -> None:
    gate = FairGate(1)
    order: list[str] = []
    release = asyncio.Event()
    release.set()
    await gate.__aenter__()
    first = asyncio.create_task(_enter_and_record(gate, "first", order, release))
    second = asyncio.create_task(_enter_and_record(gate, "second", order, release))
    await asyncio.sleep(0)
    await gate.__aexit__(None, None, None)  # the slot is handed to `first`...
    first.cancel()  # ...which is cancelled before it could run
    with pytest.raises(asyncio.CancelledError):
        await first
    await second
    assert order == ["second"]
    await asyncio.wait_for(gate.__aenter__(), timeout=0.1)


async def test_free_slots_are_taken_without_waiting() -> None:
    gate = FairGate(3)
    for _ in range(3):
        await asyncio.wait_for(gate.__aenter__(), timeout=0.1)
    blocked = asyncio.create_task(gate.__aenter__())
    await asyncio.sleep(0.01)
    assert not blocked.done()
    await gate.__aexit__(None, None, None)
    await asyncio.wait_for(blocked, timeout=0.1)
