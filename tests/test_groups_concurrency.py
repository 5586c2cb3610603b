"""A ``groups build --apply`` overtaken by another coordinator's, on PostgreSQL: one sentence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from ixdesk.db import open_database
from ixdesk.logfile import LOG_NAME
from ixdesk.services.groups import create_group
from tests.group_cohort import make_cohort

COHORT = "Data analytics Spring 2027"
STUDENTS = 8000  # enough that the build is still sending memberships when one is refused

# What PostgreSQL answers when another build placed the same students between this
# build's check and its write (the race itself is a matter of milliseconds): the
# very first membership is refused while the build is still sending the others.
OVERTAKEN = (
    """
CREATE FUNCTION overtaken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'duplicate key value violates unique constraint "%"',
      'uq_group_memberships_student_cohort_live'
    USING ERRCODE = 'unique_violation',
          DETAIL = format('Key (student_id, cohort_id)=(%s, %s) already exists.',
                          NEW.student_id, NEW.cohort_id);
END $$
""",
    "CREATE TRIGGER overtaken BEFORE INSERT ON group_memberships "
    "FOR EACH ROW EXECUTE FUNCTION overtaken()",
)


@pytest.mark.postgres_only
def test_a_build_overtaken_by_another_is_one_sentence_and_no_stray_line(
    database_url: str, tmp_path: Path
) -> None:
    database = open_database(database_url)
    cohort = make_cohort(database, STUDENTS, group_size=50)
    for _ in range(STUDENTS // 50):  # room for everyone: the build only adds members
        create_group(database, cohort.cohort_id)
    database.close()
    engine = create_engine(database_url)
    with engine.begin() as connection:
        for statement in OVERTAKEN:
            connection.exec_driver_sql(statement.replace("%", "%%"))
    engine.dispose()
    data = tmp_path / "data"
    command = [sys.executable, "-m", "ixdesk", "--database", database_url]
    command += ["groups", "build", "--cohort", COHORT, "--apply"]
    environment = {**os.environ, "IXDESK_DATA_DIR": str(data)}
    build = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
    assert build.returncode == 1 and build.stdout == ""
    assert build.stderr == (
        "ixdesk: error: This student is already in a group of this cohort; a student is in at "
        "most one group per cohort.\n"
    )
    # Whether psycopg complains about the aborted pipeline depends on how far the
    # build got when the refusal arrived; when it does, the line goes to the log
    # (see the next test), never with the row values PostgreSQL's detail line quotes.
    log = data / "logs" / LOG_NAME
    logged = log.read_text(encoding="utf-8") if log.exists() else ""
    assert cohort.students[0] not in logged and "Key (student_id" not in logged


def test_library_warnings_go_to_the_log_file_not_the_terminal(tmp_path: Path) -> None:
    """psycopg's "error ignored terminating <psycopg.Pipeline [INERROR]>" is a logging
    record; the command line sends such records to the log file."""
    data = tmp_path / "data"
    script = (
        "import logging, sys\n"
        "from ixdesk import logfile\n"
        "logfile.install()\n"
        "logging.getLogger('psycopg').warning("
        "'error ignored terminating %r', '<psycopg.Pipeline [INERROR]>')\n"
    )
    environment = {**os.environ, "IXDESK_DATA_DIR": str(data)}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=environment
    )
    assert run.returncode == 0 and run.stdout == "" and run.stderr == ""
    logged = (data / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "WARNING psycopg: error ignored terminating '<psycopg.Pipeline [INERROR]>'" in logged
