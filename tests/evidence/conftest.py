"""Files for the evidence tests that are costly to build: built once per run."""

import zipfile
from pathlib import Path

import pytest

MIB = 1024 * 1024


@pytest.fixture(scope="session")
def properties_bomb(tmp_path_factory) -> Path:
    """A docx whose core.xml is 790 MiB of spaces: 3.6 MB packed, written as a stream."""
    path = tmp_path_factory.mktemp("office") / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("docProps/core.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="x">')
            for _ in range(790):
                part.write(b" " * MIB)
            part.write(b"</cp:coreProperties>")
        archive.writestr("word/document.xml", "<w:document>Body</w:document>")
    return path
