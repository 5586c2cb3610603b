"""Minors' data: consent records, export profiles, the audit log, retention and erasure.

See docs/privacy.md.
"""
