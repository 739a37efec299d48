"""Field encryption: what a report's words become before they reach the database."""

import uuid

import pytest

from vissel.crypto import DecryptionFailed, aead
from vissel.crypto.context import case_field

CASE_A = uuid.uuid4()
CASE_B = uuid.uuid4()


def test_a_field_opens_with_its_key_case_and_field():
    key = aead.new_key()
    blob = aead.encrypt_text(key, case_field(CASE_A, "what_happened"), "Mutor i upphandlingen")
    assert aead.decrypt_text(key, case_field(CASE_A, "what_happened"), blob) == (
        "Mutor i upphandlingen"
    )


def test_the_plaintext_does_not_appear_in_the_ciphertext():
    key = aead.new_key()
    blob = aead.encrypt_text(key, case_field(CASE_A, "where"), "Rådhuset, plan 3")
    assert "Rådhuset".encode() not in blob


def test_the_same_text_encrypts_differently_each_time():
    key = aead.new_key()
    context = case_field(CASE_A, "where")
    assert aead.encrypt_text(key, context, "x") != aead.encrypt_text(key, context, "x")


def test_a_wrong_key_is_refused():
    blob = aead.encrypt_text(aead.new_key(), case_field(CASE_A, "when"), "i mars")
    with pytest.raises(DecryptionFailed):
        aead.decrypt_text(aead.new_key(), case_field(CASE_A, "when"), blob)


def test_a_ciphertext_cannot_be_moved_to_another_case():
    key = aead.new_key()
    blob = aead.encrypt_text(key, case_field(CASE_A, "what_happened"), "text")
    with pytest.raises(DecryptionFailed):
        aead.decrypt_text(key, case_field(CASE_B, "what_happened"), blob)


def test_a_ciphertext_cannot_be_moved_to_another_field():
    key = aead.new_key()
    blob = aead.encrypt_text(key, case_field(CASE_A, "what_happened"), "text")
    with pytest.raises(DecryptionFailed):
        aead.decrypt_text(key, case_field(CASE_A, "who_involved"), blob)


@pytest.mark.parametrize("position", [0, 1, 10, 30, -1])
def test_any_changed_byte_is_detected(position):
    key = aead.new_key()
    context = case_field(CASE_A, "how_known")
    blob = bytearray(aead.encrypt_text(key, context, "I saw it"))
    blob[position] ^= 0x01
    with pytest.raises(DecryptionFailed):
        aead.decrypt_text(key, context, bytes(blob))


def test_a_truncated_ciphertext_is_detected():
    key = aead.new_key()
    context = case_field(CASE_A, "how_known")
    blob = aead.encrypt_text(key, context, "I saw it")
    with pytest.raises(DecryptionFailed):
        aead.decrypt(key, context, blob[:-1])
    with pytest.raises(DecryptionFailed):
        aead.decrypt(key, context, blob[:10])


def test_lengths_are_padded_so_an_empty_field_looks_like_a_short_one():
    key = aead.new_key()
    context = case_field(CASE_A, "contact")
    assert len(aead.encrypt_text(key, context, "")) == len(
        aead.encrypt_text(key, context, "Anna, 070-123 45 67")
    )


def test_text_with_every_kind_of_character_survives():
    key = aead.new_key()
    text = "åäö ÅÄÖ \u0000 \x80 emoji 🕵️ " + "x" * 1000
    context = case_field(CASE_A, "what_happened")
    assert aead.decrypt_text(key, context, aead.encrypt_text(key, context, text)) == text


def test_a_key_must_be_32_bytes():
    with pytest.raises(ValueError):
        aead.encrypt(b"short", b"ctx", b"data")
