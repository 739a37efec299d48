"""Staff find a case by any part of its register number (`icontains`). On PostgreSQL
that is UPPER(register_number) LIKE '%...%', which no b-tree can serve: with 100,000
cases the search read them all (255 ms, bench/dashboard.py). A trigram index serves it.
pg_trgm is a trusted extension: the database's owner may create it. SQLite scans, as it
always has; it is for one small organisation."""

from django.db import migrations

INDEX = "case_register_number_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON cases_case "
        "USING gin (UPPER(register_number::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_retention")]
    operations = [migrations.RunPython(create, drop)]
