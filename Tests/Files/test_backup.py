"""Backups with PostgreSQL's own tools: the demo county backed up (a private file), restored
into another, empty database, and every table's row count and the latest scoring run's figures
compared; a database with data is refused."""
import os
import subprocess
import time
from pathlib import Path

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


def test_backup_keeps_the_password_off_the_command_line():
    """`--database-url` with a password: pg_dump gets the connection in its environment; its
    command line, which any local user can read in /proc, holds no password. pg_dump is held on a
    lock while its /proc entries are read, then let go."""
    source = os.environ.get("PGDATABASE", "pingyi_year_cycle")
    secret = "Not-The-Real-Pass"
    url = f"postgresql://{os.environ.get('PGUSER', 'postgres')}:{secret}@/{source}?host={os.environ['PGHOST']}&port={os.environ.get('PGPORT', '5432')}"
    path = WORK / "pingyi-url.backup"
    lock = subprocess.Popen([PSQL, "-qXAt", "-d", source, "-c", "BEGIN; LOCK TABLE ballots IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    backup = subprocess.Popen([os.environ["PINGYI_BIN"], "backup", "--database-url", url, "--out", str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = None
    deadline = time.monotonic() + 3
    while seen is None and time.monotonic() < deadline:
        for proc in Path("/proc").iterdir():
            try:
                argv = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv and argv[0].endswith(b"pg_dump"):
                seen = (argv, (proc / "environ").read_bytes().split(b"\0"))
                break
        time.sleep(0.02)
    out, err = backup.communicate(timeout=120)
    lock.wait(timeout=30)
    assert seen is not None, "pg_dump was never seen running"
    argv, environ = seen
    assert not any(secret.encode() in part for part in argv), argv
    assert f"PGPASSWORD={secret}".encode() in environ
    assert backup.returncode == 0, err
    assert path.stat().st_mode & 0o777 == 0o600 and path.stat().st_size > 10_000
