"""An S3 API server on loopback (moto's standalone server), with a bucket of its own:
the object storage a deployment on several servers shares. Vissel speaks only the
standard S3 API to it, as it would to MinIO, Ceph or AWS."""

import secrets
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.served import free_port

MOTO = str(Path(sys.executable).with_name("moto_server"))
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "vissel-test",
    "AWS_SECRET_ACCESS_KEY": "vissel-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


class ObjectStore:
    def __init__(self, log_path: Path):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.bucket = ""
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [MOTO, "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(self.endpoint, timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError(self.log_path.read_text()[-2000:]) from None
                time.sleep(0.1)
        self.new_bucket()
        return self

    def new_bucket(self) -> str:
        """An empty bucket, from now on the one this store stands for."""
        self.bucket = f"vissel-{secrets.token_hex(4)}"
        self.client().create_bucket(Bucket=self.bucket)
        return self.bucket

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
        )

    @property
    def env(self) -> dict:
        """What a Vissel process needs to keep its files here."""
        return {
            **CREDENTIALS,
            "VISSEL_FILE_STORE": "s3",
            "VISSEL_S3_BUCKET": self.bucket,
            "VISSEL_S3_ENDPOINT_URL": self.endpoint,
        }

    def settings(self, settings) -> None:
        """Point this test process's Vissel at the store (pytest-django `settings`)."""
        settings.VISSEL_FILE_STORE = "s3"
        settings.VISSEL_S3_BUCKET = self.bucket
        settings.VISSEL_S3_ENDPOINT_URL = self.endpoint

    def objects(self) -> dict[str, bytes]:
        """Every object in the bucket, whole."""
        client = self.client()
        found = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket):
            for item in page.get("Contents", []):
                body = client.get_object(Bucket=self.bucket, Key=item["Key"])["Body"]
                found[item["Key"]] = body.read()
        return found

    def multipart_uploads(self) -> list[dict]:
        return self.client().list_multipart_uploads(Bucket=self.bucket).get("Uploads", [])
