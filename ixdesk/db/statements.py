"""A name for SELECT statements whose columns vary from one call to the next.

SQLAlchemy types a statement by its columns (``Select[str, int]``);
``AnySelect`` would mean one column of any type. A function that takes or
builds a statement of any shape says ``AnySelect``.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from sqlalchemy import Select

AnySelect: TypeAlias = Select[*tuple[Any, ...]]
