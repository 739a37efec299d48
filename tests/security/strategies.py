"""Hypothesis strategies for fuzzing Vissel's forms: hostile text (control characters,
right-to-left overrides, text far past a field's limit), odd choice values, missing and
repeated fields, hostile file names and contents, and hand-made multipart bodies."""

import os
from io import BytesIO

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from vissel.presentation.forms import LONG_TEXT, SHORT_TEXT

# Fast enough for every CI run: a few dozen examples, no example database on disk, and
# expensive state (a filed case, a logged-in client) built once per test outside @given.
# For a longer hunt: VISSEL_FUZZ_EXAMPLES=500 pytest tests/security


def fuzz(examples: int = 25) -> settings:
    return settings(
        max_examples=int(os.environ.get("VISSEL_FUZZ_EXAMPLES", examples)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )


FUZZ = fuzz()

CONTROL = [chr(code) for code in range(0x20)] + ["\x7f"]
# Embeddings, overrides and isolates, marks, and invisible characters.
BIDI = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\ufeff",
]

# Any character UTF-8 can encode (so never a lone surrogate), leaning on the nasty ones.
chars = st.one_of(st.sampled_from(CONTROL + BIDI), st.characters(codec="utf-8"))
short_text = st.text(chars, max_size=40)

# Just past each limit a form has (max_length 10 to 100,000), and past the 72 characters
# a password checker may take. Django's outer limit for a request's fields (2.5 MB) is
# tested once, in tests/reports/test_bad_input.py: here it would hide every other check.
LIMITS = [
    *(limit + 1 for limit in (10, 20, 40, 50, 60, 72, 80, 100, 150, 200, 254, 300, 500, 5000)),
    SHORT_TEXT + 1,
    LONG_TEXT + 1,
    5 * LONG_TEXT + 1,
]


def _repeated(piece: str, length: int) -> str:
    return ((piece or "x") * (length // max(len(piece), 1) + 1))[:length]


long_text = st.builds(
    _repeated,
    st.text(chars, min_size=1, max_size=8),
    st.sampled_from(LIMITS),
)
nasty_text = st.one_of(short_text, short_text, long_text)

ABSENT = object()


def field(valid=ABSENT, *alternatives):
    """The value a form field is sent with: the valid one, a hostile one, none at all,
    or the field repeated."""
    other = st.one_of(nasty_text, *alternatives)
    repeated = other if valid is ABSENT else st.one_of(st.just(valid), other)
    return st.one_of(
        st.just(valid),
        other,
        st.just(ABSENT),
        st.lists(repeated, min_size=2, max_size=3),
    )


def choice(valid, options):
    """A radio or select field: its valid value, any listed option, or anything."""
    return field(valid, st.sampled_from(list(options)))


def near(valid: dict, fuzzers: dict):
    """A form's fields: all valid; valid but for one to three fields (so that hostile
    text is often accepted and stored); or every field fuzzed."""
    names = sorted(fuzzers)
    most = min(3, len(names))

    def changed(chosen):
        return st.fixed_dictionaries({name: fuzzers[name] for name in chosen}).map(
            lambda values: {**valid, **values}
        )

    return st.one_of(
        st.just(valid),
        st.sets(st.sampled_from(names), min_size=1, max_size=most).flatmap(changed),
        st.sets(st.sampled_from(names), min_size=1, max_size=most).flatmap(changed),
        st.fixed_dictionaries(fuzzers).map(lambda values: {**valid, **values}),
    )


def extra_fields():
    return st.dictionaries(short_text, nasty_text, max_size=2)


def form_data(fields: dict, extras: dict) -> dict:
    """The POST data: absent fields dropped, unknown ones added (never over a real one)."""
    data = {name: value for name, value in fields.items() if value is not ABSENT}
    for name, value in extras.items():
        data.setdefault(name, value)
    return data


# --- files ---------------------------------------------------------------------------

MAGIC = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff\xe0",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    b"RIFF\x24\x00\x00\x00WAVEfmt ",
    b"OggS\x00\x02",
    b"ID3\x04\x00",
    b"fLaC",
    b"\x1aE\xdf\xa3",  # WebM / Matroska
]

file_contents = st.builds(
    lambda magic, rest: magic + rest, st.sampled_from(MAGIC), st.binary(max_size=1500)
)

FIXED_NAMES = [
    "../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "a\x00b.txt",
    "report\u202etxt.exe",
    "\u2066invoice\u2069.pdf",
    "x" * 300 + ".pdf",
    "é" * 300,
    ".",
    "..",
    "",
    "CON",
    'quote".txt',
    "new\r\nline.txt",
    "&#x2F;etc&#47;passwd",
    "%2e%2e%2fpasswd",
]

file_names = st.one_of(
    st.sampled_from(FIXED_NAMES),
    st.text(chars, max_size=30),
    st.builds(lambda a, b: f"{a}/../{b}", short_text, short_text),
    st.builds(_repeated, st.text(chars, min_size=1, max_size=4), st.just(300)),
)

content_types = st.one_of(
    st.sampled_from(
        [
            "application/octet-stream",
            "application/pdf",
            "image/png",
            "audio/ogg",
            "text/plain; charset=utf-8",
            "text/html",
            "",
        ]
    ),
    short_text,
)


class NamedUpload(BytesIO):
    """A file the test client sends with exactly this name and content type (a
    SimpleUploadedFile would already cut its name to 255 characters, without '../')."""

    def __init__(self, name: str, content: bytes, content_type: str):
        super().__init__(content)
        self.name = name
        self.content_type = content_type or "application/octet-stream"


def simple_upload(name: str, content: bytes, content_type: str):
    try:
        return SimpleUploadedFile(name, content, content_type)
    except SuspiciousFileOperation:  # "." or "..": Django will not even make one
        return NamedUpload(name, content, content_type)


# Both kinds: a SimpleUploadedFile already cuts its name (to the last part, 255
# characters); a NamedUpload reaches the test client's encoding as it is.
uploads = st.lists(
    st.one_of(
        st.builds(NamedUpload, file_names, file_contents, content_types),
        st.builds(simple_upload, file_names, file_contents, content_types),
    ),
    max_size=3,
)

# --- hand-made multipart bodies --------------------------------------------------------

INVALID_UTF8 = [
    b"\xff",
    b"\xfe\xff",
    b"\xc3\x28",
    b"\xa0\xa1",
    b"\xe2\x28\xa1",
    b"\xf0\x28\x8c\x28",
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xc0\xaf",  # an overlong '/'
    b"\x00",
    b"\xf8\x88\x80\x80\x80",
]

raw_bytes = st.one_of(
    st.binary(max_size=60),
    st.builds(
        lambda head, bad, tail: head + bad + tail,
        st.text(chars, max_size=10).map(lambda text: text.encode()),
        st.sampled_from(INVALID_UTF8),
        st.binary(max_size=10),
    ),
    short_text.map(lambda text: text.encode()),
)

boundaries = st.one_of(
    st.just("VisselFuzzBoundary7MA4YWxkTrZu0gW"),
    st.sampled_from(["", " ", "a b", '"quoted"', "x" * 71, "x" * 200, "--", "é", ";"]),
    st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=20),
)

field_names_raw = st.one_of(
    st.sampled_from(
        [
            b"category",
            b"what_happened",
            b"identity",
            b"relationship",
            b"files",
            b"recording",
            b"body",
            b"remove_files",
            b"case_number",
            b"password",
            b"",
        ]
    ),
    raw_bytes,
)


@st.composite
def multipart_part(draw):
    """One part: a Content-Disposition as browsers send it, or broken, or missing; a
    field or a file whose name and value may be invalid UTF-8."""
    name = draw(field_names_raw)
    headers = []
    disposition = draw(
        st.sampled_from(["field", "file", "file_rfc2231", "missing", "no_name", "garbage"])
    )
    if disposition == "field":
        headers.append(b'Content-Disposition: form-data; name="' + name + b'"')
    elif disposition == "file":
        headers.append(
            b'Content-Disposition: form-data; name="'
            + name
            + b'"; filename="'
            + draw(raw_bytes)
            + b'"'
        )
    elif disposition == "file_rfc2231":
        charset = draw(st.sampled_from([b"utf-8", b"UTF-8", b"bogus-charset", b"", b"latin-1"]))
        headers.append(
            b'Content-Disposition: form-data; name="'
            + name
            + b'"; filename*='
            + charset
            + b"''"
            + draw(st.sampled_from([b"%FF%FE", b"%C3%28", b"%00", b"..%2F..%2Fx", b"%", b"a%zz"]))
        )
    elif disposition == "no_name":
        headers.append(b"Content-Disposition: form-data")
    elif disposition == "garbage":
        headers.append(b"Content-Disposition: " + draw(raw_bytes))
    if draw(st.booleans()):
        headers.append(
            b"Content-Type: "
            + draw(
                st.one_of(
                    st.sampled_from(
                        [
                            b"text/plain; charset=utf-8",
                            b"text/plain; charset=bogus",
                            b"text/plain; charset=utf-16",
                            b"application/octet-stream",
                            b"multipart/mixed; boundary=inner",
                        ]
                    ),
                    raw_bytes,
                )
            )
        )
    if draw(st.booleans()):
        headers.append(
            b"Content-Transfer-Encoding: "
            + draw(st.sampled_from([b"base64", b"quoted-printable", b"8bit", b"bogus"]))
        )
    if draw(st.booleans()):
        headers.append(draw(raw_bytes))  # a header line that is not one
    value = draw(st.one_of(raw_bytes, file_contents))
    return headers, value


@st.composite
def multipart_body(draw):
    """(content type, body): parts between boundaries, where the boundary the header
    declares may not be the one the body uses, and the end may be missing."""
    declared = draw(boundaries)
    used = draw(st.one_of(st.just(declared), boundaries))
    newline = draw(st.sampled_from([b"\r\n", b"\r\n", b"\n"]))
    parts = draw(st.lists(multipart_part(), max_size=5))
    body = b""
    if draw(st.booleans()):
        body += draw(raw_bytes) + newline  # a preamble
    for headers, value in parts:
        body += b"--" + used.encode() + newline
        body += b"".join(header + newline for header in headers) + newline
        body += value + newline
    ending = draw(st.sampled_from(["close", "close", "none", "open", "garbage"]))
    if ending == "close":
        body += b"--" + used.encode() + b"--" + newline
    elif ending == "open":
        body += b"--" + used.encode() + newline
    elif ending == "garbage":
        body += draw(raw_bytes)
    content_type = draw(
        st.sampled_from(
            [
                f"multipart/form-data; boundary={declared}",
                f'multipart/form-data; boundary="{declared}"',
                "multipart/form-data",
                f"multipart/form-data; boundary={declared}; charset=bogus",
                f"multipart/form-data; charset=utf-8; boundary={declared}",
                f"multipart/mixed; boundary={declared}",
            ]
        )
    )
    return content_type, body
