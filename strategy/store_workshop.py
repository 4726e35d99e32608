"""Workshops in the scenario store: an admin opens a workshop on a scenario, each participant's
weights (or pairwise matrix) are kept, one row per participant (a new input replaces their
earlier one), and the admin closes it. Used by :class:`strategy.store.ScenarioStore` (a mixin);
the tables are created in older stores when they are opened (:func:`strategy.store.upgrade_schema`).

The participant is always the acting user (``actor.user``), never a name typed in a form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from strategy.store_audit import read_timestamp
from strategy.store_errors import NotFoundError, StoreError
from strategy.team.roles import Action, Actor
from strategy.team.workshop import Judgement


def workshop_tables(metadata: sa.MetaData, name_max: int, author_max: int) -> tuple[sa.Table, sa.Table]:
    """The ``workshops`` and ``workshop_inputs`` tables on ``metadata``."""
    workshops = sa.Table(
        "workshops",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scenario", sa.String(name_max), nullable=False),
        sa.Column("criteria", sa.Text, nullable=False),
        sa.Column("opened_by", sa.String(author_max), nullable=False),
        sa.Column("opened", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed", sa.DateTime(timezone=True), nullable=True),
    )
    inputs = sa.Table(
        "workshop_inputs",
        metadata,
        sa.Column("workshop", sa.Integer, primary_key=True),
        sa.Column("participant", sa.String(author_max), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("saved", sa.DateTime(timezone=True), nullable=False),
    )
    return workshops, inputs


class WorkshopClosedError(StoreError):
    """The workshop is closed: no more inputs."""

    key = "team.err.workshop_closed"


@dataclass(frozen=True)
class WorkshopInfo:
    """One workshop: on which scenario, on which criteria, who opened it, whether it is open."""

    id: int
    scenario: str
    criteria: tuple[str, ...]
    opened_by: str
    opened: datetime | None
    closed: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed is None


class WorkshopStore:
    """The workshop methods of the store (it supplies ``_workshops``, ``_inputs``, transactions)."""

    _workshops: sa.Table
    _inputs: sa.Table
    url: Any

    def open_workshop(self, scenario: str, criteria: list[str], *, actor: Actor | None = None) -> int:
        """Open a workshop on ``scenario`` over ``criteria`` (admins); returns its id."""
        actor = self._may(actor, Action.MANAGE_WORKSHOPS)  # type: ignore[attr-defined]
        self._writable()  # type: ignore[attr-defined]
        if scenario not in self:  # type: ignore[operator]
            raise NotFoundError(name=scenario)
        with self._transaction(write=True) as conn:  # type: ignore[attr-defined]
            result = conn.execute(
                self._workshops.insert().values(
                    scenario=scenario, criteria=json.dumps(list(criteria)), opened_by=actor.user, opened=_now()
                )
            )
            return int(result.inserted_primary_key[0])

    def workshops(self) -> list[WorkshopInfo]:
        """Every workshop, newest first."""
        w = self._workshops.c
        as_text = self.url.get_backend_name() == "sqlite"
        opened = sa.cast(w.opened, sa.Text) if as_text else w.opened
        closed = sa.cast(w.closed, sa.Text) if as_text else w.closed
        query = sa.select(w.id, w.scenario, w.criteria, w.opened_by, opened, closed).order_by(w.id.desc())
        with self._transaction(write=False) as conn:  # type: ignore[attr-defined]
            rows = conn.execute(query).all()
        return [
            WorkshopInfo(
                int(r[0]),
                str(r[1]),
                tuple(json.loads(r[2])),
                str(r[3]),
                read_timestamp(r[4]),
                read_timestamp(r[5]) if r[5] is not None else None,
            )
            for r in rows
        ]

    def workshop(self, workshop_id: int) -> WorkshopInfo:
        found = next((w for w in self.workshops() if w.id == int(workshop_id)), None)
        if found is None:
            raise NotFoundError(name=f"#{workshop_id}")
        return found

    def submit_judgement(self, workshop_id: int, judgement: Judgement, *, actor: Actor | None = None) -> None:
        """Keep the acting user's input to an open workshop (replacing their earlier one); every
        role may take part. The participant is the actor, whatever ``judgement.participant`` says."""
        actor = self._may(actor, Action.READ)  # type: ignore[attr-defined]
        self._writable()  # type: ignore[attr-defined]
        if not self.workshop(workshop_id).is_open:
            raise WorkshopClosedError(id=workshop_id)
        i = self._inputs.c
        with self._transaction(write=True) as conn:  # type: ignore[attr-defined]
            conn.execute(self._inputs.delete().where(i.workshop == int(workshop_id), i.participant == actor.user))
            conn.execute(
                self._inputs.insert().values(
                    workshop=int(workshop_id), participant=actor.user, body=judgement.to_json(), saved=_now()
                )
            )

    def judgements(self, workshop_id: int) -> list[Judgement]:
        """The participants' inputs, by participant."""
        i = self._inputs.c
        query = sa.select(i.participant, i.body).where(i.workshop == int(workshop_id)).order_by(i.participant)
        with self._transaction(write=False) as conn:  # type: ignore[attr-defined]
            rows = conn.execute(query).all()
        return [Judgement.from_json(str(r[0]), str(r[1])) for r in rows]

    def close_workshop(self, workshop_id: int, *, actor: Actor | None = None) -> None:
        """Close a workshop (admins): its inputs stay, no new ones are taken."""
        self._may(actor, Action.MANAGE_WORKSHOPS)  # type: ignore[attr-defined]
        self._writable()  # type: ignore[attr-defined]
        self.workshop(workshop_id)
        with self._transaction(write=True) as conn:  # type: ignore[attr-defined]
            conn.execute(self._workshops.update().where(self._workshops.c.id == int(workshop_id)).values(closed=_now()))


def _now() -> datetime:
    return datetime.now(UTC)
