import { MANAGER, T0_ISO, caseReported, command, events as e, given } from '../test-support';

describe('assign', () => {
  it('assigns the investigator', () => {
    given(caseReported())
      .when(command('assign', { assignee: 'sas' }, MANAGER))
      .then({ type: 'CaseAssigned', data: { assignee: 'sas', by: 'enhetschef', at: T0_ISO } });
  });

  it('records the previous assignee on reassignment, in any open stage', () => {
    given(caseReported(), e.assigned('sas'), e.investigationStarted())
      .when(command('assign', { assignee: 'avdelningschef' }, MANAGER))
      .then({
        type: 'CaseAssigned',
        data: { assignee: 'avdelningschef', previousAssignee: 'sas', by: 'enhetschef', at: T0_ISO },
      });
  });

  it('changes nothing when the assignee is the same', () => {
    given(caseReported(), e.assigned('sas'))
      .when(command('assign', { assignee: 'sas' }))
      .thenNothing();
  });

  it('needs an assignee', () => {
    given(caseReported())
      .when(command('assign', { assignee: ' ' }))
      .thenRefused({ code: 'VALIDATION_FAILED', field: 'assignee', reason: 'ASSIGNEE_REQUIRED' });
  });
});
