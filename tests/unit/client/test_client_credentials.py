"""Tokens in the keyring, through keyring's own backend API; memory-only when none works."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringError, PasswordDeleteError

from wa_desk.client.credentials import SERVICE, CredentialStore


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the Secret Service is locked")


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def test_tokens_go_to_the_keyring_per_hub_and_user(restore_keyring: None) -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    creds = CredentialStore()
    assert creds.backend_available
    creds.save("https://hub.example.com/", "ana", "tok-1")
    creds.save("https://other.example.com", "ana", "tok-2")
    assert backend.items[(SERVICE, "ana@https://hub.example.com")] == "tok-1"
    assert CredentialStore().load("https://hub.example.com", "ana") == "tok-1"
    assert creds.load("https://other.example.com", "ana") == "tok-2"
    assert creds.load("https://hub.example.com", "luis") is None
    creds.delete("https://hub.example.com", "ana")
    creds.delete("https://hub.example.com", "ana")  # twice: still fine
    assert creds.load("https://hub.example.com", "ana") is None


def test_without_a_keyring_the_token_lives_in_memory_only(
    restore_keyring: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keyring.set_keyring(fail.Keyring())
    creds = CredentialStore()
    assert not creds.backend_available
    assert "keyring" in creds.reason
    creds.save("https://hub.example.com", "ana", "secret-token-value")
    assert creds.load("https://hub.example.com", "ana") == "secret-token-value"
    assert CredentialStore().load("https://hub.example.com", "ana") is None  # next run
    assert list(tmp_path.iterdir()) == []  # nothing written next to us
    creds.delete("https://hub.example.com", "ana")
    assert creds.load("https://hub.example.com", "ana") is None


def test_a_keyring_that_fails_at_use_falls_back_to_memory(restore_keyring: None) -> None:
    keyring.set_keyring(BrokenKeyring())
    creds = CredentialStore()
    assert creds.backend_available
    creds.save("https://hub.example.com", "ana", "tok")
    assert not creds.backend_available and "locked" in creds.reason
    assert creds.load("https://hub.example.com", "ana") == "tok"
