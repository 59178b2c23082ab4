"""The planner's statistics after a bulk change (an import), on PostgreSQL.

The planner plans with the statistics of a table's last ANALYZE. Right after a large first
import they describe an empty table: a search for a common name fragment then took 5.7 ms by a
plan made for no rows, and 0.17 ms after ANALYZE. Autovacuum catches up within about a minute
(never where it is off); an import that changed a table by more than autovacuum's own share
analyses it at once. SQLite plans without statistics unless asked to keep them, and Chengxin
never does: there, nothing to refresh.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from infrastructure.persistence import SqlStore

log = logging.getLogger("chengxin.statistics")

# autovacuum's own rule (autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × the
# rows of the last ANALYZE), applied at once to the rows the change added: the server's own
# counts of changed rows reach pg_stat_user_tables seconds later. A table never analysed has
# reltuples -1. Every table of the schema is weighed, those the change did not write too: it
# analyses only the small ones again, which costs next to nothing.
STALE = text(
    """
    SELECT c.relname FROM pg_class AS c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      AND (c.reltuples < 0 OR :added > 50 + 0.1 * c.reltuples)
    ORDER BY c.relname
    """
)


class SqlStatistics:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def refresh(self, added: int) -> list[str]:
        """Analyse the tables that a bulk change of about `added` rows a table outgrew; their
        names. A failure is logged, never raised: the change is committed, and autovacuum
        will catch up."""
        if not self.store.is_postgres:
            return []
        quote = self.store.engine.dialect.identifier_preparer.quote
        try:
            with self.store.engine.begin() as connection:
                stale = connection.execute(STALE, {"added": added}).scalars()
                names = [str(name) for name in stale]
                for name in names:
                    connection.execute(text(f"ANALYZE {quote(name)}"))
        except DBAPIError as error:
            log.warning("statistics not refreshed after a bulk change: %s", type(error).__name__)
            return []
        return names
