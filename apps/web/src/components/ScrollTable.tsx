import type { ReactNode } from 'react';

/**
 * A horizontally scrollable wrapper for wide tables on small screens, reachable and scrollable with
 * the keyboard (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function ScrollTable({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
