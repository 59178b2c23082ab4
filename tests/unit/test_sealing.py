"""The seal chain names the first changed, deleted, inserted or moved event."""

from __future__ import annotations

from uuid import uuid4

from hypothesis import given
from hypothesis import strategies as st

from application.integrity import Checkpoint
from infrastructure.sealing import (
    GENESIS,
    SealKey,
    StoredRow,
    StoredSeal,
    seal_digest,
    verify_chain,
)

LOG_LENGTH = 8
KEY = SealKey(b"k" * 32)


def stored_log(length: int = LOG_LENGTH) -> list[StoredRow]:
    ids = [uuid4(), uuid4()]
    return [
        (
            position,
            ids[position % 2],
            position // 2 + 1,
            "app:Thing.Happened",
            f'{{"n":{position}}}'.encode(),
        )
        for position in range(1, length + 1)
    ]


def sealed(events: list[StoredRow], key: SealKey = KEY) -> list[StoredSeal]:
    """Seals as the store writes them: keyed from `key.keyed_from`, plain SHA-256 before."""
    digest, previous, chain = GENESIS, 0, []
    for row in events:
        digest = key.digest(digest, previous, row)
        chain.append((row[0], digest, previous if row[0] >= key.keyed_from else None))
        previous = row[0]
    return chain


def check(
    events: list[StoredRow],
    seals: list[StoredSeal],
    key: SealKey = KEY,
    anchor: Checkpoint | None = None,
) -> tuple[int, str] | None:
    report = verify_chain(iter(events), iter(seals), key, anchor=anchor)
    broken = report.first_broken
    return None if broken is None else (broken.position, broken.problem)


def test_an_untouched_store_is_intact() -> None:
    events = stored_log()
    report = verify_chain(iter(events), iter(sealed(events)), KEY)
    assert report.ok
    assert report.events_checked == LOG_LENGTH


def test_an_empty_store_is_intact() -> None:
    assert verify_chain(iter([]), iter([]), KEY).ok


def test_a_changed_byte_names_the_event_altered() -> None:
    events = stored_log()
    seals = sealed(events)
    position, aggregate_id, version, topic, state = events[4]
    events[4] = (position, aggregate_id, version, topic, state.replace(b"5", b"6"))
    report = verify_chain(iter(events), iter(seals), KEY)
    assert report.first_broken is not None
    assert report.first_broken.position == position
    assert report.first_broken.aggregate_id == str(aggregate_id)
    assert report.first_broken.version == version
    assert report.first_broken.problem == "altered"
    assert report.events_checked == 4


def test_a_changed_version_topic_or_aggregate_is_altered() -> None:
    for field, value in ((1, uuid4()), (2, 99), (3, "app:Thing.Forged")):
        events = stored_log()
        seals = sealed(events)
        row = list(events[2])
        row[field] = value
        events[2] = tuple(row)  # type: ignore[assignment]
        assert check(events, seals) == (3, "altered")


def test_a_deleted_event_is_missing_at_its_position() -> None:
    events = stored_log()
    seals = sealed(events)
    del events[3]
    assert check(events, seals) == (4, "missing")


def test_a_deleted_last_event_is_missing() -> None:
    events = stored_log()
    seals = sealed(events)
    events.pop()
    assert check(events, seals) == (LOG_LENGTH, "missing")


def test_an_inserted_event_is_unsealed() -> None:
    events = stored_log()
    seals = sealed(events)
    intruder: StoredRow = (LOG_LENGTH + 1, uuid4(), 1, "app:Thing.Forged", b"{}")
    assert check([*events, intruder], seals) == (LOG_LENGTH + 1, "unsealed")
    del seals[2]
    assert check(events, seals) == (3, "unsealed")


def test_two_swapped_events_break_at_the_first() -> None:
    events = stored_log()
    seals = sealed(events)
    first, second = events[2], events[5]
    events[2] = (first[0], second[1], second[2], second[3], second[4])
    events[5] = (second[0], first[1], first[2], first[3], first[4])
    assert check(events, seals) == (3, "altered")


def test_an_event_removed_with_its_seal_is_missing_at_its_own_position() -> None:
    events = stored_log()
    seals = sealed(events)
    del events[3], seals[3]
    assert check(events, seals) == (4, "missing")
    del events[3], seals[3]  # two in a row: the first of them is named
    assert check(events, seals) == (4, "missing")


def test_a_seal_whose_previous_position_is_changed_is_altered() -> None:
    events = stored_log()
    seals = sealed(events)
    del events[3], seals[3]
    position, digest, _ = seals[3]
    seals[3] = (position, digest, 3)  # hides the deletion, but the MAC covers the link
    assert check(events, seals) == (5, "altered")


def test_unkeyed_seals_before_the_rekeying_point_still_verify() -> None:
    events = stored_log()
    key = SealKey(b"k" * 32, keyed_from=5)
    seals = sealed(events, key)
    assert seals[3][1] == seal_digest(seals[2][1], *events[3])
    assert seals[3][2] is None and seals[4][2] == 4
    assert check(events, seals, key) is None
    assert check(events, sealed(events, SealKey(b"other key", keyed_from=5)), key) == (5, "altered")


def test_a_forged_chain_without_the_key_is_altered_where_it_was_changed() -> None:
    events = stored_log()
    position, aggregate_id, version, topic, _ = events[2]
    events[2] = (position, aggregate_id, version, topic, b'{"name":"forged"}')
    forged = sealed(events, SealKey(b"a guess at the key"))
    assert check(events, forged) == (1, "altered")
    unkeyed = sealed(events, SealKey(b"", keyed_from=LOG_LENGTH + 1))  # the old digest
    assert check(events, unkeyed) == (1, "altered")


def checkpoint_of(seals: list[StoredSeal], index: int) -> Checkpoint:
    from datetime import UTC, datetime

    position, digest, _ = seals[index]
    return Checkpoint(position, digest, 1, KEY.key_id, datetime.now(UTC), "")


def test_a_truncation_after_a_checkpoint_is_missing_after_the_last_event() -> None:
    events = stored_log()
    seals = sealed(events)
    anchor = checkpoint_of(seals, LOG_LENGTH - 1)
    assert check(events, seals, anchor=anchor) is None
    del events[-1], seals[-1]
    assert check(events, seals) is None  # without the anchor nothing shows
    assert check(events, seals, anchor=anchor) == (LOG_LENGTH, "missing")


def test_a_chain_that_differs_from_its_checkpoint_was_rewritten() -> None:
    events = stored_log()
    seals = sealed(events)
    anchor = checkpoint_of(seals, 4)
    other_key = SealKey(b"the key, leaked and used")
    assert check(events, sealed(events, other_key), other_key, anchor) == (5, "rewritten")


def test_progress_is_reported_by_position() -> None:
    events = stored_log(2500)
    seen: list[int] = []
    verify_chain(iter(events), iter(sealed(events)), KEY, seen.append)
    assert seen == [1000, 2000]


@given(
    st.integers(min_value=0, max_value=LOG_LENGTH - 1),
    st.integers(min_value=0, max_value=7),
    st.integers(min_value=1, max_value=255),
)
def test_any_flipped_bit_of_any_state_is_found_there(index: int, byte: int, mask: int) -> None:
    events = stored_log()
    seals = sealed(events)
    position, aggregate_id, version, topic, state = events[index]
    flipped = bytearray(state)
    flipped[byte % len(flipped)] ^= mask
    events[index] = (position, aggregate_id, version, topic, bytes(flipped))
    assert check(events, seals) == (position, "altered")


def test_an_id_read_back_as_uuid_or_text_seals_the_same() -> None:
    aggregate_id = uuid4()
    as_uuid = seal_digest(GENESIS, 1, aggregate_id, 1, "t", b"s")
    assert as_uuid == seal_digest(GENESIS, 1, str(aggregate_id), 1, "t", b"s")
