class DecryptionFailed(Exception):
    """A ciphertext did not open: wrong key, wrong case or field, or tampered with.

    The message never carries any part of the ciphertext or the plaintext.
    """
