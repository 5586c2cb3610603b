"""Running a cohort: its sessions, attendance at them, and feedback on the work.

``sessions`` plans and lists the meetings; ``attendance`` holds the marks (the grid,
rates, hours attended); ``attendance_book`` and ``attendance_import`` carry the marks and
the rubric to instructors as a workbook and back; ``feedback`` holds the instructor's
rubric per student and the partner company's feedback per group.
"""
