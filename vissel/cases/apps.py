from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "vissel.cases"
    label = "cases"

    def ready(self):
        from vissel.cases import keyring
        from vissel.organisations.people import signals
        from vissel.web.rowids import randomise_rowids_of

        signals.key_pair_replaced.connect(keyring.drop_seals_of_replaced_key_pair)
        signals.roles_withdrawn.connect(keyring.withdraw_keys_of_lost_roles)
        signals.senior_official_in_use.connect(keyring.senior_official_named_in_a_case)
        randomise_rowids_of(
            *(
                self.get_model(name)
                for name in ("Case", "CaseKeySeal", "Message", "Notification", "PersonConcerned")
            )
        )
