import { Badge, Group, NativeSelect, Text } from '@mantine/core';
import { PROBABILITY_LABELS, SEVERITY_LABELS, type RiskBands } from '@kvalitet/domain';
import { LEVEL_COLORS, levelLabel, liveScore } from '../lib/risk';

const FACTORS = [1, 2, 3, 4] as const;

/** A level as a coloured badge with its Swedish name (the colour is never the only cue). */
export function LevelBadge({ level, score }: { level: string | null; score?: number | null }) {
  if (!level)
    return (
      <Text span c="dimmed">
        –
      </Text>
    );
  const colors = LEVEL_COLORS[level] ?? { bg: '#f1f3f5', fg: '#212529' };
  return (
    <Badge
      component="span"
      radius="sm"
      styles={{ root: { background: colors.bg, color: colors.fg, textTransform: 'none' } }}
    >
      {score != null ? `${score} · ` : ''}
      {levelLabel(level)}
    </Badge>
  );
}

/**
 * Sannolikhet and allvarlighetsgrad (1–4 each) with the score and level shown as they are chosen.
 * `idPrefix` keeps the ids unique when several risks are on one page.
 */
export function RiskScoreFields({
  idPrefix,
  probability,
  severity,
  onProbability,
  onSeverity,
  bands,
  probabilityError,
  severityError,
}: {
  idPrefix: string;
  probability: number;
  severity: number;
  onProbability: (v: number) => void;
  onSeverity: (v: number) => void;
  bands?: RiskBands;
  probabilityError?: string;
  severityError?: string;
}) {
  const live = liveScore(probability, severity, bands);
  return (
    <Group align="end" gap="md" wrap="wrap">
      <NativeSelect
        id={`${idPrefix}-sannolikhet`}
        label="Sannolikhet"
        description="Hur troligt är det att det händer?"
        value={String(probability)}
        onChange={(e) => onProbability(Number(e.currentTarget.value))}
        data={FACTORS.map((f) => ({ value: String(f), label: `${f} – ${PROBABILITY_LABELS[f]}` }))}
        error={probabilityError}
      />
      <NativeSelect
        id={`${idPrefix}-allvarlighetsgrad`}
        label="Allvarlighetsgrad"
        description="Hur allvarliga blir följderna?"
        value={String(severity)}
        onChange={(e) => onSeverity(Number(e.currentTarget.value))}
        data={FACTORS.map((f) => ({ value: String(f), label: `${f} – ${SEVERITY_LABELS[f]}` }))}
        error={severityError}
      />
      <output
        htmlFor={`${idPrefix}-sannolikhet ${idPrefix}-allvarlighetsgrad`}
        aria-live="polite"
        data-testid="riskvarde"
      >
        {live ? (
          <Group gap={6} wrap="nowrap">
            <Text span size="sm">
              Riskvärde {probability} × {severity} = <strong>{live.score}</strong>
            </Text>
            <LevelBadge level={live.level} />
            <Text span size="xs" c="dimmed">
              {live.demand}
            </Text>
          </Group>
        ) : (
          <Text span size="sm" c="dimmed">
            Välj sannolikhet och allvarlighetsgrad
          </Text>
        )}
      </output>
    </Group>
  );
}
