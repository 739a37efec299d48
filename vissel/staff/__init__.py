"""The handlers' side: staff accounts and their key pairs (the portal comes with case handling)."""
