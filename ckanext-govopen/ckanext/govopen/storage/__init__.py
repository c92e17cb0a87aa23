"""Storage: uploads encrypted at rest (files.py), the record of each stored file
(records.py, model.py), key rotation (rotation.py, `ckan govopen rotate-key`)."""
