"""Evidence files in S3-compatible object storage (proof issue, scaling out): encrypted
before they leave the process, streamed in parts, never a local copy; fresh objects
settled the next day; abandoned ones removed. Against moto's S3 server on loopback."""

import os
from datetime import datetime, timedelta

import pytest
import time_machine

from tests.evidence.test_upload_handler import multipart, parse
from tests.factories import file_report
from tests.objectstore import CREDENTIALS, ObjectStore
from vissel.cases.services import unlock_as_reporter
from vissel.evidence import storage
from vissel.evidence.services import open_stream, purge_abandoned_files, stage_uploads
from vissel.evidence.stores.s3 import PART_BYTES

MARK = b"OBJECT-STORE-PLAINTEXT-MARK-51c2"


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    with ObjectStore(tmp_path_factory.mktemp("s3") / "moto.log") as server:
        yield server


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    s3_server.new_bucket()
    s3_server.settings(settings)
    return s3_server


def local_files(settings) -> list:
    return [path for path in settings.VISSEL_FILES_DIR.rglob("*") if path.is_file()]


def test_a_reports_files_reach_the_bucket_encrypted_and_leave_nothing_on_the_local_disk(
    bucket, org_a, settings
):
    filed = file_report(org_a, files=[("a.txt", MARK * 100), ("b.txt", MARK)])
    stored = bucket.objects()
    assert len(stored) == 2 and all(key.startswith("fresh/") for key in stored)
    assert not any(MARK in content for content in stored.values())
    assert all(content.startswith(b"VSS1") for content in stored.values())
    assert local_files(settings) == []
    lock = unlock_as_reporter(filed.case, filed.password)
    contents = sorted(b"".join(open_stream(row, lock)) for row in filed.case.files.all())
    assert contents == [MARK, MARK * 100]
    for row in filed.case.files.all():
        storage.delete(row.storage_name)
    assert bucket.objects() == {}


def test_a_large_upload_is_sent_in_parts_and_its_local_stream_removed(bucket, org_a):
    content = os.urandom(2 * PART_BYTES + 12345)
    _request, _stream, _post, files = parse(org_a, multipart({}, [("big.bin", content)]))
    org_a.max_file_mb = org_a.max_total_mb = 100
    (received,) = files.getlist("files")
    as_received = received.incoming.path.read_bytes()
    (staged,) = stage_uploads([received])
    received.close()
    assert not received.incoming.path.exists()
    ((key, at_rest),) = bucket.objects().items()
    assert at_rest == as_received  # the stream it arrived in, encrypted once
    assert bucket.multipart_uploads() == []
    head = bucket.client().head_object(Bucket=bucket.bucket, Key=key, PartNumber=1)
    assert head["PartsCount"] == 3
    assert b"".join(open_stream(staged, None)) == content


def test_a_write_that_fails_midway_leaves_no_object_and_no_upload(bucket):
    def failing():
        yield os.urandom(PART_BYTES + 1)  # one part is sent before the failure
        raise OSError("the disk of the sender failed")

    with pytest.raises(OSError):
        storage.write_encrypted(b"k" * 32, b"context", failing())
    assert bucket.objects() == {}
    assert bucket.multipart_uploads() == []


def test_the_next_days_tick_settles_the_days_objects_and_they_still_open(bucket, org_a):
    filed = [file_report(org_a, files=[(f"{n}.txt", MARK)]) for n in range(4)]
    with time_machine.travel(datetime.now() + timedelta(days=1)):
        assert storage.settle_fresh_files() == 4
        assert storage.settle_fresh_files() == 0
    keys = set(bucket.objects())
    assert keys == {f"{row.storage_name}.vss" for one in filed for row in one.case.files.all()}
    for one in filed:
        lock = unlock_as_reporter(one.case, one.password)
        assert b"".join(open_stream(one.case.files.get(), lock)) == MARK


def test_the_tick_removes_abandoned_objects_and_uploads_and_keeps_the_cases_files(bucket, org_a):
    from tests.factories import new_session, report_fields, upload
    from vissel.reports import services as reporting

    kept = file_report(org_a, files=[("kept.txt", MARK)])
    reporting.save_draft(new_session(), org_a, report_fields(), [upload("gone.txt", MARK)])
    purge_abandoned_files()
    assert len(bucket.objects()) == 2  # both recent: the draft may still be sent
    # A multipart upload a killed server never finished. (moto reports every upload as
    # started in 2010, so the hour an upload is left alone is tested on the local store.)
    bucket.client().create_multipart_upload(Bucket=bucket.bucket, Key="fresh/abandoned.vss")
    with time_machine.travel(datetime.now() + timedelta(days=3)):
        assert purge_abandoned_files() == 2
    assert set(bucket.objects()) == {f"fresh/{kept.case.files.get().storage_name}.vss"}
    assert bucket.multipart_uploads() == []


def test_a_versioned_bucket_is_warned_of_and_a_plain_one_is_not(bucket):
    from vissel.evidence.checks import bucket_keeps_no_old_versions

    assert bucket_keeps_no_old_versions(None) == []
    bucket.client().put_bucket_versioning(
        Bucket=bucket.bucket, VersioningConfiguration={"Status": "Enabled"}
    )
    assert [found.id for found in bucket_keeps_no_old_versions(None)] == ["vissel.W002"]


def test_a_bucket_that_does_not_answer_fails_the_deploy_check(bucket, settings):
    from vissel.evidence.checks import bucket_keeps_no_old_versions

    settings.VISSEL_S3_BUCKET = "no-such-bucket-here"
    assert [found.id for found in bucket_keeps_no_old_versions(None)] == ["vissel.E004"]
