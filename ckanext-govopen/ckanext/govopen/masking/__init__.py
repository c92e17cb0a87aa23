"""Masking: the desensitize job (jobs.py) run on every stored file (intake.py, hooks.py),
organizations' policy overrides (policy.py), `ckan govopen desensitize`."""
