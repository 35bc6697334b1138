"""Package data, not code: installed as part of the ``kg`` package (see pyproject.toml)."""
