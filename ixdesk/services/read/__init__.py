"""What ixdesk reads of each record type, in one place per type.

One module per record type (:mod:`.cohorts`, :mod:`.groups`, :mod:`.students`,
:mod:`.instructors`, :mod:`.companies`, :mod:`.problems`) names the type's
fields once, as a :class:`~.common.RecordRead`: canonical field name to SQL,
the joins those fields need, which rows are live, and what ``ixdesk list``
shows. The window's tables (``services.kinds`` picks the fields of each
column), ``ixdesk list`` (``services.listing``) and the rosters
(``services.export``) all select from it, so a field means the same wherever
it appears. :mod:`.full` reads every stored field of every type for the full
export. Plain Core selects, never ORM objects; nothing here imports Qt.
"""
