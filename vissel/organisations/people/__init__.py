"""Staff accounts: key pairs, second factors, invitations, who holds which role, and what
an admin may change about them. The portals show these; the rules live here."""
