from vissel.organisations.models import Category, Organisation


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def active_categories(organisation: Organisation):
    return Category.objects.filter(organisation=organisation, is_active=True).in_order()
