"""The web layer: encrypted sessions, privacy middleware, security headers, error pages."""
