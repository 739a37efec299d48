"""Evidence files: encrypted on arrival, cleaned of metadata, stored as encrypted streams."""
