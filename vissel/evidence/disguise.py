"""The voice disguised before anything is stored (seed S4, oral reports).

The WORLD vocoder (pyworld) splits speech into its pitch (f0), its spectral envelope
(the formants: the shape of the speaker's throat and mouth) and its aperiodicity, and
puts them together again. We move the pitch and the formants independently, each by a
factor drawn at random for every recording within a range that keeps speech clear,
and let the pitch factor drift slowly during the recording, so that the same person
does not sound the same twice and no single fixed inverse shift restores the voice.

What it does not hide: the words, the way of speaking (rhythm, dialect, favourite
phrases), and background sounds. The page says so.
"""

import secrets
from dataclasses import dataclass

import numpy as np
import pyworld

FRAME_MS = 5.0
# Processed in pieces, so that memory stays flat however long the recording is (WORLD's
# spectral envelope of 15 minutes would take about 740 MB at once).
SEGMENT_SECONDS = 8.0
OVERLAP_SECONDS = 0.25
# Ranges that keep speech clear: the pitch moves by 17-30 % up or down, the formants by
# 7-14 % up or down, the direction of each drawn on its own.
PITCH_SHIFT = (0.17, 0.30)
FORMANT_SHIFT = (0.07, 0.14)
PITCH_DRIFT = 0.04  # the pitch factor wanders this much (relative) over the recording
# The promise: whatever is drawn, and wherever the drift is, the voice's pitch moves by
# at least this much (with room for a pitch tracker's error).
MIN_PITCH_SHIFT = 0.10
if (1 + PITCH_SHIFT[0]) * (1 - PITCH_DRIFT) < 1 + MIN_PITCH_SHIFT + 0.02:  # not `assert`: -O
    raise ImportError("the pitch shift and drift break the minimum shift promised")

_random = secrets.SystemRandom()


@dataclass(frozen=True)
class Disguise:
    pitch_factor: float
    formant_factor: float
    drift_seed: int


def _factor(low: float, high: float) -> float:
    shift = _random.uniform(low, high)
    return 1 + shift if _random.random() < 0.5 else 1 / (1 + shift)


def draw() -> Disguise:
    """New, independent factors for one recording."""
    return Disguise(
        pitch_factor=_factor(*PITCH_SHIFT),
        formant_factor=_factor(*FORMANT_SHIFT),
        drift_seed=_random.getrandbits(32),
    )


def _warp(envelope: np.ndarray, factor: float) -> np.ndarray:
    """Move every frame's envelope along the frequency axis: formants at f go to f ×
    factor."""
    bins = envelope.shape[1]
    source = np.arange(bins) / factor
    low = np.clip(np.floor(source).astype(int), 0, bins - 1)
    high = np.clip(low + 1, 0, bins - 1)
    weight = np.clip(source - low, 0.0, 1.0)
    warped = envelope[:, low] * (1 - weight) + envelope[:, high] * weight
    # Above the old top there is nothing to move down: keep the top's level.
    warped[:, source >= bins - 1] = envelope[:, [-1]]
    return np.maximum(warped, 1e-16)


def _drift(disguise: Disguise, frames: int, start_frame: int) -> np.ndarray:
    """A slow, smooth wander of the pitch factor (a sum of a few slow sines), the same
    for the whole recording and different for every one."""
    rng = np.random.default_rng(disguise.drift_seed)
    periods = rng.uniform(3.0, 11.0, size=3) * 1000 / FRAME_MS  # in frames
    phases = rng.uniform(0, 2 * np.pi, size=3)
    index = np.arange(start_frame, start_frame + frames)
    wave = sum(np.sin(2 * np.pi * index / p + q) for p, q in zip(periods, phases, strict=True))
    return disguise.pitch_factor * (1 + PITCH_DRIFT * wave / 3)


def _disguise_piece(piece: np.ndarray, rate: int, disguise: Disguise, start: int) -> np.ndarray:
    piece = np.ascontiguousarray(piece, dtype=np.float64)  # WORLD works in float64
    f0, times = pyworld.dio(piece, rate, frame_period=FRAME_MS)
    f0 = pyworld.stonemask(piece, f0, times, rate)
    envelope = pyworld.cheaptrick(piece, f0, times, rate)
    aperiodicity = pyworld.d4c(piece, f0, times, rate)
    start_frame = int(start / rate * 1000 / FRAME_MS)
    f0 = f0 * _drift(disguise, f0.size, start_frame)
    envelope = _warp(envelope, disguise.formant_factor)
    aperiodicity = np.clip(_warp(aperiodicity, disguise.formant_factor), 0.0, 1.0)
    out = pyworld.synthesize(
        np.ascontiguousarray(f0),
        np.ascontiguousarray(envelope),
        np.ascontiguousarray(aperiodicity),
        rate,
        frame_period=FRAME_MS,
    )
    if out.size < piece.size:
        out = np.pad(out, (0, piece.size - out.size))
    return out[: piece.size]


def apply(samples: np.ndarray, rate: int, disguise: Disguise) -> np.ndarray:
    """The disguised recording: as long as the original, level kept. In float32, piece
    by piece, so that memory stays near twice the recording's samples."""
    segment = int(SEGMENT_SECONDS * rate)
    overlap = int(OVERLAP_SECONDS * rate)
    out = np.zeros(samples.size, dtype=np.float32)
    fade_in = np.linspace(0.0, 1.0, overlap)
    start = 0
    while start < samples.size:
        end = min(samples.size, start + segment + overlap)
        piece = _disguise_piece(samples[start:end], rate, disguise, start)
        if start > 0:  # cross-fade with the end of the previous piece
            head = min(overlap, piece.size)
            piece[:head] *= fade_in[:head]
            out[start : start + head] *= 1 - fade_in[:head]
        out[start:end] += piece
        if end == samples.size:
            break
        start += segment
    peak_in = float(np.max(np.abs(samples))) or 1.0
    peak_out = float(np.max(np.abs(out))) or 1.0
    out *= peak_in / peak_out
    return np.clip(out, -1.0, 1.0, out=out)
