"""Each seal keeps its case's place in the worklist (organisation, next deadline, day of
receipt, register number), so that a dashboard page typed by its number is counted in
the seals' index alone; the cases' worklist index gains the id, the order's last key."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

PLACE = {
    "case_organisation_id": "organisation_id",
    "case_next_due": "next_due",
    "case_received_on": "received_on",
    "case_register_number": "register_number",
}


def copy_places(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseKeySeal = apps.get_model("cases", "CaseKeySeal")
    of_the_case = Case.objects.filter(pk=OuterRef("case_id"))
    CaseKeySeal.objects.update(
        **{
            seal_field: Subquery(of_the_case.values(case_field)[:1])
            for seal_field, case_field in PLACE.items()
        }
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_register_number_search"),
        ("organisations", "0009_approvals_of_removals_and_safeguards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="case", name="case_worklist"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["organisation", "next_due", "received_on", "register_number", "id"],
                name="case_worklist",
            ),
        ),
        migrations.AddField(
            model_name="casekeyseal",
            name="case_organisation",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisations.organisation",
            ),
        ),
        migrations.AddField(
            model_name="casekeyseal",
            name="case_next_due",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="casekeyseal",
            name="case_received_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="casekeyseal",
            name="case_register_number",
            field=models.CharField(blank=True, default="", max_length=60),
            preserve_default=False,
        ),
        migrations.RunPython(copy_places, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="casekeyseal",
            name="case_organisation",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisations.organisation",
            ),
        ),
        migrations.AlterField(
            model_name="casekeyseal",
            name="case_received_on",
            field=models.DateField(),
        ),
        migrations.AddIndex(
            model_name="casekeyseal",
            index=models.Index(
                fields=[
                    "reader",
                    "case_organisation",
                    "case_next_due",
                    "case_received_on",
                    "case_register_number",
                    "case",
                ],
                name="seal_worklist",
            ),
        ),
    ]
