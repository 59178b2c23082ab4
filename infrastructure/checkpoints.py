"""The server's own checkpoints: one file a day in a folder outside the database."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from pathlib import Path

from application.integrity import Checkpoint
from infrastructure.seal_keys import InvalidCheckpoint, checkpoint_json, read_checkpoint
from infrastructure.sealing import SealKey

log = logging.getLogger("chengxin.seals")
DAY = timedelta(days=1)
PATTERN = "checkpoint-*.json"


class CheckpointFolder:
    def __init__(self, folder: Path, key: SealKey) -> None:
        self.folder = folder
        self.key = key

    def write(self, checkpoint: Checkpoint) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = checkpoint.time.strftime("%Y%m%dT%H%M%S%fZ")
        path = self.folder / f"checkpoint-{stamp}-{checkpoint.position}.json"
        partial = path.with_suffix(".part")
        partial.write_text(checkpoint_json(checkpoint), encoding="utf-8")
        os.replace(partial, path)  # a reader never sees half a checkpoint
        return path

    def latest(self) -> Checkpoint | None:
        """The newest checkpoint that is whole and signed with this key (others are logged)."""
        for path in sorted(self.folder.glob(PATTERN), reverse=True):
            try:
                return read_checkpoint(path, self.key)
            except InvalidCheckpoint as error:
                log.warning("skipped the checkpoint %s: %s", path.name, error.message)
        return None

    def due(self, now: datetime) -> bool:
        latest = self.latest()
        return latest is None or now - latest.time >= DAY
