import { Anchor, Badge, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { apiJson, newIdempotencyKey } from '../api/client';
import type { ApiSchemas, Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormButtons, FormDisclosure } from '../components/FormDisclosure';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { internkontrollRights } from '../lib/egenkontroll';
import { READABLE_ERRORS } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

export type InternkontrollPlan = ApiSchemas['InternkontrollPlanDto'];

const STAGE_LABELS: Readonly<Record<string, string>> = {
  risk_analysis: 'Riskanalys och urval',
  adopted: 'Beslutad av nämnden',
  reported: 'Rapporterad till nämnden',
};

const STAGE_COLORS: Readonly<Record<string, { bg: string; fg: string }>> = {
  risk_analysis: { bg: '#f1f3f5', fg: '#212529' },
  adopted: { bg: '#d0ebff', fg: '#0b3d66' },
  reported: { bg: '#d3f9d8', fg: '#1b4d24' },
};

export function StageBadge({ stage }: { stage: string }) {
  const colors = STAGE_COLORS[stage] ?? { bg: '#f1f3f5', fg: '#212529' };
  return (
    <Badge
      component="span"
      radius="sm"
      styles={{ root: { background: colors.bg, color: colors.fg, textTransform: 'none' } }}
      data-testid="internkontroll-steg"
    >
      {STAGE_LABELS[stage] ?? stage}
    </Badge>
  );
}

function NewPlanForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [year, setYear] = useState(
    String(Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 4)) + 1),
  );
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<InternkontrollPlan>('/api/v1/internkontroll/plans', {
        method: 'POST',
        body,
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: (plan) => navigate(`/ledningssystem/internkontroll/${plan.id}`),
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ year: Number(year) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Ny internkontrollplan
        </Title>
        <Text size="sm">
          Planen för ett år börjar med riskanalysen. Nämnden ska besluta om planen före årets början.
        </Text>
        <TextInput
          label="År"
          withAsterisk
          maw={160}
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
          error={fieldError(create.error, 'year')}
        />
        {create.error != null && <ErrorNotice error={create.error} title="Planen kunde inte skapas" />}
        <FormButtons pending={create.isPending} submit="Skapa planen" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** The board's yearly internkontroll plans (IK-1 … IK-4, DL-25). */
export function InternkontrollPage() {
  usePageTitle('Internkontroll');
  const { me } = useAuth();
  const rights = internkontrollRights(me?.roles ?? [], me?.username ?? '');
  const plans = useQuery({
    queryKey: ['internkontroll-plans'],
    queryFn: () => apiJson<Page<InternkontrollPlan>>('/api/v1/internkontroll/plans?pageSize=100'),
  });
  return (
    <Stack style={READABLE_ERRORS}>
      <Anchor component={Link} to="/ledningssystem" size="sm">
        ← Ledningssystem
      </Anchor>
      <Title order={2}>Internkontroll</Title>
      <Text c="dimmed">
        Nämndens årliga plan för intern kontroll: riskanalys, urval av de risker som ska kontrolleras,
        nämndens beslut om planen, kontrollerna och rapporten till nämnden med utvärdering.
      </Text>
      {rights.manage && (
        <FormDisclosure label="Ny internkontrollplan">
          {(close) => <NewPlanForm onCancel={close} />}
        </FormDisclosure>
      )}
      <QueryState query={plans} loadingLabel="Hämtar internkontrollplaner…">
        {(page) =>
          page.items.length === 0 ? (
            <Text role="status">Ingen internkontrollplan än.</Text>
          ) : (
            <ScrollTable label="Internkontrollplaner" minWidth={600}>
              <Table striped aria-label="Internkontrollplaner">
                <TableHead headers={['År', 'Steg', 'Risker', 'Valda risker', 'Kontroller klara']} />
                <Table.Tbody>
                  {[...page.items]
                    .sort((a, b) => b.year - a.year)
                    .map((p) => (
                      <Table.Tr key={p.id} data-testid="internkontrollplan">
                        <Table.Td>
                          <Anchor component={Link} to={`/ledningssystem/internkontroll/${p.id}`}>
                            Internkontrollplan {p.year}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <StageBadge stage={p.stage} />
                        </Table.Td>
                        <Table.Td>{p.risks.length}</Table.Td>
                        <Table.Td>{p.risks.filter((r) => r.selected === true).length}</Table.Td>
                        <Table.Td>
                          {p.controls.filter((c) => c.result !== null).length} av {p.controls.length}
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
