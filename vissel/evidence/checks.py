"""Refuse to serve with a file store that cannot work, and warn of a bucket that would
keep what Vissel deletes."""

from django.conf import settings
from django.core.checks import Error, Warning, register

STORES = ("local", "s3")


@register()
def file_store_configured(app_configs, **kwargs):
    if settings.VISSEL_FILE_STORE not in STORES:
        return [
            Error(
                f"VISSEL_FILE_STORE must be one of {', '.join(STORES)}.",
                id="vissel.E002",
            )
        ]
    if settings.VISSEL_FILE_STORE == "s3" and not settings.VISSEL_S3_BUCKET:
        return [Error("VISSEL_FILE_STORE=s3 needs VISSEL_S3_BUCKET.", id="vissel.E003")]
    return []


@register(deploy=True)
def bucket_keeps_no_old_versions(app_configs, **kwargs):
    """A versioned bucket keeps every deleted object as an old version: an erased case's
    files, and every file's first, finely timed copy under `fresh/`."""
    if settings.VISSEL_FILE_STORE != "s3" or not settings.VISSEL_S3_BUCKET:
        return []
    from vissel.evidence.storage import store

    client = store().client
    try:
        versioning = client.get_bucket_versioning(Bucket=settings.VISSEL_S3_BUCKET)
    except Exception as error:  # noqa: BLE001 (any failure to reach the bucket is reported)
        return [Error(f"The bucket does not answer: {type(error).__name__}.", id="vissel.E004")]
    if versioning.get("Status") in {"Enabled", "Suspended"}:
        return [
            Warning(
                "Versioning is on for the file bucket: deleted files stay as old versions.",
                hint="Turn versioning off, or expire noncurrent versions within a day.",
                id="vissel.W002",
            )
        ]
    return []
