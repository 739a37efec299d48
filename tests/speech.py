"""Real Swedish speech for the oral-report tests, spoken by Debian's espeak-ng."""

import shutil
import subprocess
from pathlib import Path

SENTENCE = "Chefen tog emot pengar från leverantören, flera gånger under våren."


def swedish_speech(folder: Path, sentence: str = SENTENCE) -> bytes:
    """A WAV file of `sentence` (folder/mening.wav), and its bytes. Tests take it as the
    `speech_file` or `speech` fixture; this is for a script that has no fixtures."""
    espeak = shutil.which("espeak-ng")
    assert espeak, "espeak-ng is needed (apt-get install espeak-ng; .ci/run installs it)"
    path = folder / "mening.wav"
    subprocess.run([espeak, "-v", "sv", "-s", "150", "-w", str(path), sentence], check=True)
    return path.read_bytes()
