"""The voice disguise on a 10-minute recording, on one core: how many times faster than
real time the whole server path runs (decode the browser's Opus in WebM, disguise, encode
Opus in Ogg), and the peak memory it adds to the process.

    .venv/bin/python bench/voice.py [minutes]

The recording is Swedish speech from espeak-ng, repeated to the length, and encoded as
a browser's MediaRecorder would send it. The measuring runs in a child process pinned to
one core, so that the peak resident memory it reports belongs to the path alone.
Targets: at least 10x real time, under 200 MB.
"""

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_SPEED = 10
TARGET_MB = 200


def _browser_recording(minutes: float, folder: Path) -> bytes:
    import av
    import numpy as np

    from tests.speech import swedish_speech
    from vissel.evidence import audio

    sentence = audio.decode(swedish_speech(folder), max_seconds=60).astype(np.float32)
    pause = np.zeros(audio.SAMPLE_RATE // 2, dtype=np.float32)
    piece = np.concatenate([sentence, pause])
    total = int(minutes * 60 * audio.SAMPLE_RATE)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="webm") as container:
        stream = container.add_stream("libopus", rate=48000, layout="mono")
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        written = 0
        while written < total:
            chunk = piece[: total - written]
            frame = av.AudioFrame.from_ndarray(
                (chunk * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
            )
            frame.sample_rate = audio.SAMPLE_RATE
            for out in resampler.resample(frame):
                container.mux(stream.encode(out))
            written += chunk.size
        for out in resampler.resample(None):
            container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return buffer.getvalue()


def _child(path: str, minutes: float) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from vissel.evidence import audio, disguise

    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    samples = audio.decode(data, max_seconds=minutes * 60 + 5)
    decoded = time.perf_counter()
    disguised = disguise.apply(samples, audio.SAMPLE_RATE, disguise.draw())
    del samples
    applied = time.perf_counter()
    stored = audio.encode_opus(disguised)
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = minutes * 60
    print(
        f"recording           {minutes:.0f} min, {len(data) / 1e6:.1f} MB WebM/Opus in, "
        f"{len(stored) / 1e6:.1f} MB Ogg/Opus out"
    )
    print(f"decode              {decoded - started:6.1f} s")
    print(f"disguise            {applied - decoded:6.1f} s")
    print(f"encode              {done - applied:6.1f} s")
    speed = seconds / (done - started)
    print(
        f"whole path          {done - started:6.1f} s = {speed:.1f}x real time "
        f"(target at least {TARGET_SPEED}x: {'met' if speed >= TARGET_SPEED else 'NOT met'})"
    )
    grown = (peak - before) / 1024
    print(
        f"peak memory growth  {grown:6.0f} MB "
        f"(target under {TARGET_MB} MB: {'met' if grown < TARGET_MB else 'NOT met'})"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], float(sys.argv[3]))
        return
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    with tempfile.TemporaryDirectory() as folder:
        recording = Path(folder) / "recording.webm"
        recording.write_bytes(_browser_recording(minutes, Path(folder)))
        subprocess.run(
            [sys.executable, __file__, "--child", str(recording), str(minutes)], check=True
        )


if __name__ == "__main__":
    main()
