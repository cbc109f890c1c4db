"""Backups with PostgreSQL's own tools: the demo county backed up (a private file), restored
into another, empty database, and every table's row count and the latest scoring run's figures
compared; a database with data is refused."""
import os
import subprocess

from conftest import PSQL, WORK, pingyi, sql

TARGET = "pingyi_restored"


def run_sql(database, query):
    done = subprocess.run([PSQL, "-qXAt", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", query],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def counts(database):
    tables = run_sql(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").split()
    return {table: run_sql(database, f'SELECT count(*) FROM "{table}"') for table in tables}


def test_backup_restore_round_trip():
    source = os.environ.get("PGDATABASE", "pingyi_year_cycle")
    path = WORK / "pingyi.backup"
    made = pingyi("backup", "--out", path)
    assert made.code == 0, made
    assert path.stat().st_mode & 0o777 == 0o600 and path.stat().st_size > 10_000
    again = pingyi("backup", "--out", path)
    assert again.code != 0  # never over an existing file
    run_sql("postgres", f"DROP DATABASE IF EXISTS {TARGET} WITH (FORCE)")
    run_sql("postgres", f"CREATE DATABASE {TARGET}")
    try:
        env = {**os.environ, "PGDATABASE": TARGET}
        restored = subprocess.run([os.environ["PINGYI_BIN"], "restore", str(path)], capture_output=True, text=True, timeout=300, env=env)
        assert restored.returncode == 0, restored.stderr
        before, after = counts(source), counts(TARGET)
        assert before == after and int(before["ballots"]) > 0 and int(before["problems"]) > 0
        figures = "SELECT string_agg(employee_number || ':' || coalesce(composite::text, '-') || ':' || coalesce(rank::text, '-'), ',' ORDER BY employee_number) FROM chief_results WHERE run_id = (SELECT max(id) FROM scoring_runs)"
        assert run_sql(source, figures) == run_sql(TARGET, figures) != ""
        # A database with data is refused, and left as it was.
        refused = subprocess.run([os.environ["PINGYI_BIN"], "restore", str(path)], capture_output=True, text=True, timeout=120, env=env)
        assert refused.returncode != 0 and "空数据库" in refused.stderr
        assert counts(TARGET) == after
    finally:
        run_sql("postgres", f"DROP DATABASE IF EXISTS {TARGET} WITH (FORCE)")
