"""Upkeep: the duties after publication. Update deadlines (Changsha art. 25, Shanxi art. 8),
the periodic ``ckan govopen tick``, the October catalog review (Changsha art. 16) and the
metadata quality score."""
