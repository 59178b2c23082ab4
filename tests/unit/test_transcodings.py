"""Stored events read back with orjson must come back exactly as the json module reads them."""

from datetime import date
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import JSONTranscoder, TranscodingNotRegisteredError, UUIDAsHex
from hypothesis import given
from hypothesis import strategies as st

from application.transcodings import FastJSONTranscoder, register_all
from domain.reference import ListType, Severity
from domain.subject import SubjectKind


def transcoder(kind: type[JSONTranscoder]) -> JSONTranscoder:
    made = kind()
    made.register(UUIDAsHex())
    register_all(made)
    return made


FAST, PLAIN = transcoder(FastJSONTranscoder), transcoder(JSONTranscoder)

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),  # orjson refuses beyond 64 bits
    st.floats(allow_nan=False),
    st.text(),  # includes lone surrogates, which orjson refuses
    st.uuids(),
    st.dates(),
    st.sampled_from([*SubjectKind, *ListType, *Severity]),
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), values, max_size=6))
def test_orjson_reads_what_the_json_module_reads(payload: dict[str, Any]) -> None:
    stored = PLAIN.encode(payload)
    assert FAST.decode(stored) == PLAIN.decode(stored) == payload


def test_values_come_back_as_their_types() -> None:
    entry_id = UUID("5b0e3b7a-63f4-4bd4-9a51-0d9b6a1c2f10")
    payload = {"id": entry_id, "on": [date(2026, 11, 27)], "kind": {"k": SubjectKind.LEGAL_PERSON}}
    read = FAST.decode(PLAIN.encode(payload))
    assert read == payload
    assert type(read["id"]) is UUID and type(read["kind"]["k"]) is SubjectKind


def test_an_unknown_stored_type_is_refused_by_name() -> None:
    with pytest.raises(TranscodingNotRegisteredError, match="'unheard_of'"):
        FAST.decode(b'{"a": {"_type_": "unheard_of", "_data_": 1}}')


@given(st.dictionaries(st.text(), values, max_size=6))
def test_events_are_written_as_the_json_module_writes_them(payload: dict[str, Any]) -> None:
    assert FAST.encode(payload) == PLAIN.encode(payload)


def test_a_value_without_a_transcoding_is_refused() -> None:
    with pytest.raises(TranscodingNotRegisteredError):
        FAST.encode({"a": [object()]})
    assert FAST.encode({"a": [1]}) == b'{"a":[1]}'  # the encoder kept no state from the failure
