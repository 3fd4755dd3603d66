"""Backup and restore (pg_dump / pg_restore) give back the same figures."""

import subprocess
import sys

from tests.ops.deployment.conftest import ROOT, basis_env, server_url


def test_a_restored_backup_gives_the_same_figures_byte_for_byte():
    uit = subprocess.run(
        ["bin/bewijs-restore.sh"],
        cwd=ROOT,
        env=basis_env(PYTHON=sys.executable, PG_SERVER=server_url()),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "dezelfde stand voor 7 gemeenten" in uit.stdout
    assert "byte voor byte" in uit.stdout


def test_restore_refuses_a_database_that_is_not_empty(kladdatabase, tmp_path):
    env = basis_env(DATABASE_URL=kladdatabase)
    subprocess.run(
        ["psql", "--dbname", kladdatabase, "-qc", "create table t (x int)"],
        check=True,
        env=env,
    )
    dump = tmp_path / "t.dump"
    backup = subprocess.run(
        ["bin/backup.sh", str(dump)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert backup.returncode == 0 and "backup:" in backup.stdout, backup.stderr
    herstel = subprocess.run(
        ["bin/restore.sh", str(dump), kladdatabase],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert herstel.returncode != 0 and "al 1 tabellen" in herstel.stderr


def test_backup_refuses_sqlite():
    uit = subprocess.run(
        ["bin/backup.sh"],
        cwd=ROOT,
        env=basis_env(DATABASE_URL="sqlite:///var/db.sqlite3"),
        capture_output=True,
        text=True,
    )
    assert uit.returncode != 0 and "geen PostgreSQL" in uit.stderr
