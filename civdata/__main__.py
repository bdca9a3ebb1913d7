"""Allow ``python -m civdata``."""

from civdata.cli import main

main()
