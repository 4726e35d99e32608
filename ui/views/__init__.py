"""Shared drawing helpers for the pages: tables, charts, maps, country panels."""
