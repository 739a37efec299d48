"""SQLite numbers every row it stores (the rowid) in the order rows arrive, even in a
table whose primary key is random. For rows a reporter causes, that order would time
the reporter against everything else: each such table gets a trigger that moves every
new row to a random rowid, so neither the rowid nor the file's page order follows
arrival. (PostgreSQL keeps no such number that a query lists; see the threat model for
what its storage internals still hold.)

Installed after every migration, because SQLite's schema changes remake tables and
drop their triggers."""

from django.db.models.signals import post_migrate

_TABLES: set[str] = set()


def randomise_rowids_of(*models) -> None:
    for model in models:
        # An integer primary key is the rowid itself: it must not move.
        if model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField"):
            raise ValueError(f"{model.__name__} has a sequential key; give it a random one")
        _TABLES.add(model._meta.db_table)


def trigger_sql(table: str) -> str:
    # Table names come from the models, never from input.
    statement = (
        'CREATE TRIGGER IF NOT EXISTS "{t}_random_rowid" AFTER INSERT ON "{t}" '
        'BEGIN UPDATE "{t}" SET rowid = (abs(random()) % 9000000000000000000) + 1 '
        "WHERE rowid = NEW.rowid; END"
    )
    return statement.format(t=table)


def install_triggers(using="default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in sorted(_TABLES & existing):
            cursor.execute(trigger_sql(table))


post_migrate.connect(install_triggers, dispatch_uid="vissel-random-rowids")
