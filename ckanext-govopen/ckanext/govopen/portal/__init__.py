"""Site-wide pieces: the platform's name, the page language, dates, the JS locale alias."""
