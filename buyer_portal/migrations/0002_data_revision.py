"""The supplier list's data revision and the triggers that keep it (see models.DataRevision).

The triggers are SQL of each backend: PostgreSQL fires one per statement (COPY, bulk and
`.update()` included), SQLite one per row. tests/buyer_portal/test_supplier_list_cache.py checks
that every watched table still has its trigger: on SQLite, a migration that rebuilds a table
drops them, and a new migration must then create them again (see `watch` below).
"""

from django.db import migrations, models

NAME = "suppliers"
"""The revision's rows are named "suppliers:<table>": one row a table, so that writers of
different tables (an evaluation batch, an access grant) never wait for each other's row lock."""

# The tables whose rows the supplier list shows or is scoped by.
WATCHED = [
    ("factories", "Factory"),
    ("factories", "Programme"),
    ("factories", "ThirdPartyAccess"),
    ("factories", "FactoryGroupObjectPermission"),
    ("factories", "FactoryUserObjectPermission"),
    ("differentiation", "Evaluation"),
]
USER_GROUPS = "auth_user_groups"  # which buyer's group a user is in

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION buyer_portal_touch_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO buyer_portal_datarevision (name, token)
    VALUES (TG_ARGV[0] || ':' || TG_TABLE_NAME, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END $$;
"""


def trigger_name(table: str, operation: str = "") -> str:
    return f"bp_revision_{table}{'_' + operation if operation else ''}"


def watched_tables(apps):
    return [apps.get_model(app, model)._meta.db_table for app, model in WATCHED] + [USER_GROUPS]


def watch(apps, schema_editor, tables=None):
    """Create the triggers on `tables` (every watched table by default); safe to run again."""
    vendor = schema_editor.connection.vendor
    tables = tables or watched_tables(apps)
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for table in tables:
            name = trigger_name(table)
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            schema_editor.execute(
                f'CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                f"FOR EACH STATEMENT EXECUTE FUNCTION buyer_portal_touch_revision('{NAME}')"
            )
    elif vendor == "sqlite":
        for table in tables:
            for operation in ("INSERT", "UPDATE", "DELETE"):
                name = trigger_name(table, operation.lower())
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
                schema_editor.execute(
                    f'CREATE TRIGGER {name} AFTER {operation} ON "{table}" BEGIN '
                    "INSERT OR REPLACE INTO buyer_portal_datarevision (name, token) "
                    f"VALUES ('{NAME}:{table}', lower(hex(randomblob(16)))); END"
                )


def unwatch(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in watched_tables(apps):
        if vendor == "postgresql":
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {trigger_name(table)} ON "{table}"')
        elif vendor == "sqlite":
            for operation in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, operation)}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS buyer_portal_touch_revision()")


class Migration(migrations.Migration):

    dependencies = [
        ('buyer_portal', '0001_initial'),
        ('factories', '0003_workspace'),
        ('differentiation', '0002_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='DataRevision',
            fields=[
                ('name', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('token', models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(watch, unwatch),
    ]
