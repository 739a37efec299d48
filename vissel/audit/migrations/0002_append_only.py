"""The database itself refuses to change or delete an audit entry; the hash chain
(`vissel audit-verify`) detects it when someone with the rights to lift this does."""

from django.db import migrations

TABLE = "audit_auditentry"


def forbid(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION vissel_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END; $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION vissel_audit_append_only()"
        )
    elif vendor == "sqlite":
        # Updates only: SQLite has no TRUNCATE, and a test database is emptied with
        # DELETE. On PostgreSQL, deleting is refused too (TRUNCATE needs the owner).
        schema_editor.execute(
            f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )


def allow(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE}")
        schema_editor.execute("DROP FUNCTION IF EXISTS vissel_audit_append_only()")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_no_update")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forbid, allow)]
