import { Anchor, Badge, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitName, useUnitOptions } from '../api/hooks';
import type { ApiSchemas, Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { egenkontrollRights } from '../lib/egenkontroll';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

export type EgenkontrollPlan = ApiSchemas['EgenkontrollPlanDto'];

const thisYear = () =>
  Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4));

function NewPlanForm({ onCancel }: { onCancel: () => void }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const unitOptions = useUnitOptions();
  const [unitId, setUnitId] = useState(me?.unitIds[0] ?? '');
  const [year, setYear] = useState(String(thisYear()));
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<EgenkontrollPlan>('/api/v1/egenkontroll/plans', {
        method: 'POST',
        body,
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: (plan) => navigate(`/ledningssystem/egenkontroll/${plan.id}`),
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ unitId, year: Number(year), controls: [] });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Ny egenkontrollplan
        </Title>
        <Text size="sm">
          En plan per enhet och år. Kontrollerna lägger du till från katalogen när planen är skapad.
        </Text>
        <Group grow align="start">
          <NativeSelect
            label="Enhet"
            withAsterisk
            data={[{ value: '', label: 'Välj enhet' }, ...unitOptions]}
            value={unitId}
            onChange={(e) => setUnitId(e.currentTarget.value)}
            error={fieldError(create.error, 'unitId')}
          />
          <TextInput
            label="År"
            withAsterisk
            inputMode="numeric"
            value={year}
            onChange={(e) => setYear(e.currentTarget.value)}
            error={fieldError(create.error, 'year')}
          />
        </Group>
        {create.error != null && <ErrorNotice error={create.error} title="Planen kunde inte skapas" />}
        <FormButtons pending={create.isPending} submit="Skapa planen" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** The units' yearly egenkontroll plans (EK-1) with their status and missing results (AUD-11). */
export function EgenkontrollPage() {
  usePageTitle('Egenkontroll');
  const { me } = useAuth();
  const rights = egenkontrollRights(me?.roles ?? []);
  const unitName = useUnitName();
  const [year, setYear] = useState(String(thisYear()));
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear() + 1 - i));
  const plans = useQuery({
    queryKey: ['egenkontroll-plans', year],
    queryFn: () => apiJson<Page<EgenkontrollPlan>>(`/api/v1/egenkontroll/plans?year=${year}&pageSize=200`),
  });
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Egenkontroll</Title>
      <Text c="dimmed">
        Varje enhet har en årlig plan för sin egenkontroll: vilka kontroller som görs, hur, hur ofta och av
        vem. En kontroll räknas som gjord först när resultat, analys och åtgärder (eller att inga behövs) är
        registrerade.
      </Text>
      {rights.manage && (
        <FormDisclosure label="Ny egenkontrollplan">
          {(close) => <NewPlanForm onCancel={close} />}
        </FormDisclosure>
      )}
      <NativeSelect
        label="År"
        maw={160}
        data={years}
        value={year}
        onChange={(e) => setYear(e.currentTarget.value)}
      />
      <QueryState query={plans} loadingLabel="Hämtar egenkontrollplaner…">
        {(page) =>
          page.items.length === 0 ? (
            <Text role="status">Ingen egenkontrollplan för {year}.</Text>
          ) : (
            <ScrollTable label="Egenkontrollplaner" minWidth={640}>
              <Table striped aria-label={`Egenkontrollplaner ${year}`}>
                <TableHead headers={['Enhet', 'Status', 'Kontroller', 'Gjorda', 'Saknas']} />
                <Table.Tbody>
                  {[...page.items]
                    .sort((a, b) => unitName(a.unitId).localeCompare(unitName(b.unitId), 'sv'))
                    .map((p) => (
                      <Table.Tr key={p.id} data-testid="egenkontrollplan">
                        <Table.Td>
                          <Anchor component={Link} to={`/ledningssystem/egenkontroll/${p.id}`}>
                            {unitName(p.unitId)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <PlanStatusBadge status={p.status} />
                        </Table.Td>
                        <Table.Td>{p.controls.length}</Table.Td>
                        <Table.Td>
                          {p.occurrences.filter((o) => o.status === 'done').length} av {p.occurrences.length}
                        </Table.Td>
                        <Table.Td>
                          {p.missing > 0 ? (
                            <Text span c="red.9" fw={700}>
                              {p.missing} saknar resultat
                            </Text>
                          ) : (
                            '–'
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
    </Stack>
  );
}

export function PlanStatusBadge({ status }: { status: string }) {
  const adopted = status === 'adopted';
  return (
    <Badge
      component="span"
      radius="sm"
      styles={{
        root: {
          background: adopted ? '#d3f9d8' : '#f1f3f5',
          color: adopted ? '#1b4d24' : '#212529',
          textTransform: 'none',
        },
      }}
    >
      {adopted ? 'Fastställd' : 'Utkast'}
    </Badge>
  );
}
