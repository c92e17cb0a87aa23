"""GovOpen: a provincial government open-data portal as a CKAN extension."""
