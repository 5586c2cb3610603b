"""ixdesk: run micro-internship cohorts from a coordinator's laptop."""

__version__ = "0.1.0"
