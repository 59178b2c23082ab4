"""Stores written before the layers moved to the repository's top level keep loading."""

from eventsourcing.utils import resolve_topic

from application.app import LEGACY_DOMAIN_TOPIC
from domain.accounts import Account
from domain.entry import ListEntry


def test_an_event_stored_under_the_old_package_name_resolves_to_its_class() -> None:
    assert resolve_topic(f"{LEGACY_DOMAIN_TOPIC}.entry:ListEntry.Listed") is ListEntry.Listed
    assert resolve_topic(f"{LEGACY_DOMAIN_TOPIC}.accounts:Account") is Account
