"""The SHA-256 of every bundled rubric that passes all checks. Generated: do not edit.

``python tools/regenerate.py`` runs the full schema and consistency checks on each file in
``rubrics/`` and lists here the hashes of those with no problem; ``tests/test_generated.py``
fails when this list is not current. civdata trusts a rubric file with exactly these bytes and
skips those checks at run time (see :func:`civdata.catalog.is_verified`).
"""

VERIFIED_SHA256 = frozenset(
    {
        # civil-society-data-readiness.yaml
        "f165f6483da2811188ce02a47634026b2b8ade057376fb965075b917a02cd481",
    }
)
