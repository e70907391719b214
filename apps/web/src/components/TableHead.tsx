import { Table } from '@mantine/core';

/** A table's one header row, each heading a column header (scope="col"). */
export function TableHead({ headers }: { headers: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {headers.map((h) => (
          <Table.Th key={h} scope="col">
            {h}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
