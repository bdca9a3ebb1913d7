"""The bundled rubrics that pass all checks, by SHA-256. Generated: do not edit.

``python tools/regenerate.py`` runs the full schema and consistency checks on each file in
``rubrics/``, lists here the hash of each with no problem, and writes what its YAML parses to
in ``civdata/verified/NAME.json``; ``tests/test_generated.py`` fails when either is not
current. civdata trusts a rubric file with exactly these bytes: it reads that JSON instead of
parsing the YAML, and skips the checks (see :func:`civdata.catalog.is_verified`).
"""

VERIFIED = {
    "8556d6efbec671e6130119ee11b876c85fee60840565c8a7eab381d3f2299003": "civil-society-data-readiness",
}
