"""What the case domain must hear about people, without this layer knowing cases exist.

The cases app connects receivers (vissel.cases.apps) that withdraw the keys a change
makes useless or forbidden."""

from django.dispatch import Signal

# A new key pair replaced the old one: what was sealed to the old public key is void.
key_pair_replaced = Signal()  # person
# A person's roles in an organisation shrank: keys that only those roles justified go.
roles_withdrawn = Signal()  # organisation, person, held (the roles still held)
# Asked before a senior official is removed: a receiver returns True to keep them.
senior_official_in_use = Signal()  # official
