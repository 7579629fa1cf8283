"""Netralitas ASN: store, importer, queries and charts for the ASN-neutrality dashboard."""

__version__ = "0.1.0"
