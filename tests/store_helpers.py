"""Stores as earlier releases wrote them, for the upgrade tests of the scenario store."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa


def write_old_store(url: str, bodies: dict[str, str]) -> None:
    """A store as the code before the audit trail wrote it: one ``scenarios`` table, no author, no
    history (the schema of that release, created directly)."""
    meta = sa.MetaData()
    table = sa.Table(
        "scenarios",
        meta,
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )
    engine = sa.create_engine(url)
    when = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    with engine.begin() as conn:
        meta.create_all(conn)
        for i, (name, body) in enumerate(bodies.items(), start=1):
            conn.execute(table.insert().values(name=name, version=i + 2, body=body, created=when, updated=when))
    engine.dispose()
