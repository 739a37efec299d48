"""Encrypted files in S3-compatible object storage (AWS, MinIO, Ceph, ...), through
boto3 and the standard S3 API only.

Nothing readable reaches the bucket: what is sent is the encrypted stream, made in this
process, in parts of PART_BYTES (a multipart upload), so memory stays flat and no copy
is written locally. As in the local folder, a new object is written under `fresh/`, and
the first tick of the next day copies the day's objects, in random order, to their
settled keys and deletes the fresh ones: after that, an object's LastModified tells the
day, not the hour or the order the reports came in. An abandoned multipart upload is
aborted by the tick once it has been idle for an hour."""

import contextlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import BinaryIO

from botocore.exceptions import ClientError

from vissel.evidence.stores.local import SUFFIX, start_of_today

MISSING = {"NoSuchKey", "404", "NotFound"}
PART_BYTES = 8 * 1024 * 1024  # S3 asks at least 5 MiB of every part but the last
FRESH = "fresh/"


class PartWriter:
    """A writable file whose bytes go to one object in parts; `finish()` makes the
    object appear, whole, or `abort()` leaves nothing."""

    def __init__(self, client, bucket: str, key: str):
        self.client, self.bucket, self.key = client, bucket, key
        self.buffer = bytearray()
        self.parts: list[dict] = []
        self.upload_id = None

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) >= PART_BYTES:
            self._send(bytes(self.buffer[:PART_BYTES]))
            del self.buffer[:PART_BYTES]
        return len(data)

    def _send(self, body: bytes) -> None:
        if self.upload_id is None:
            started = self.client.create_multipart_upload(Bucket=self.bucket, Key=self.key)
            self.upload_id = started["UploadId"]
        number = len(self.parts) + 1
        sent = self.client.upload_part(
            Bucket=self.bucket,
            Key=self.key,
            PartNumber=number,
            UploadId=self.upload_id,
            Body=body,
        )
        self.parts.append({"ETag": sent["ETag"], "PartNumber": number})

    def finish(self) -> None:
        if self.upload_id is None:  # small: one request
            self.client.put_object(Bucket=self.bucket, Key=self.key, Body=bytes(self.buffer))
        else:
            if self.buffer:
                self._send(bytes(self.buffer))
            self.client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=self.key,
                UploadId=self.upload_id,
                MultipartUpload={"Parts": self.parts},
            )
        self.buffer.clear()

    def abort(self) -> None:
        self.buffer.clear()
        if self.upload_id is not None:
            self.client.abort_multipart_upload(
                Bucket=self.bucket, Key=self.key, UploadId=self.upload_id
            )


class S3Store:
    name = "s3"

    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None):
        import boto3  # only a deployment with object storage needs it
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            config=Config(retries={"max_attempts": 5, "mode": "standard"}),
        )

    def _settled(self, name: str) -> str:
        return f"{self.prefix}{name}{SUFFIX}"

    def _fresh(self, name: str) -> str:
        return f"{self.prefix}{FRESH}{name}{SUFFIX}"

    def put(self, name: str, write: Callable[[BinaryIO], None]) -> None:
        writer = PartWriter(self.client, self.bucket, self._fresh(name))
        try:
            write(writer)
            writer.finish()
        except BaseException:
            writer.abort()
            raise

    def adopt(self, name: str, path) -> None:
        """Send a finished encrypted file from the local folder, then remove it there."""

        def copy(out):
            with open(path, "rb") as source:
                while block := source.read(PART_BYTES):
                    out.write(block)

        self.put(name, copy)
        path.unlink(missing_ok=True)

    def _missing(self, error) -> bool:
        return error.response.get("Error", {}).get("Code") in MISSING

    def _where(self, name: str) -> tuple[str, str, str]:
        """Settled, or still fresh; and settled again, should the tick have moved it
        between the two reads."""
        return self._settled(name), self._fresh(name), self._settled(name)

    def open(self, name: str) -> BinaryIO:
        for key in self._where(name):
            try:
                return self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
            except ClientError as error:
                if not self._missing(error):
                    raise
        raise FileNotFoundError("no such stored file")

    def exists(self, name: str) -> bool:
        for key in self._where(name):
            try:
                self.client.head_object(Bucket=self.bucket, Key=key)
                return True
            except ClientError as error:
                if not self._missing(error):
                    raise
        return False

    def delete(self, name: str) -> None:
        for key in (self._settled(name), self._fresh(name)):
            self.client.delete_object(Bucket=self.bucket, Key=key)

    def _listing(self, prefix: str):
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=prefix
        )
        for page in pages:
            yield from page.get("Contents", [])

    def _name_of(self, key: str) -> str | None:
        leaf = key.rsplit("/", 1)[-1]
        return leaf.removesuffix(SUFFIX) if leaf.endswith(SUFFIX) else None

    def settle(self) -> int:
        today = datetime.fromtimestamp(start_of_today(), UTC)
        waiting = [
            item["Key"]
            for item in self._listing(f"{self.prefix}{FRESH}")
            if item["LastModified"] < today and self._name_of(item["Key"])
        ]
        secrets.SystemRandom().shuffle(waiting)
        settled = 0
        for key in waiting:
            source = {"Bucket": self.bucket, "Key": key}
            try:
                self.client.copy(source, self.bucket, self._settled(self._name_of(key)))
            except ClientError as error:
                if self._missing(error):
                    continue  # settled meanwhile by another machine's tick
                raise
            self.client.delete_object(Bucket=self.bucket, Key=key)
            settled += 1
        return settled

    def purge(self, referenced: set[str], cutoff: float, idle: float) -> int:
        removed = 0
        made_before = datetime.fromtimestamp(cutoff, UTC)
        for item in self._listing(self.prefix):
            name = self._name_of(item["Key"])
            if name is None or name in referenced or item["LastModified"] >= made_before:
                continue
            self.client.delete_object(Bucket=self.bucket, Key=item["Key"])
            removed += 1
        idle_since = datetime.fromtimestamp(idle, UTC)
        pages = self.client.get_paginator("list_multipart_uploads").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for upload in page.get("Uploads", []):
                if upload["Initiated"] < idle_since:
                    with contextlib.suppress(ClientError):  # ended meanwhile
                        self.client.abort_multipart_upload(
                            Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                        )
                        removed += 1
        return removed
