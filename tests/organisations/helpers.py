"""What the organisation tests share."""


def settings_of(organisation, **changes) -> dict:
    """The organisation's settings as update_settings takes them, with `changes`."""
    values = {
        "languages": organisation.languages,
        "default_language": organisation.default_language,
        "four_eyes": organisation.four_eyes,
        "onion_address": organisation.onion_address,
    }
    return {**values, **changes}
