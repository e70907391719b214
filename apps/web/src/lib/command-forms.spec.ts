import type { CaseView } from '../api/types';
import { commandForm } from './command-forms';

const base = {
  type: 'lex_sarah',
  assignee: null,
  category: null,
  lagrum: null,
  actions: [
    {
      id: 'a1',
      title: 'Ny rutin',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: 'x',
      status: 'open',
      addedAt: 'x',
    },
    {
      id: 'a2',
      title: 'Klar',
      level: 'individual',
      owner: 'enhetschef',
      dueAt: 'x',
      status: 'completed',
      addedAt: 'x',
    },
  ],
} as unknown as CaseView;
const me = { username: 'sas' };

describe('command forms build the bodies of api.md', () => {
  it('decide offers the lex Sarah outcomes of the case type', () => {
    const form = commandForm('decide', base, me, '2026-11-25');
    const outcomes = form.fields[0]!.options!.map((o) => o.value);
    expect(outcomes).toContain('allvarligt_missforhallande');
    expect(outcomes).not.toContain('allvarlig_vardskada');
    expect(form.toBody({ outcome: 'allvarligt_missforhallande', rationale: ' Allvarligt ' })).toEqual({
      outcome: 'allvarligt_missforhallande',
      rationale: 'Allvarligt',
    });
  });

  it('record-investigation splits causes per line and maps yes/no', () => {
    const form = commandForm('record-investigation', base, me, '2026-11-25');
    expect(form.toBody({ summary: 'S', causes: 'rutin\n\n överlämning ', deviationOccurred: 'ja' })).toEqual({
      summary: 'S',
      causes: ['rutin', 'överlämning'],
      deviationOccurred: true,
    });
    expect(form.toBody({ summary: 'S', causes: '', deviationOccurred: '' })).toEqual({
      summary: 'S',
      causes: [],
    });
  });

  it('add-action sends the due time with the Stockholm offset and defaults the owner to the user', () => {
    const form = commandForm('add-action', base, me, '2026-11-25');
    expect(form.initial['owner']).toBe('sas');
    expect(
      form.toBody({
        title: 'Rutin',
        level: 'organisational',
        owner: 'enhetschef',
        dueAt: '2026-12-15T16:00',
      }),
    ).toEqual({
      title: 'Rutin',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: '2026-12-15T16:00:00+01:00',
    });
  });

  it('complete-action offers only open actions', () => {
    const form = commandForm('complete-action', base, me, '2026-11-25');
    expect(form.fields[0]!.options).toEqual([{ value: 'a1', label: 'Ny rutin' }]);
    expect(form.initial['actionId']).toBe('a1');
  });

  it('report-to-ivo defaults the date to today; follow-up leaves effective out until chosen', () => {
    expect(commandForm('report-to-ivo', base, me, '2026-11-25').initial['reportedAt']).toBe('2026-11-25');
    const followUp = commandForm('follow-up', base, me, '2026-11-25');
    expect(followUp.toBody({ effective: '', note: 'n' })).toEqual({ note: 'n' });
    expect(followUp.toBody({ effective: 'nej', note: 'n' })).toEqual({ effective: false, note: 'n' });
  });

  it('classify leaves out an unchanged type and empty optionals', () => {
    expect(
      commandForm('classify', base, me, 'x').toBody({
        type: '',
        category: 'fall',
        lagrum: '',
        rationale: '',
      }),
    ).toEqual({
      category: 'fall',
    });
  });

  it('classify offers the managed lists and only the types and unit moves the case view allows (issue 24)', () => {
    const lists = {
      categories: [
        { code: 'fall', label: 'Fall' },
        { code: 'annat', label: 'Annat' },
      ],
      lagrum: [{ code: '14 kap. 3 § SoL', label: '14 kap. 3 § SoL (lex Sarah)' }],
    };
    const units = [
      { id: 'forvaltning', name: 'Förvaltningen', depth: 0 },
      { id: 'solgarden', name: 'Solgården', depth: 1 },
    ];
    const manager = {
      ...base,
      unitId: 'solgarden',
      category: 'Fritext från förr',
      classifyOptions: { types: [], moveUnit: false },
    } as unknown as CaseView;
    const form = commandForm('classify', manager, me, 'x', { classifications: lists, units });
    const field = (name: string) => form.fields.find((f) => f.name === name);
    expect(field('category')!.kind).toBe('select');
    expect(field('category')!.options).toEqual([
      { value: '', label: 'Välj kategori' },
      { value: 'fall', label: 'Fall' },
      { value: 'annat', label: 'Annat' },
    ]);
    expect(field('lagrum')!.options!.map((o) => o.value)).toEqual(['', '14 kap. 3 § SoL', 'annat']);
    expect(field('type')!.options!.map((o) => o.value)).toEqual(['']);
    expect(field('type')!.description).toMatch(/SAS/);
    expect(field('unitId')).toBeUndefined();
    // Free text from before the lists is not offered back: the user chooses a code.
    expect(form.initial['category']).toBe('');

    const sas = {
      ...base,
      unitId: 'solgarden',
      category: 'fall',
      classifyOptions: { types: ['deviation'], moveUnit: true },
    } as unknown as CaseView;
    const sasForm = commandForm('classify', sas, me, 'x', { classifications: lists, units });
    expect(sasForm.initial['category']).toBe('fall');
    expect(sasForm.fields.find((f) => f.name === 'type')!.options!.map((o) => o.value)).toEqual([
      '',
      'deviation',
    ]);
    expect(sasForm.fields.find((f) => f.name === 'unitId')!.options!.map((o) => o.value)).toEqual([
      '',
      'forvaltning',
    ]);
    expect(
      sasForm.toBody({
        type: 'deviation',
        category: 'fall',
        lagrum: '',
        unitId: 'forvaltning',
        rationale: 'Inte lex Sarah',
      }),
    ).toEqual({
      type: 'deviation',
      category: 'fall',
      unitId: 'forvaltning',
      rationale: 'Inte lex Sarah',
    });
  });
});
