"""The voice is disguised on the server before anything is stored (oral reports).
Measured on real Swedish speech made by espeak-ng in the test set-up: the pitch moves by
at least the configured minimum, the length is kept within 2 %, two disguises of one
recording differ in pitch and in spectral envelope, and the pitch factor drifts, so no
single fixed inverse undoes it. Files that are not sound, or are too long, cut off or
silent, are refused by name."""

import io
import random
import time
import uuid

import av
import numpy as np
import pytest
import pyworld

from vissel.evidence import audio, disguise

RATE = audio.SAMPLE_RATE


def pitch(samples: np.ndarray) -> np.ndarray:
    samples = samples.astype(np.float64)  # WORLD's pitch tracker works in float64
    f0, times = pyworld.dio(samples, RATE, frame_period=5.0)
    return pyworld.stonemask(samples, f0, times, RATE)


def median_pitch(samples: np.ndarray) -> float:
    f0 = pitch(samples)
    return float(np.median(f0[f0 > 0]))


def formant_centre(samples: np.ndarray) -> float:
    """Where the spectral envelope's weight lies (Hz, 300-5000 Hz, voiced frames): it
    moves with the formants, and hardly with the pitch."""
    samples = samples.astype(np.float64)
    f0 = pitch(samples)
    _raw, times = pyworld.dio(samples, RATE, frame_period=5.0)
    spectrum = pyworld.cheaptrick(samples, f0, times, RATE)
    mean = spectrum[f0 > 0].mean(axis=0)
    freqs = np.linspace(0, RATE / 2, mean.size)
    band = (freqs > 300) & (freqs < 5000)
    return float((freqs[band] * mean[band]).sum() / mean[band].sum())


def seeded(monkeypatch, seed: int) -> None:
    monkeypatch.setattr(disguise, "_random", random.Random(seed))


def test_the_pitch_moves_by_at_least_the_minimum_and_the_length_is_kept(speech):
    original = audio.decode(speech, max_seconds=60)
    for _ in range(4):  # whatever is drawn
        drawn = disguise.draw()
        stored = audio.encode_opus(disguise.apply(original, RATE, drawn))
        heard = audio.decode(stored, max_seconds=60)
        ratio = median_pitch(heard) / median_pitch(original)
        minimum = 1 + disguise.MIN_PITCH_SHIFT
        assert ratio >= minimum or ratio <= 1 / minimum, (drawn, ratio)
        assert abs(heard.size - original.size) <= 0.02 * original.size
        assert stored[:4] == b"OggS"


def test_two_disguises_of_one_recording_differ_in_pitch_and_in_envelope(speech, monkeypatch):
    original = audio.decode(speech, max_seconds=60)
    # Two draws (seeded here, so that they are surely not near each other by chance:
    # pitch 0.85 and 1.22, formants 1.12 and 0.93).
    seeded(monkeypatch, 1)
    first = disguise.apply(original, RATE, disguise.draw())
    seeded(monkeypatch, 9)
    second = disguise.apply(original, RATE, disguise.draw())
    assert abs(np.log(median_pitch(first) / median_pitch(second))) > 0.2
    assert formant_centre(first) / formant_centre(second) > 1.1


def test_the_formants_move_on_their_own_not_with_the_pitch(speech, monkeypatch):
    monkeypatch.setattr(disguise, "PITCH_DRIFT", 0.0)
    original = audio.decode(speech, max_seconds=60)
    centre, voice = formant_centre(original), median_pitch(original)

    up = disguise.apply(original, RATE, disguise.Disguise(1.0, 1.12, drift_seed=1))
    assert formant_centre(up) / centre > 1.06
    assert abs(median_pitch(up) / voice - 1) < 0.03

    down = disguise.apply(original, RATE, disguise.Disguise(1.0, 1 / 1.12, drift_seed=1))
    assert formant_centre(down) / centre < 0.97

    higher = disguise.apply(original, RATE, disguise.Disguise(1.2, 1.0, drift_seed=1))
    assert median_pitch(higher) / voice > 1.15
    assert 0.97 < formant_centre(higher) / centre < 1.04


def test_the_pitch_factor_drifts_so_no_fixed_inverse_undoes_it():
    drawn = disguise.draw()
    factors = disguise._drift(drawn, frames=12_000, start_frame=0)  # a minute
    assert factors.max() / factors.min() > 1.02
    other = disguise._drift(disguise.draw(), frames=12_000, start_frame=0)
    assert not np.allclose(factors / factors.mean(), other / other.mean(), rtol=0.005)


def test_a_file_that_is_not_sound_is_refused():
    with pytest.raises(audio.AudioRefused) as refused:
        audio.decode(b"%PDF-1.7\n" + bytes(4000), max_seconds=60)
    assert refused.value.code == "not_audio"


def test_a_recording_over_the_limit_is_refused(speech):
    with pytest.raises(audio.AudioRefused) as refused:
        audio.decode(speech, max_seconds=2)
    assert refused.value.code == "too_long"


def test_silence_is_refused():
    silent = audio.encode_opus(np.zeros(RATE * 3))
    with pytest.raises(audio.AudioRefused) as refused:
        audio.decode(silent, max_seconds=60)
    assert refused.value.code == "empty"


def test_a_cut_off_recording_keeps_what_came_before_the_cut(speech):
    original = audio.decode(speech, max_seconds=60)
    stored = audio.encode_opus(original)
    half = audio.decode(stored[: len(stored) // 2], max_seconds=60)
    assert 0.3 * original.size < half.size < 0.7 * original.size
    with pytest.raises(audio.AudioRefused) as refused:
        audio.decode(stored[:200], max_seconds=60)
    assert refused.value.code in {"damaged", "empty", "not_audio"}


def test_a_small_file_claiming_hours_of_sound_stops_at_the_limit():
    """FLAC of two hours of silence is about a megabyte; decoding stops as soon as the
    limit is passed, without decoding the rest."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="flac") as container:
        stream = container.add_stream("flac", rate=8000, layout="mono")
        second = np.zeros((1, 8000), dtype=np.int16)
        for _ in range(2 * 3600):
            frame = av.AudioFrame.from_ndarray(second, format="s16", layout="mono")
            frame.sample_rate = 8000
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    small = buffer.getvalue()
    assert len(small) < 2_000_000  # two hours in about a megabyte
    started = time.monotonic()
    with pytest.raises(audio.AudioRefused) as refused:
        audio.decode(small, max_seconds=30)
    assert refused.value.code == "too_long"
    assert time.monotonic() - started < 2.0


def test_a_recording_is_stored_disguised_and_encrypted_and_never_as_it_was(speech, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vissel.crypto import aead
    from vissel.crypto.lock import CaseLock
    from vissel.evidence import storage
    from vissel.evidence.recordings import stage_recording
    from vissel.evidence.services import open_stream

    lock = CaseLock(uuid.uuid4(), aead.new_key())
    upload = SimpleUploadedFile("Annas inspelning.wav", speech, content_type="audio/wav")
    staged = stage_recording(upload, max_seconds=60)
    assert staged.name == "recording.ogg" and staged.content_type == "audio/ogg"

    at_rest = storage.path_of(staged.storage_name).read_bytes()
    assert b"OggS" not in at_rest and b"RIFF" not in at_rest and speech[1000:1064] not in at_rest
    sound = b"".join(open_stream(staged, lock))
    assert sound[:4] == b"OggS"
    heard, original = audio.decode(sound, 60), audio.decode(speech, 60)
    ratio = median_pitch(heard) / median_pitch(original)
    assert abs(np.log(ratio)) > np.log(1 + disguise.MIN_PITCH_SHIFT)
    written = [path for path in settings.VISSEL_FILES_DIR.rglob("*") if path.is_file()]
    assert written == [storage.path_of(staged.storage_name)]  # nothing else on disk


def encoded(samples: np.ndarray, container_format: str, codec: str, rate: int) -> bytes:
    """`samples` as a phone or a browser would deliver them, made with PyAV's encoders."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate, layout="mono")
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name, layout="mono", rate=rate
        )
        frame = av.AudioFrame.from_ndarray(
            (samples * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        for out in resampler.resample(frame):
            container.mux(stream.encode(out))
        for out in resampler.resample(None):
            container.mux(stream.encode(out))
        container.mux(stream.encode(None))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("container_format", "codec", "rate"),
    [
        ("webm", "libopus", 48000),  # Chromium and Firefox's MediaRecorder
        ("ogg", "libopus", 48000),
        ("ipod", "aac", 44100),  # .m4a: Safari and the iPhone's voice memos
        ("mp4", "aac", 44100),
        ("adts", "aac", 44100),  # a bare .aac
        ("mp3", "libmp3lame", 44100),
        ("wav", "pcm_s16le", 16000),
        ("flac", "flac", 16000),
    ],
)
def test_what_phones_and_browsers_record_is_taken(speech, container_format, codec, rate):
    original = audio.decode(speech, max_seconds=60)
    heard = audio.decode(encoded(original, container_format, codec, rate), max_seconds=60)
    assert abs(heard.size - original.size) < 0.05 * original.size + 0.1 * RATE
    assert abs(np.log(median_pitch(heard) / median_pitch(original))) < 0.05
