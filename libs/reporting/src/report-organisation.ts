import type { ReportUnit } from '@kvalitet/domain';
import { organisation } from '@kvalitet/runtime';

/** The unit tree the scheduled reports roll up: the organisation every process reads (ADR 0030). */
export const REPORT_DEMO_UNITS: readonly ReportUnit[] = organisation().units;
