import { ERASED_MARKER } from '../personal-data/personal-fields';
import { scrubJson } from './case-erasure';

describe('scrubJson', () => {
  it('erases values under the personal keys, keeping their shape, and leaves the rest', () => {
    const copy = {
      id: 'c1',
      caseNumber: 'AVV-2026-0001',
      description: 'Anna föll',
      reporter: { username: 'medarbetare', name: 'Anna Andersson' },
      contact: { email: 'anna@example.se', phone: null },
      causes: ['routine', 'staffing'],
      deadlines: [{ kind: 'investigation', dueAt: '2026-12-20T13:05:00Z' }],
      version: 3,
    };
    expect(scrubJson(copy, [])).toEqual({
      ...copy,
      description: ERASED_MARKER,
      reporter: { username: 'medarbetare', name: ERASED_MARKER },
      contact: { email: ERASED_MARKER, phone: null },
      causes: [ERASED_MARKER, ERASED_MARKER],
    });
  });

  it('erases any string that holds a known value of the case, in a shape it does not know', () => {
    const copy = { timeline: [{ text: 'Svar till Anna Andersson skickat' }, { text: 'Mottagen' }] };
    expect(scrubJson(copy, ['Anna Andersson'])).toEqual({
      timeline: [{ text: ERASED_MARKER }, { text: 'Mottagen' }],
    });
  });
});
