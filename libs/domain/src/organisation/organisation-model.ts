import type { Role } from './roles';

/** The legal areas a board answers for and a unit works under (SC-3). */
export const LEGAL_AREAS = ['SoL', 'LSS', 'HSL'] as const;
export type LegalArea = (typeof LEGAL_AREAS)[number];

/** A nämnd: the secrecy boundary of its cases (DATA-3) and the owner of its ledningssystem (SC-2). */
export interface Board {
  readonly id: string;
  readonly name: string;
  readonly legalAreas: readonly LegalArea[];
}

/** A förvaltning works for exactly one board. */
export interface Forvaltning {
  readonly id: string;
  readonly name: string;
  readonly boardId: string;
}

/** Why a unit is outside the ledningssystem (PR-11, AUD-7): without it the unit is refused. */
export interface ExclusionAnalysis {
  readonly decidedAt: string;
  readonly decidedBy: string;
  readonly rationale: string;
}

/**
 * A unit of the organisation's tree. The board, förvaltning and legal areas are always present in a
 * loaded organisation; they are optional so that a bare tree (tests of the tree's own questions) fits.
 */
export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly forvaltningId?: string;
  readonly boardId?: string;
  readonly legalAreas?: readonly LegalArea[];
  readonly inLedningssystem?: boolean;
  readonly exclusionAnalysis?: ExclusionAnalysis | null;
}

/**
 * A user of the directory. `boardIds` are the boards whose cases a board-wide role reads: one MAS or
 * SAS may serve several boards (SC-3) while their own unit stays in one of them.
 */
export interface OrganisationUser {
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly unitIds: readonly string[];
  readonly boardIds: readonly string[];
}

/** The organisation file's content, validated (`parseOrganisation`). */
export interface OrganisationDefinition {
  readonly municipality: string;
  readonly boards: readonly Board[];
  readonly forvaltningar: readonly Forvaltning[];
  readonly units: readonly OrgUnit[];
  readonly users: readonly OrganisationUser[];
}
