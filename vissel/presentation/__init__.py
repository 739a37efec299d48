"""What both portals show: form widgets and text limits, the report as written, the
shared templates (a form field, the report's details, a file's cleaning). Below the
portals, so that neither imports the other."""
