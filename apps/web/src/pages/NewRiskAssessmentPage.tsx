import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  RISK_ASSESSMENT_TRIGGER_LABELS,
  RISK_ASSESSMENT_TRIGGERS,
  type RiskAssessmentTrigger,
} from '@kvalitet/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { apiJson, newIdempotencyKey } from '../api/client';
import { useUnitOptions, useUnits } from '../api/hooks';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice, fieldError, QueryState } from '../components/QueryState';
import { RiskScoreFields } from '../components/RiskScore';
import { READABLE_ERRORS, type RiskAssessment, type RiskPolicy } from '../lib/risk';
import { usePageTitle } from '../lib/use-page-title';

interface RiskDraft {
  key: number;
  description: string;
  probability: number;
  severity: number;
  causes: string;
}

const TRIGGER_HELP: Readonly<Record<RiskAssessmentTrigger, string>> = {
  change: 'Inför en förändring, till exempel ny lokal, ny målgrupp eller ändrad bemanning.',
  new_routine: 'När en ny rutin, process eller arbetsmetod ska börja användas.',
  deviation_pattern: 'När liknande avvikelser har upprepats.',
  yearly: 'Verksamhetens årliga genomgång av risker.',
  other: 'Någon annan anledning; beskriv den nedan.',
};

/** Lines of a textarea as causes; empty lines are left out. */
const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

export function useRiskPolicy() {
  return useQuery({
    queryKey: ['risk-policy'],
    queryFn: () => apiJson<RiskPolicy>('/api/v1/risk-policy'),
    staleTime: 5 * 60_000,
  });
}

export function NewRiskAssessmentPage() {
  usePageTitle('Ny riskanalys');
  const { me } = useAuth();
  const navigate = useNavigate();
  const policy = useRiskPolicy();
  const [title, setTitle] = useState('');
  const [unitId, setUnitId] = useState(me?.unitIds[0] ?? '');
  const [trigger, setTrigger] = useState<RiskAssessmentTrigger>('change');
  const [description, setDescription] = useState('');
  const nextKey = useRef(1);
  const [risks, setRisks] = useState<RiskDraft[]>([
    { key: 0, description: '', probability: 2, severity: 2, causes: '' },
  ]);
  const idempotencyKey = useRef(newIdempotencyKey());

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiJson<RiskAssessment>('/api/v1/risk-assessments', {
        method: 'POST',
        body,
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: (created) => {
      idempotencyKey.current = newIdempotencyKey();
      navigate(`/riskanalyser/${created.id}`);
    },
  });

  const units = useUnits();
  const unitOptions = useUnitOptions();

  const update = (key: number, patch: Partial<RiskDraft>) =>
    setRisks((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = {
      title,
      unitId,
      trigger,
      risks: risks.map((r) => {
        const causes = linesOf(r.causes);
        return {
          description: r.description,
          probability: r.probability,
          severity: r.severity,
          ...(causes.length > 0 ? { causes } : {}),
        };
      }),
    };
    if (description.trim()) body['description'] = description;
    create.mutate(body);
  }

  const err = create.error;
  return (
    <Stack maw={820} style={READABLE_ERRORS}>
      <Anchor component={Link} to="/riskanalyser" size="sm">
        ← Alla riskanalyser
      </Anchor>
      <Title order={2}>Ny riskanalys</Title>
      <Text c="dimmed">
        Beskriv vad som kan gå fel och bedöm varje risk. Riskvärdet är sannolikhet × allvarlighetsgrad (1–16);
        nivån visas direkt. Fält markerade med * måste fyllas i.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Rubrik"
            withAsterisk
            description="Vad analysen gäller, till exempel ”Fall vid förflyttning nattetid”"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(err, 'title')}
          />
          <QueryState query={units} loadingLabel="Hämtar enheter…">
            {() => (
              <NativeSelect
                label="Enhet"
                withAsterisk
                data={[{ value: '', label: 'Välj enhet' }, ...unitOptions]}
                value={unitId}
                onChange={(e) => setUnitId(e.currentTarget.value)}
                error={fieldError(err, 'unitId')}
              />
            )}
          </QueryState>
          <NativeSelect
            label="Anledning"
            withAsterisk
            description={TRIGGER_HELP[trigger]}
            value={trigger}
            onChange={(e) => setTrigger(e.currentTarget.value as RiskAssessmentTrigger)}
            data={RISK_ASSESSMENT_TRIGGERS.map((t) => ({
              value: t,
              label: RISK_ASSESSMENT_TRIGGER_LABELS[t],
            }))}
            error={fieldError(err, 'trigger')}
          />
          <Textarea
            label="Bakgrund (valfritt)"
            description="Vad som ändras eller har hänt. Skriv inte personnummer."
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(err, 'description')}
          />
          <Title order={3} size="h4">
            Risker
          </Title>
          {risks.map((r, i) => (
            <Card withBorder padding="sm" key={r.key} role="group" aria-labelledby={`risk-${r.key}-rubrik`}>
              <Stack gap="sm">
                <Group justify="space-between">
                  <Text fw={600} id={`risk-${r.key}-rubrik`}>
                    Risk {i + 1}
                  </Text>
                  {risks.length > 1 && (
                    <Button
                      variant="subtle"
                      color="red.9"
                      size="xs"
                      onClick={() => setRisks((all) => all.filter((o) => o.key !== r.key))}
                    >
                      Ta bort risk {i + 1}
                    </Button>
                  )}
                </Group>
                <Textarea
                  label="Vad kan hända?"
                  withAsterisk
                  description="Beskriv risken ur brukarens eller patientens perspektiv"
                  autosize
                  minRows={2}
                  value={r.description}
                  onChange={(e) => update(r.key, { description: e.currentTarget.value })}
                  error={fieldError(err, `risks[${i}].description`)}
                />
                <RiskScoreFields
                  idPrefix={`risk-${r.key}`}
                  probability={r.probability}
                  severity={r.severity}
                  onProbability={(v) => update(r.key, { probability: v })}
                  onSeverity={(v) => update(r.key, { severity: v })}
                  bands={policy.data?.bands}
                  probabilityError={fieldError(err, `risks[${i}].probability`)}
                  severityError={fieldError(err, `risks[${i}].severity`)}
                />
                <Textarea
                  label="Orsaker (valfritt)"
                  description="En orsak per rad. Kan också fyllas i senare."
                  autosize
                  minRows={2}
                  value={r.causes}
                  onChange={(e) => update(r.key, { causes: e.currentTarget.value })}
                  error={fieldError(err, `risks[${i}].causes`)}
                />
              </Stack>
            </Card>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() => {
                const key = nextKey.current++;
                setRisks((all) => [
                  ...all,
                  { key, description: '', probability: 2, severity: 2, causes: '' },
                ]);
              }}
            >
              Lägg till en risk
            </Button>
          </Group>
          {err != null && <ErrorNotice error={err} title="Riskanalysen kunde inte sparas" />}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Spara riskanalysen
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
