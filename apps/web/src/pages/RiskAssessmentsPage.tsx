import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import {
  RISK_ASSESSMENT_STAGE_LABELS,
  RISK_ASSESSMENT_STAGES,
  RISK_ASSESSMENT_TRIGGER_LABELS,
  type RiskAssessmentStage,
  type RiskAssessmentTrigger,
} from '@kvalitet/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiJson } from '../api/client';
import { useUnitName } from '../api/hooks';
import type { Page } from '../api/types';
import { QueryState } from '../components/QueryState';
import { LevelBadge } from '../components/RiskScore';
import { ScrollTable } from '../components/ScrollTable';
import { formatDate } from '../lib/format';
import type { RiskAssessmentListItem } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

/** The heat-map cell a link from the risk matrix names (`?sannolikhet=3&allvarlighet=4`), if any. */
function useHeatMapCell(): { probability: number; severity: number } | null {
  const [search] = useSearchParams();
  const probability = Number(search.get('sannolikhet'));
  const severity = Number(search.get('allvarlighet'));
  const inMatrix = (n: number) => Number.isInteger(n) && n >= 1 && n <= 4;
  return inMatrix(probability) && inMatrix(severity) ? { probability, severity } : null;
}

/** Riskanalyserna du får se (chefer för sina enheter, kvalitet alla), med ny riskanalys. */
export function RiskAssessmentsPage() {
  usePageTitle('Riskanalyser');
  const [stage, setStage] = useState('');
  const unitName = useUnitName();
  const cell = useHeatMapCell();
  const params = new URLSearchParams({ pageSize: '500' });
  if (stage) params.set('stage', stage);
  if (cell) {
    params.set('probability', String(cell.probability));
    params.set('severity', String(cell.severity));
  }
  const list = useQuery({
    queryKey: ['risk-assessments', params.toString()],
    queryFn: () => apiJson<Page<RiskAssessmentListItem>>(`/api/v1/risk-assessments?${params.toString()}`),
  });

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Title order={2}>Riskanalyser</Title>
        <Button component={Link} to="/riskanalyser/ny">
          Ny riskanalys
        </Button>
      </Group>
      <Text c="dimmed" maw={720}>
        En riskanalys beskriver vad som kan gå fel, bedömer varje risk i 4×4-matrisen (sannolikhet ×
        allvarlighetsgrad), letar orsaker och planerar åtgärder. Höga och mycket höga risker kräver en
        handlingsplan.
      </Text>
      {cell && (
        <Group gap="sm" role="status">
          <Text size="sm">
            Visar riskanalyser med en risk som nu bedöms ha sannolikhet {cell.probability} och
            allvarlighetsgrad {cell.severity} (en ruta i värmekartan).
          </Text>
          <Anchor component={Link} to="/riskanalyser" size="sm">
            Visa alla riskanalyser
          </Anchor>
        </Group>
      )}
      <NativeSelect
        label="Steg"
        maw={320}
        value={stage}
        onChange={(e) => setStage(e.currentTarget.value)}
        data={[
          { value: '', label: 'Alla steg' },
          ...RISK_ASSESSMENT_STAGES.map((s) => ({ value: s, label: RISK_ASSESSMENT_STAGE_LABELS[s] })),
        ]}
      />
      <QueryState query={list} loadingLabel="Hämtar riskanalyser…">
        {(page) =>
          page.items.length === 0 ? (
            <Text role="status">
              {cell ? 'Inga riskanalyser har en risk i den rutan.' : 'Inga riskanalyser än.'}
            </Text>
          ) : (
            <ScrollTable label="Riskanalyser" minWidth={760}>
              <Table striped highlightOnHover aria-label="Riskanalyser">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Riskanalys</Table.Th>
                    <Table.Th scope="col">Enhet</Table.Th>
                    <Table.Th scope="col">Anledning</Table.Th>
                    <Table.Th scope="col">Steg</Table.Th>
                    <Table.Th scope="col">Högsta risk</Table.Th>
                    <Table.Th scope="col">Öppna åtgärder</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((r) => (
                    <Table.Tr key={r.id} data-testid="riskanalys">
                      <Table.Td>
                        <Anchor component={Link} to={`/riskanalyser/${r.id}`} fw={600}>
                          {r.reference}
                        </Anchor>
                        <Text size="sm">{r.title}</Text>
                      </Table.Td>
                      <Table.Td>{unitName(r.unitId)}</Table.Td>
                      <Table.Td>
                        {RISK_ASSESSMENT_TRIGGER_LABELS[r.trigger as RiskAssessmentTrigger] ?? r.trigger}
                      </Table.Td>
                      <Table.Td>
                        {RISK_ASSESSMENT_STAGE_LABELS[r.stage as RiskAssessmentStage] ?? r.stage}
                      </Table.Td>
                      <Table.Td>
                        <LevelBadge level={r.maxLevel} score={r.maxScore} />
                      </Table.Td>
                      <Table.Td>
                        {r.openActions}
                        {r.nextDueAt && (
                          <Text span size="sm" ml={6} className={r.overdue ? 'overdue' : undefined}>
                            (nästa {formatDate(r.nextDueAt)})
                          </Text>
                        )}
                        {r.missedActions > 0 && (
                          <Badge color="red.9" ml={6} size="sm">
                            {r.missedActions} försenad{r.missedActions === 1 ? '' : 'e'}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm" c="dimmed" mt="xs">
                {page.items.length} av {page.total} riskanalyser
              </Text>
            </ScrollTable>
          )
        }
      </QueryState>
    </Stack>
  );
}
