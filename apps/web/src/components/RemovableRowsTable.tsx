import { ActionIcon, Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollTable } from './ScrollTable';

/** An editable list as a table: a row per draft, its cells given by the caller, and a button to remove it. */
export function RemovableRowsTable<Row extends { key: string }>({
  label,
  minWidth,
  headers,
  rows,
  rowTestId,
  cells,
  removeLabel,
  onRemove,
}: {
  label: string;
  minWidth: number;
  headers: readonly string[];
  rows: readonly Row[];
  rowTestId?: string;
  /** The row's `<Table.Td>`s, one per header. */
  cells: (row: Row, index: number) => ReactNode;
  removeLabel: (row: Row, index: number) => string;
  onRemove: (index: number) => void;
}) {
  return (
    <ScrollTable label={label} minWidth={minWidth}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header) => (
              <Table.Th key={header} scope="col">
                {header}
              </Table.Th>
            ))}
            <Table.Th scope="col">
              <VisuallyHidden>Ta bort</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={row.key} data-testid={rowTestId}>
              {cells(row, index)}
              <Table.Td>
                <ActionIcon
                  variant="default"
                  aria-label={removeLabel(row, index)}
                  onClick={() => onRemove(index)}
                >
                  ✕
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
