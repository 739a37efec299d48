"""Encrypt and decrypt 1 GiB through the file stream; print time and peak memory.

.venv/bin/python bench/stream_memory.py [size_in_MiB]
"""

import os
import resource
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from vissel.crypto import aead, streams  # noqa: E402
from vissel.crypto.context import case_field  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    size_mib = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    key, context = aead.new_key(), case_field(uuid.uuid4(), "file:bench")
    block = os.urandom(1024 * 1024)
    baseline = peak_rss_mib()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.vss")
        started = time.perf_counter()
        with open(path, "wb") as out:
            streams.encrypt_stream(key, context, (block for _ in range(size_mib)), out)
        encrypted = time.perf_counter() - started
        started = time.perf_counter()
        total = 0
        with open(path, "rb") as source:
            for chunk in streams.decrypt_stream(key, context, source):
                total += len(chunk)
        decrypted = time.perf_counter() - started
        overhead = os.path.getsize(path) - total
    assert total == size_mib * 1024 * 1024
    print(f"size                 {size_mib} MiB")
    print(f"encrypt              {encrypted:.1f} s  ({size_mib / encrypted:.0f} MiB/s)")
    print(f"decrypt              {decrypted:.1f} s  ({size_mib / decrypted:.0f} MiB/s)")
    print(f"ciphertext overhead  {overhead} bytes ({overhead / total * 100:.3f} %)")
    print(f"peak RSS             {peak_rss_mib():.0f} MiB (before the stream: {baseline:.0f} MiB)")


if __name__ == "__main__":
    main()
