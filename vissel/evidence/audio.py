"""Sound in and out, in memory only: what phones and browsers record (webm/opus, ogg,
mp4/m4a/aac, mp3, wav, flac) decoded with PyAV (FFmpeg inside its wheel) to mono
samples, and the disguised voice encoded as Opus in Ogg.

Nothing here touches the disk: PyAV reads from and writes to in-memory buffers, so the
original recording exists only in this process's memory during the request. Decoding
stops as soon as the recording passes its length limit, so a small file that claims
hours of sound (a decompression trick) costs no more than the limit.
"""

import io

import av
import numpy as np

# What the disguise works at: enough for speech, and a quarter of the work of 48 kHz.
SAMPLE_RATE = 16_000
OPUS_RATE = 48_000
OPUS_BITRATE = 32_000
# Below this there is nothing to hear.
MIN_SECONDS = 0.5


class AudioRefused(Exception):
    """Why a file could not be taken as a recording: "not_audio", "too_long", "empty"
    or "damaged"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def decode(data: bytes, max_seconds: float) -> np.ndarray:
    """The recording as mono float32 samples at SAMPLE_RATE, in [-1, 1]."""
    limit = int(max_seconds * SAMPLE_RATE)
    try:
        container = av.open(io.BytesIO(data), mode="r")
    except (av.error.FFmpegError, ValueError):
        raise AudioRefused("not_audio") from None
    with container:
        streams = container.streams.audio
        if not streams:
            raise AudioRefused("not_audio")
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        pieces: list[np.ndarray] = []
        count = 0
        try:
            for frame in container.decode(streams[0]):
                frame.pts = None  # resampled by position, not by the file's own clock
                for out in resampler.resample(frame):
                    piece = out.to_ndarray().reshape(-1)
                    pieces.append(piece)
                    count += piece.size
                if count > limit:
                    raise AudioRefused("too_long")
            for out in resampler.resample(None):
                pieces.append(out.to_ndarray().reshape(-1))
        except (av.error.FFmpegError, ValueError):
            if count < MIN_SECONDS * SAMPLE_RATE:
                raise AudioRefused("damaged") from None
            # A truncated file: what came before the damage is the recording.
    # float32, clipped in place: 10 minutes take 38 MB, and no copy is made of them.
    samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
    del pieces
    if samples.size > limit:
        raise AudioRefused("too_long")
    if samples.size < MIN_SECONDS * SAMPLE_RATE or not np.any(np.abs(samples) > 1e-4):
        raise AudioRefused("empty")
    return np.clip(samples, -1.0, 1.0, out=samples)


def encode_opus(samples: np.ndarray, rate: int = SAMPLE_RATE) -> bytes:
    """Opus in Ogg, in memory."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=OPUS_RATE, layout="mono")
        stream.bit_rate = OPUS_BITRATE
        resampler = av.AudioResampler(format="s16", layout="mono", rate=OPUS_RATE)
        step = rate  # one second at a time, so that no copy of the whole is made
        for start in range(0, samples.size, step):
            second = np.clip(samples[start : start + step], -1.0, 1.0) * 32767
            frame = av.AudioFrame.from_ndarray(
                second.astype(np.int16).reshape(1, -1), format="s16", layout="mono"
            )
            frame.sample_rate = rate
            for out in resampler.resample(frame):
                container.mux(stream.encode(out))
        for out in resampler.resample(None):
            container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return buffer.getvalue()
