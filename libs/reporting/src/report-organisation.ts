import { DEMO_ORG_UNITS, type ReportUnit } from '@kvalitet/domain';

/**
 * The unit tree the worker's scheduled reports roll up: api.md's demo organisation, the same tree the
 * api serves, from the domain's one definition (issue 22) until it comes from a directory (DATA-10).
 */
export const REPORT_DEMO_UNITS: readonly ReportUnit[] = DEMO_ORG_UNITS;
