"""Usage figures counted by the server: downloads per resource and day (not per person)."""
