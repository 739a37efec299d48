"""What a new organisation starts with: the seed's categories (S2) and its texts."""

DEFAULT_CATEGORIES = [
    ("bribery", {"sv": "Muta", "en": "Bribery"}),
    ("fraud", {"sv": "Bedrägeri", "en": "Fraud"}),
    ("theft", {"sv": "Stöld", "en": "Theft"}),
    ("misconduct", {"sv": "Tjänstefel", "en": "Misconduct in office"}),
    (
        "breach-of-rules",
        {
            "sv": "Grov avvikelse mot interna regler eller riktlinjer",
            "en": "Serious breach of internal rules or guidelines",
        },
    ),
    (
        "abuse-of-position",
        {
            "sv": "Någon utnyttjar sin ställning för att gynna sig själv eller en närstående",
            "en": "Someone using their position to benefit themselves or someone close to them",
        },
    ),
    ("other", {"sv": "Annat", "en": "Other"}),
]

DEMO_SLUG = "ostersundskommun"
DEMO_NAME = "Östersunds kommun"
DEMO_INTRO = {
    "sv": (
        "Östersunds kommun har infört en visselblåsarfunktion. Här kan alla, till exempel "
        "medarbetare och allmänhet, anmäla misstanke om missförhållanden inom kommunen. "
        "Vi vill göra allt vi kan för att i ett tidigt skede upptäcka eventuella "
        "missförhållanden inom vår organisation. Ditt engagemang är en viktig del i det "
        "arbetet."
    ),
    "en": (
        "Östersunds kommun has a whistleblowing function. Anyone, for example staff "
        "and members of the public, can report suspected wrongdoing within the "
        "municipality here. We want to do everything we can to detect wrongdoing in our "
        "organisation early. Your commitment is an important part of that work."
    ),
}
DEMO_TITLES = {
    "chief_executive": {"sv": "kommundirektören", "en": "the municipal director"},
    "chair": {
        "sv": "kommunstyrelsens ordförande",
        "en": "the chair of the municipal executive board",
    },
}
