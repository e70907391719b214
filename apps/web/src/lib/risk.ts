import type { CSSProperties } from 'react';
import {
  DEFAULT_RISK_BANDS,
  RISK_LEVEL_INFO,
  scoreRisk,
  type RiskBands,
  type RiskLevel,
} from '@kvalitet/domain';

interface RiskScore {
  probability: number;
  severity: number;
  score: number;
  level: string;
}

interface RiskAcceptance {
  rationale: string;
  by: string;
  at: string;
}

export interface Risk extends RiskScore {
  id: string;
  description: string;
  causes: string[];
  demand: string;
  actionPlanRequired: boolean;
  accepted: RiskAcceptance | null;
  residual: (RiskScore & RiskAcceptance) | null;
}

export interface RiskAction {
  id: string;
  riskId: string;
  title: string;
  owner: string;
  dueAt: string;
  causeIndexes: number[];
  status: 'open' | 'completed';
  result: string | null;
  completedAt: string | null;
  deadline: { dueAt: string; status: string; escalationLevel: number; escalatedTo: string[] };
}

export interface RiskAssessment {
  id: string;
  reference: string;
  title: string;
  unitId: string;
  trigger: string;
  description: string | null;
  stage: string;
  owner: string | null;
  version: number;
  createdAt: string;
  closedAt: string | null;
  summary: string | null;
  dismissal: RiskAcceptance | null;
  risks: Risk[];
  actions: RiskAction[];
  maxScore: number | null;
  maxLevel: string | null;
  currentMaxScore: number | null;
  allowedCommands: string[];
}

export interface RiskAssessmentListItem {
  id: string;
  reference: string;
  title: string;
  unitId: string;
  trigger: string;
  stage: string;
  owner: string | null;
  riskCount: number;
  maxScore: number | null;
  maxLevel: string | null;
  currentMaxScore: number | null;
  openActions: number;
  missedActions: number;
  nextDueAt: string | null;
  overdue: boolean;
  createdAt: string;
}

export interface RiskPolicy {
  version: number;
  bands: RiskBands;
}

/** Same colours as the heat map on Översikt (contrast checked by axe there). */
export const LEVEL_COLORS: Readonly<Record<string, { bg: string; fg: string }>> = {
  low: { bg: '#d3f9d8', fg: '#1b4d24' },
  medium: { bg: '#fff3bf', fg: '#5c3c00' },
  high: { bg: '#ffc078', fg: '#4a2600' },
  very_high: { bg: '#c92a2a', fg: '#ffffff' },
};

export function levelLabel(level: string | null | undefined): string {
  if (!level) return '–';
  return RISK_LEVEL_INFO[level as RiskLevel]?.label ?? level;
}

export interface LiveScore {
  score: number;
  level: RiskLevel;
  label: string;
  demand: string;
}

/**
 * The score and level a form shows while the user chooses (RA-2, RA-3), from the organisation's
 * current bands; the api scores again when the risk is saved and its answer is what is kept.
 */
export function liveScore(
  probability: number,
  severity: number,
  bands: RiskBands = DEFAULT_RISK_BANDS,
): LiveScore | null {
  const r = scoreRisk(probability, severity, bands);
  if (!r.ok) return null;
  const info = RISK_LEVEL_INFO[r.level];
  return { score: r.score, level: r.level, label: info.label, demand: info.demand };
}

/**
 * Field errors in a darker red: Mantine's default error colour (red.6) has a contrast of 3.3:1 on
 * white, below WCAG 1.4.3; the custom property is inherited by every input below.
 */
export const READABLE_ERRORS = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties;
