import { ledningssystemDecisionStatus, ledningssystemHealth } from './ledningssystem-decision';
import type { DocumentVersion, LedningssystemDocumentState } from './ledningssystem-document';
import { namndDecision } from './test-support';

const version = (validFrom: string, decidedBy: 'namnd' | 'forvaltningschef' = 'namnd'): DocumentVersion => ({
  version: validFrom.slice(0, 4),
  decision: { ...namndDecision(validFrom, 14), decidedBy },
  validFrom,
  changeNote: 'Ny version',
  revisionRule: 'Vartannat år',
  followUpRule: 'Årligen i mars',
  recordedBy: 'kvalitet',
  recordedAt: `${validFrom}T10:00:00Z`,
});

const documentWith = (...versions: DocumentVersion[]): LedningssystemDocumentState => ({
  id: 'd',
  version: 1 + versions.length,
  tasks: [],
  unitId: 'forvaltning',
  title: 'Ledningssystem',
  owner: 'forvaltningschef',
  status: versions.length > 0 ? 'adopted' : 'draft',
  versions,
  reviews: [],
});

describe('the nämnd decision on the ledningssystem (AUD-1, AUD-2)', () => {
  it('is not registered before the document exists, and missing before a version is adopted', () => {
    expect(ledningssystemDecisionStatus(null, new Date('2026-12-07T12:00:00Z'))).toEqual({
      kind: 'not_registered',
    });
    expect(ledningssystemDecisionStatus(documentWith(), new Date('2026-12-07T12:00:00Z'))).toEqual({
      kind: 'missing',
    });
  });

  it('holds for two years from the current version (GAP-4: every other year at the latest)', () => {
    const state = documentWith(version('2025-02-13'));
    expect(ledningssystemDecisionStatus(state, new Date('2027-02-12T22:59:00Z'))).toEqual({
      kind: 'valid',
      decidedOn: '2025-02-13',
      validUntil: '2027-02-13',
    });
    // Midnight in Stockholm on the day it runs out, not midnight UTC.
    expect(ledningssystemDecisionStatus(state, new Date('2027-02-12T23:00:00Z')).kind).toBe('expired');
  });

  it('is renewed by a later version the nämnd adopts', () => {
    const state = documentWith(version('2023-02-13'), version('2026-02-12'));
    expect(ledningssystemDecisionStatus(state, new Date('2026-12-07T12:00:00Z'))).toMatchObject({
      kind: 'valid',
      validUntil: '2028-02-12',
    });
  });

  it('is missing when the current version was not decided by the nämnd itself (KL 6 kap. 38 §)', () => {
    const state = documentWith(version('2026-02-12', 'forvaltningschef'));
    expect(ledningssystemDecisionStatus(state, new Date('2026-12-07T12:00:00Z')).kind).toBe('missing');
  });

  it('flags the March review once its March has passed (AUD-4)', () => {
    const state = documentWith(version('2025-02-13'));
    expect(ledningssystemHealth(state, new Date('2026-03-31T12:00:00Z'))).toMatchObject({
      reviewOverdue: false,
      pendingReviewYear: 2026,
    });
    expect(ledningssystemHealth(state, new Date('2026-04-01T12:00:00Z')).reviewOverdue).toBe(true);
  });
});
