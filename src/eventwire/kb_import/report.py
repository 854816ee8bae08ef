"""What an import read, produced and skipped, so a user can fix their dictionary or export.

Importers never stop on a bad line; they record it here with its file and line number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Skipped:
    """One input line (or record) that produced nothing, and why."""

    file: str
    line: int
    reason: str
    text: str = ""

    def render(self) -> str:
        shown = self.text if len(self.text) <= 70 else self.text[:67] + "..."
        return f"{self.file}:{self.line}: {self.reason}: {shown}"


@dataclass
class ImportReport:
    """Counts and problems of one import run, rendered as the CLI summary."""

    kind: str
    files: list[str] = field(default_factory=list)
    read: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, file: str, line: int, reason: str, text: str = "") -> None:
        self.skipped.append(Skipped(file, line, reason, text.strip()))

    def skipped_by_reason(self) -> Counter[str]:
        return Counter(item.reason for item in self.skipped)

    def render(self, max_skipped: int = 20) -> str:
        """A plain-text summary: what was read, rows per table, skipped lines with reasons."""
        lines = [f"{self.kind} import: {len(self.files)} file(s)"]
        lines += [f"  file {name}" for name in self.files]
        if self.read:
            lines.append("read:")
            lines += [f"  {what:<24} {count:>7}" for what, count in sorted(self.read.items())]
        lines.append("rows produced per table:")
        if self.rows:
            lines += [f"  {table:<24} {count:>7}" for table, count in sorted(self.rows.items())]
        else:
            lines.append("  (none)")
        lines.append(f"skipped: {len(self.skipped)}")
        for reason, count in self.skipped_by_reason().most_common():
            lines.append(f"  {count:>7}  {reason}")
        for item in self.skipped[:max_skipped]:
            lines.append("  " + item.render())
        if len(self.skipped) > max_skipped:
            lines.append(f"  ... and {len(self.skipped) - max_skipped} more")
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines)
