"""civdata: readiness and risk assessment for civil-society data initiatives."""

__version__ = "0.1.0"
