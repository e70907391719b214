import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * Labels each cell with its column's header (`data-label`), so that on a phone (styles.css, below
 * 600 px) every row can be shown as a card of "header: value" lines. The explicit roles keep the
 * table a table for screen readers once CSS gives its elements `display: block`.
 */
function labelCells(container: HTMLElement): void {
  for (const table of container.querySelectorAll('table')) {
    table.setAttribute('role', 'table');
    const headers = [...table.querySelectorAll(':scope > thead > tr:first-child > th')].map(
      (th) => th.textContent?.trim() ?? '',
    );
    for (const group of table.querySelectorAll(':scope > thead, :scope > tbody, :scope > tfoot'))
      group.setAttribute('role', 'rowgroup');
    for (const row of table.querySelectorAll(
      ':scope > thead > tr, :scope > tbody > tr, :scope > tfoot > tr',
    )) {
      row.setAttribute('role', 'row');
      [...row.children].forEach((cell, column) => {
        const inHead = cell.parentElement?.parentElement?.tagName === 'THEAD';
        if (cell.tagName === 'TH')
          cell.setAttribute(
            'role',
            inHead || cell.getAttribute('scope') === 'col' ? 'columnheader' : 'rowheader',
          );
        else cell.setAttribute('role', 'cell');
        const label = headers[column];
        if (!inHead && label) cell.setAttribute('data-label', label);
      });
    }
  }
}

/**
 * A wide table on small screens: scrollable and reachable with the keyboard (WCAG 2.1.1; axe
 * "scrollable-region-focusable") between 600 px and its width, and reflowed to one card per row on a
 * phone, each value under its column's name (issue 21, "Phone and print").
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
  const container = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    labelCells(element);
    // Rows come and go (paging, filters, loading) without this component rendering again.
    const observer = new MutationObserver(() => labelCells(element));
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  });
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0} ref={container}>
      <div className="table-scroll-inner" style={{ minWidth }}>
        {children}
      </div>
    </div>
  );
}
