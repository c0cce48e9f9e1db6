import type { ReactNode } from 'react';

/**
 * A table cell's column name, shown only where a narrow frame lays the table out as cards (one card
 * per row, each value beside its column's name); hidden in the table itself, where the header says it.
 */
export function CellLabel({ children, hidden = false }: { children: ReactNode; hidden?: boolean }) {
  return (
    <span className="cell-label" aria-hidden={hidden || undefined}>
      {children}
    </span>
  );
}
