"""Case keys: wrapped under the reporter's password, sealed to staff key pairs."""

import uuid

import pytest

from vissel.crypto import DecryptionFailed, aead, keys
from vissel.crypto.kdf import KdfParams, derive_key
from vissel.crypto.passwords import ENTROPY_BITS, generate_password, normalise_password


def test_the_case_key_comes_back_with_the_right_password_only():
    case_id = uuid.uuid4()
    key = aead.new_key()
    wrapped = keys.wrap_with_password(key, "abcd-efgh", keys.reporter_key_context(case_id))
    assert (
        keys.unwrap_with_password(wrapped, "abcd-efgh", keys.reporter_key_context(case_id)) == key
    )
    with pytest.raises(DecryptionFailed):
        keys.unwrap_with_password(wrapped, "abcd-efgj", keys.reporter_key_context(case_id))


def test_a_wrapped_key_cannot_be_moved_to_another_case():
    key = aead.new_key()
    wrapped = keys.wrap_with_password(key, "pw", keys.reporter_key_context(uuid.uuid4()))
    with pytest.raises(DecryptionFailed):
        keys.unwrap_with_password(wrapped, "pw", keys.reporter_key_context(uuid.uuid4()))


def test_every_case_has_its_own_salt():
    """One salt for all would let one brute-force run attack every password at once."""
    salts = {
        keys.wrap_with_password(
            aead.new_key(), "same password", keys.reporter_key_context(uuid.uuid4())
        ).salt
        for _ in range(5)
    }
    assert len(salts) == 5


def test_the_parameters_travel_with_the_record(settings):
    settings.VISSEL_KDF_PROFILE = "test"
    wrapped = keys.wrap_with_password(aead.new_key(), "pw", b"ctx")
    assert KdfParams.decode(wrapped.params) == KdfParams(8 * 1024, 1, 1)
    settings.VISSEL_KDF_PROFILE = "production"
    assert KdfParams.current("reporter") == KdfParams(19 * 1024, 1, 1)
    assert KdfParams.current("staff") == KdfParams(256 * 1024, 2, 1)
    # a record made under the old profile still opens under the new one
    assert keys.unwrap_with_password(wrapped, "pw", b"ctx")


def test_argon2id_gives_the_same_key_for_the_same_input_and_another_for_another_salt():
    params = KdfParams(8 * 1024, 1, 1)
    first = derive_key("lösenord", b"s" * 16, params)
    assert derive_key("lösenord", b"s" * 16, params) == first
    assert derive_key("lösenord", b"t" * 16, params) != first
    assert len(first) == 32


def test_a_case_key_sealed_to_a_reader_opens_with_their_private_key_only():
    case_id = uuid.uuid4()
    key = aead.new_key()
    reader, other = keys.new_key_pair(), keys.new_key_pair()
    sealed = keys.seal_key_to(reader.public_key, case_id, key)
    assert keys.open_sealed_key(reader.private_key, case_id, sealed) == key
    with pytest.raises(DecryptionFailed):
        keys.open_sealed_key(other.private_key, case_id, sealed)


def test_a_sealed_key_moved_to_another_case_is_refused():
    reader = keys.new_key_pair()
    sealed = keys.seal_key_to(reader.public_key, uuid.uuid4(), aead.new_key())
    with pytest.raises(DecryptionFailed):
        keys.open_sealed_key(reader.private_key, uuid.uuid4(), sealed)


def test_a_generated_password_has_over_100_bits_and_no_look_alike_characters():
    password = generate_password()
    assert ENTROPY_BITS >= 100
    groups = password.split("-")
    assert len(groups) == 6 and all(len(group) == 4 for group in groups)
    assert not set(password) & set("0o1liI")
    assert len({generate_password() for _ in range(200)}) == 200


def test_a_password_typed_with_spaces_or_capitals_is_understood():
    password = generate_password()
    typed = password.upper().replace("-", " ")
    assert normalise_password(typed) == password
