from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from vissel.crypto.keys import new_key_pair
from vissel.crypto.recovery import encode_recovery_key
from vissel.organisations.defaults import DEFAULT_CATEGORIES
from vissel.organisations.models import RESERVED_SLUGS, Category, Organisation

SUPPORTED_LANGUAGES = ("sv", "en")


@transaction.atomic
def create_organisation(
    name: str,
    slug: str | None = None,
    default_language: str = "sv",
    languages: list[str] | None = None,
    intro: dict | None = None,
    is_public_sector: bool = True,
) -> Organisation:
    """A new organisation, with the seed's categories and both languages offered."""
    slug = slug or slugify(name)
    if not slug or slug in RESERVED_SLUGS:
        raise ValidationError(f"'{slug}' cannot be an organisation's address")
    languages = languages or [default_language] + [
        code for code in SUPPORTED_LANGUAGES if code != default_language
    ]
    unknown = set(languages) - set(SUPPORTED_LANGUAGES)
    if unknown or default_language not in languages:
        raise ValidationError("languages must be among sv, en and include the default")
    organisation = Organisation.objects.create(
        name=name,
        slug=slug,
        default_language=default_language,
        languages=languages,
        intro=intro or {},
        is_public_sector=is_public_sector,
    )
    Category.objects.bulk_create(
        Category(organisation=organisation, key=key, names=names, position=position)
        for position, (key, names) in enumerate(DEFAULT_CATEGORIES)
    )
    return organisation


def create_recovery_key(organisation: Organisation) -> str:
    """Give the organisation a recovery key pair; returns the private half, to be printed
    once and kept offline. Only at set-up: cases filed before it are not sealed to it."""
    if organisation.recovery_public_key:
        raise ValidationError("this organisation has a recovery key already")
    pair = new_key_pair()
    organisation.recovery_public_key = pair.public_key
    organisation.save(update_fields=["recovery_public_key"])
    return encode_recovery_key(pair.private_key)
