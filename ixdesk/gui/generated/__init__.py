"""Code generated from ui/*.ui: do not edit."""
