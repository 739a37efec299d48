"""SQLite numbers every row it stores (the rowid) in the order rows arrive, even in a
table whose primary key is random. For rows a reporter causes, that order would time
the reporter against everything else: each such table gets a trigger that moves every
new row to a random rowid, so neither the rowid nor the file's page order follows
arrival. Installed after every migration, because SQLite's schema changes remake tables
and drop their triggers.

PostgreSQL keeps the same in other places: each row version carries `xmin`, the id of
the transaction that wrote it, which grows with time, and a table's rows lie in the
heap in roughly the order they came. So the first tick of each day rewrites every row
of those tables in one transaction (one `xmin` for all of them) and then rewrites each
table in the order of its random primary key (CLUSTER): after that, neither says more
than which day a row was made before (`settle_rows`)."""

import logging
from datetime import date

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models.signals import post_migrate

log = logging.getLogger(__name__)
_TABLES: set[str] = set()


_MODELS: list = []


def randomise_rowids_of(*models) -> None:
    for model in models:
        # An integer primary key is the rowid itself: it must not move.
        if model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField"):
            raise ValueError(f"{model.__name__} has a sequential key; give it a random one")
        _TABLES.add(model._meta.db_table)
        _MODELS.append(model)


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


# A rewrite waits at most this long for the tables' locks, so that it never holds up the
# pages behind a long transaction; the next tick tries again.
LOCK_TIMEOUT = "5s"


def settle_rows(using="default", today: date | None = None) -> int:
    """Once a day on PostgreSQL: every row of the tables of reporter-made rows gets one
    new `xmin`, and each table is rewritten in the order of its random key. Returns the
    number of tables rewritten (0 on SQLite, or when done today already)."""
    from django.db import connections

    from vissel.web.models import RowsSettled

    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    today = today or date.today()
    existing = set(connection.introspection.table_names())
    models = sorted(
        (model for model in _MODELS if model._meta.db_table in existing),
        key=lambda model: model._meta.db_table,
    )
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            RowsSettled.objects.using(using).create(day=today)
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            for model in models:
                key = model._meta.pk.column
                # Names come from the models, never from input.
                cursor.execute(f'UPDATE "{model._meta.db_table}" SET "{key}" = "{key}"')  # noqa: S608
    except IntegrityError:
        return 0  # another tick did it today
    except DatabaseError:
        log.warning("the rows of reports could not be rewritten today; the next tick tries")
        return 0
    rewritten = 0
    for model in models:
        table = model._meta.db_table
        try:
            with transaction.atomic(using=using), connection.cursor() as cursor:
                constraints = connection.introspection.get_constraints(cursor, table)
                (primary,) = [name for name, info in constraints.items() if info["primary_key"]]
                cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                cursor.execute(f'CLUSTER "{table}" USING "{primary}"')
            rewritten += 1
        except DatabaseError:
            log.warning("a table could not be rewritten in key order today")
    return rewritten
