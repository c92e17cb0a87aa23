"""What a citizen meets first: the home page (figures, catalog grid, newest and most
downloaded data, notices), the header emblem, bilingual display of dataset and group
metadata, and the dataset page's share box."""
