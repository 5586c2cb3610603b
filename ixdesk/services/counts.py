"""Correlated counts shown beside records in tables and listings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect, func, select

from ixdesk.db import models as m


def enrolled_count() -> ScalarSelect[Any]:
    """Live enrolments with status "enrolled" of the cohort in the outer query."""
    e = m.Enrolment
    return (
        select(func.count())
        .where(e.cohort_id == m.Cohort.id, e.status == "enrolled", e.deleted_at.is_(None))
        .scalar_subquery()
    )


def member_count() -> ScalarSelect[Any]:
    """Live members of the group in the outer query."""
    ms = m.GroupMembership
    return (
        select(func.count())
        .where(ms.group_id == m.StudentGroup.id, ms.deleted_at.is_(None))
        .scalar_subquery()
    )
