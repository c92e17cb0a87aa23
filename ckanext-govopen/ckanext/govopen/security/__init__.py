"""Web-session security: login lockout, TOTP two-factor, server-side logout, headers."""
