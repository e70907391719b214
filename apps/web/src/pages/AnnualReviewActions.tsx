import { Button, CloseButton, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { fieldError } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { useUnitName } from '../api/hooks';
import { formatDate } from '../lib/format';
import type { AnnualReview } from '../lib/ledningssystem';
import { UserPicker } from '../components/UserPicker';
import { PersonName } from '../components/PersonName';

export interface ReviewActionRow {
  title: string;
  owner: string;
  dueOn: string;
}

type ReviewAction = AnnualReview['actions'][number];

const STAGE_TEXT: Readonly<Record<string, string>> = {
  proposed: 'Föreslagen',
  rejected: 'Avslagen',
  planned: 'Planerad, inte genomförd',
  implemented: 'Genomförd, effekten följs upp',
  effective: 'Genomförd och effekten uppföljd',
};

/** Every row is sent, so the api's `actions[i]` errors land on row i; an empty field is left out ("måste anges"). */
export function reviewActionsBody(rows: readonly ReviewActionRow[]): Partial<ReviewActionRow>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries({ title: row.title.trim(), owner: row.owner.trim(), dueOn: row.dueOn }).filter(
        ([, value]) => value.length > 0,
      ),
    ),
  );
}

/** IMP-10: each decided improvement with who answers for it and by when; the api's errors at each field. */
export function ReviewActionRows({
  rows,
  onChange,
  error,
}: {
  rows: ReviewActionRow[];
  onChange: (rows: ReviewActionRow[]) => void;
  error: unknown;
}) {
  const change = (index: number, field: keyof ReviewActionRow, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Title order={4} component="legend">
        Beslutade förbättringsåtgärder
      </Title>
      <Text size="sm" c="dimmed">
        Varje åtgärd blir en uppgift för den som är ansvarig och ingår i nästa års handlingsplan.
      </Text>
      {fieldError(error, 'actions') && (
        <Text size="sm" c="red.9" role="alert">
          {fieldError(error, 'actions')}
        </Text>
      )}
      {rows.map((row, index) => {
        const errorAt = (field: string) => fieldError(error, `actions[${index}].${field}`);
        const n = index + 1;
        return (
          <Group key={index} align="flex-start" wrap="wrap" gap="sm" data-testid="atgard-rad">
            <TextInput
              label={`Åtgärd ${n}`}
              withAsterisk
              style={{ flex: '2 1 16rem' }}
              value={row.title}
              onChange={(e) => change(index, 'title', e.currentTarget.value)}
              error={errorAt('title')}
            />
            <UserPicker
              label={`Ansvarig för åtgärd ${n}`}
              required
              value={row.owner}
              onChange={(owner) => change(index, 'owner', owner)}
              error={errorAt('owner')}
            />
            <TextInput
              label={`Klar senast, åtgärd ${n}`}
              type="date"
              withAsterisk
              style={{ flex: '1 1 10rem' }}
              value={row.dueOn}
              onChange={(e) => change(index, 'dueOn', e.currentTarget.value)}
              error={errorAt('dueOn')}
            />
            {rows.length > 1 && (
              <CloseButton
                mt={28}
                aria-label={`Ta bort åtgärd ${n}`}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              />
            )}
          </Group>
        );
      })}
      <Group>
        <Button variant="light" onClick={() => onChange([...rows, { title: '', owner: '', dueOn: '' }])}>
          Lägg till åtgärd
        </Button>
      </Group>
    </Stack>
  );
}

/** The decided actions with owner, last day and where they stand in the improvement work. */
export function ReviewActionsTable({ actions }: { actions: readonly ReviewAction[] }) {
  const unitName = useUnitName();
  return (
    <ScrollTable label="Beslutade förbättringsåtgärder" minWidth={640}>
      <Table data-testid="genomgang-atgarder">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Åtgärd</Table.Th>
            <Table.Th scope="col">Ansvarig</Table.Th>
            <Table.Th scope="col">Enhet</Table.Th>
            <Table.Th scope="col">Klar senast</Table.Th>
            <Table.Th scope="col">Läge</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((action) => (
            <Table.Tr key={action.improvementId}>
              <Table.Td>
                {action.title}
                {action.reference && (
                  <Text size="xs" c="dimmed">
                    {action.reference} i Mina uppgifter
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <PersonName username={action.owner} />
              </Table.Td>
              <Table.Td>{unitName(action.unitId)}</Table.Td>
              <Table.Td>{formatDate(action.dueOn)}</Table.Td>
              <Table.Td>{action.stage ? (STAGE_TEXT[action.stage] ?? 'Pågår') : 'Registreras'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
