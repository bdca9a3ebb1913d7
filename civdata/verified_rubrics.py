"""The bundled rubrics that pass all checks, by SHA-256. Generated: do not edit.

``python tools/regenerate.py`` runs the full schema and consistency checks on each file in
``rubrics/``, lists here the hash of each with no problem, and writes what its YAML parses to
in ``civdata/verified/NAME.json``; ``tests/test_generated.py`` fails when either is not
current. civdata trusts a rubric file with exactly these bytes: it reads that JSON instead of
parsing the YAML, and skips the checks (see :func:`civdata.catalog.is_verified`).
"""

VERIFIED = {
    "fc426c9d797c832961d40749c96797c9bb21aae52de7c01d60ee07232728b4d2": "civil-society-data-readiness",
}
