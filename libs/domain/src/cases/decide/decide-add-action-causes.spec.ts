import { MANAGER, caseReported, command, events as e, given } from '../test-support';

// IMP: an action can be linked to the causes the investigation found (ADR 0007).
const addAction = (causes?: unknown) =>
  command(
    'add-action',
    {
      actionId: 'a1',
      title: 'Ny rutin',
      level: 'organisational',
      owner: 'enhetschef',
      dueAt: '2026-12-20T16:00:00+01:00',
      ...(causes === undefined ? {} : { causes: causes as string[] }),
    },
    MANAGER,
  );

describe('add-action linked to causes', () => {
  const investigated = [caseReported(), e.investigationStarted(), e.investigationRecorded()];

  it('given a recorded investigation, the action carries the causes it addresses', () => {
    given(...investigated)
      .when(addAction([' routine ', 'handover']))
      .then(
        expect.objectContaining({
          type: 'ActionAdded',
          data: expect.objectContaining({ causes: ['routine', 'handover'] }),
        }),
      );
  });

  it('without causes nothing changes', () => {
    given(...investigated)
      .when(addAction())
      .then(
        expect.objectContaining({
          type: 'ActionAdded',
          data: expect.not.objectContaining({ causes: expect.anything() }),
        }),
      );
  });

  it('causes before the investigation is recorded are refused (immediate measures have none)', () => {
    given(caseReported(), e.investigationStarted())
      .when(addAction(['routine']))
      .thenRefused({ code: 'INVALID_TRANSITION', reason: 'INVESTIGATION_REQUIRED_FOR_CAUSES' });
  });

  it('malformed causes are a field error', () => {
    given(...investigated)
      .when(addAction(['  ']))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'causes' });
    given(...investigated)
      .when(addAction('routine'))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'causes' });
  });
});
