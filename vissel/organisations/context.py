from django.conf import settings


def organisation(request):
    org = (
        None if getattr(request, "is_staff_page", False) else getattr(request, "organisation", None)
    )
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    offered = org.languages if org else [code for code, _ in settings.LANGUAGES]
    names = dict(settings.LANGUAGES)
    return {
        "organisation": org,
        "other_languages": [(code, names[code]) for code in offered if code != current],
    }
