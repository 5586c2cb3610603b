"""The group builder: turn a cohort's enrolled students into groups, by hand or by auto-build."""

from __future__ import annotations

from ixdesk.gui.group_builder.widget import GroupBuilder

__all__ = ["GroupBuilder"]
