"""ckanext-scheming schemas of the portal, loaded as ckanext.govopen.schemas:<file>."""
