"""Beneficiaries are stored under the WTO's names: 'Vietnam' becomes 'Viet Nam', 'Turkey' 'Türkiye'.

Every activity's beneficiaries (and their folded keys, which filters match) are rewritten with the names
of bot/data/wto_members.toml. A name the list does not know is kept as it is, and reported.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""
import logging
import re
import tomllib
import unicodedata
from collections import Counter
from importlib import resources

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
_PUNCTUATION = re.compile(r"[\W_]+")


def _fold(value: str) -> str:  # as bot.core.text.fold, frozen here so the migration never changes
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _key(name: str) -> str:  # as bot.core.beneficiaries.key, frozen here
    folded = _fold(name or "")
    folded = folded[4:] if folded.startswith("the ") else folded
    return _PUNCTUATION.sub("", folded)


def _keys(values) -> str:  # as storage.activities.keys, frozen here
    return "|" + "".join(_fold(value).replace("|", " ") + "|" for value in values)


def _names() -> dict[str, str]:
    """Every spelling's key -> the WTO name, from the shipped list (the first entry wins a shared one)."""
    with resources.files("bot.data").joinpath("wto_members.toml").open("rb") as handle:
        entries = tomllib.load(handle)["entries"]
    found: dict[str, str] = {}
    for entry in entries:
        for name in (entry["name"], entry.get("name_fr"), entry.get("name_es"), entry.get("code"),
                     *entry.get("variants", ())):
            if name:
                found.setdefault(_key(name), entry["name"])
    return found


def upgrade() -> None:
    activities = sa.table('activities', sa.column('id', sa.Integer), sa.column('beneficiaries', sa.JSON),
                          sa.column('beneficiary_keys', sa.Text))
    connection = op.get_bind()
    names = _names()
    unmatched: Counter[str] = Counter()
    changed = []
    for row in connection.execute(sa.select(activities.c.id, activities.c.beneficiaries)).all():
        stored = list(row.beneficiaries or [])
        renamed: list[str] = []
        for name in stored:
            wto = names.get(_key(name)) if isinstance(name, str) else None
            if wto is None:
                unmatched[str(name)] += 1
                wto = name
            if all(_key(wto) != _key(other) for other in renamed):
                renamed.append(wto)
        if renamed != stored:
            changed.append({"row_id": row.id, "names": renamed, "keys": _keys(renamed)})
    update = (activities.update().where(activities.c.id == sa.bindparam("row_id"))
              .values(beneficiaries=sa.bindparam("names", type_=sa.JSON), beneficiary_keys=sa.bindparam("keys")))
    for start in range(0, len(changed), 1000):
        connection.execute(update, changed[start:start + 1000])
    log.info("beneficiaries: %d activities renamed to the WTO's names", len(changed))
    if unmatched:
        listed = ", ".join(f"{name!r} ({count})" for name, count in sorted(unmatched.items()))
        log.warning("beneficiaries not in the WTO list, kept as they are: %s", listed)


def downgrade() -> None:
    # Nothing to undo: the WTO's names are valid beneficiaries for the earlier schema too, and the
    # names as first typed were not kept.
    pass
