import fc from 'fast-check';
import { POSSIBLE_RISK_SCORES } from '../risk/risk-bands';
import { decideRiskAssessment } from './decide-risk-assessment';
import { rebuildRiskAssessment } from './evolve-risk-assessment';
import { DEFAULT_RISK_POLICY } from './risk-policy';
import { buildRiskAssessmentView } from './risk-assessment-view';
import {
  MANAGER,
  SYSTEM,
  T0,
  addAction,
  cmd,
  create,
  eventsOf,
  history,
  later,
  refusalOf,
  stateOf,
  when,
} from './test-support';

describe('risk assessment decider (RA-1…RA-7)', () => {
  describe('create', () => {
    it('given nothing, when created with a scored risk, then RiskAssessmentCreated + RiskAdded with score and level (api.md example 3×4 = 12, very high)', () => {
      const events = eventsOf(when([], create()));
      expect(events.map((e) => e.type)).toEqual(['RiskAssessmentCreated', 'RiskAdded']);
      expect(events[0]!.data).toMatchObject({
        assessmentId: 'ra-1',
        reference: 'RA-2026-0001',
        unitId: 'solgarden',
        trigger: 'deviation_pattern',
        owner: 'enhetschef',
        by: 'enhetschef',
        at: T0.toISOString(),
      });
      expect(events[1]!.data).toMatchObject({
        riskId: 'r1',
        probability: 3,
        severity: 4,
        score: 12,
        level: 'very_high',
        policyVersion: 1,
        causes: ['Ensam personal nattetid'],
      });
      const state = stateOf(events);
      expect(state.stage).toBe('planning');
      expect(state.version).toBe(2);
    });

    it('the stage follows the RA-4 steps: no risks → describing; a risk without causes → analysing; causes on a low risk → following_up', () => {
      expect(stateOf(eventsOf(when([], create({ risks: [] })))).stage).toBe('describing');
      const noCauses = eventsOf(
        when([], create({ risks: [{ riskId: 'r1', description: 'x', probability: 1, severity: 2 }] })),
      );
      expect(stateOf(noCauses).stage).toBe('analysing');
      const withCauses = [
        ...noCauses,
        ...eventsOf(when(noCauses, cmd('record-causes', { riskId: 'r1', causes: ['Rutin saknas'] }))),
      ];
      expect(stateOf(withCauses).stage).toBe('following_up');
    });

    it.each([
      [0, 2, 'risks[0].probability', 'PROBABILITY_OUT_OF_RANGE'],
      [5, 2, 'risks[0].probability', 'PROBABILITY_OUT_OF_RANGE'],
      [2.5, 2, 'risks[0].probability', 'PROBABILITY_NOT_INTEGER'],
      ['3', 2, 'risks[0].probability', 'PROBABILITY_NOT_INTEGER'],
      [2, 0, 'risks[0].severity', 'SEVERITY_OUT_OF_RANGE'],
      [2, null, 'risks[0].severity', 'SEVERITY_NOT_INTEGER'],
    ])(
      'refuses probability %p × severity %p as a field error (%s)',
      (probability, severity, field, reason) => {
        const refusal = refusalOf(
          when([], create({ risks: [{ riskId: 'r1', description: 'x', probability, severity }] })),
        );
        expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', field, reason });
        expect(refusal.message).toMatch(/heltal 1–4/);
      },
    );

    it('refuses an unknown trigger, a blank title, duplicate risk ids and a second create', () => {
      expect(refusalOf(when([], create({ trigger: 'whim' as never }))).field).toBe('trigger');
      expect(refusalOf(when([], create({ title: '  ' }))).reason).toBe('TITLE_REQUIRED');
      const dup = { riskId: 'r1', description: 'x', probability: 1, severity: 1 };
      expect(refusalOf(when([], create({ risks: [dup, dup] }))).reason).toBe('RISK_ALREADY_EXISTS');
      expect(refusalOf(when(history([[create()]]), create())).code).toBe('ALREADY_EXISTS');
    });

    it('levels come from the policy bands (configurable, RA-3)', () => {
      const policy = {
        ...DEFAULT_RISK_POLICY,
        version: 4,
        bands: {
          low: { min: 1, max: 2 },
          medium: { min: 3, max: 4 },
          high: { min: 6, max: 9 },
          very_high: { min: 12, max: 16 },
        },
      };
      const events = eventsOf(
        when(
          [],
          create({ risks: [{ riskId: 'r1', description: 'x', probability: 2, severity: 3, causes: ['c'] }] }),
          T0,
          policy,
        ),
      );
      expect(events[1]!.data).toMatchObject({ score: 6, level: 'high', policyVersion: 4 });
    });
  });

  describe('actions, re-assessment and close', () => {
    const created = history([[create()]]);

    it('given a very high risk, an action with owner and due date against a cause moves the assessment to following_up', () => {
      const events = eventsOf(when(created, addAction()));
      expect(events).toEqual([
        {
          type: 'RiskActionAdded',
          data: {
            actionId: 'a1',
            riskId: 'r1',
            title: 'Dubbelbemanning vid förflyttning',
            owner: 'enhetschef',
            dueAt: '2026-12-20T15:00:00.000Z',
            causeIndexes: [0],
            by: 'enhetschef',
            at: T0.toISOString(),
          },
        },
      ]);
      expect(stateOf([...created, ...events]).stage).toBe('following_up');
    });

    it('refuses an action for an unknown risk (404), a past due date, or a cause the risk does not have', () => {
      expect(refusalOf(when(created, addAction({ riskId: 'nope' })))).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'RISK_NOT_FOUND',
      });
      expect(refusalOf(when(created, addAction({ dueAt: '2026-11-01T10:00:00+01:00' }))).reason).toBe(
        'DUE_AT_IN_PAST',
      );
      expect(refusalOf(when(created, addAction({ causeIndexes: [1] }))).field).toBe('causeIndexes');
      const withAction = history([[create()], [addAction()]]);
      expect(refusalOf(when(withAction, addAction())).reason).toBe('ACTION_ALREADY_EXISTS');
    });

    it('re-assessment needs completed actions and gives the residual score and level', () => {
      const withAction = history([[create()], [addAction()]]);
      expect(
        refusalOf(
          when(created, cmd('reassess', { riskId: 'r1', probability: 1, severity: 4, rationale: 'x' })),
        ).reason,
      ).toBe('RISK_HAS_NO_ACTIONS');
      expect(
        refusalOf(
          when(withAction, cmd('reassess', { riskId: 'r1', probability: 1, severity: 4, rationale: 'x' })),
        ).reason,
      ).toBe('RISK_ACTIONS_OPEN');
      const done = [
        ...withAction,
        ...eventsOf(
          when(withAction, cmd('complete-action', { actionId: 'a1', result: 'Införd' }), later(60)),
        ),
      ];
      expect(
        refusalOf(when(done, cmd('reassess', { riskId: 'r1', probability: 9, severity: 4, rationale: 'x' })))
          .field,
      ).toBe('probability');
      const reassessed = eventsOf(
        when(
          done,
          cmd('reassess', { riskId: 'r1', probability: 1, severity: 4, rationale: 'Dubbelbemanning införd' }),
          later(120),
        ),
      );
      expect(reassessed[0]).toMatchObject({
        type: 'RiskReassessed',
        data: { riskId: 'r1', probability: 1, severity: 4, score: 4, level: 'medium' },
      });
      const risk = stateOf([...done, ...reassessed]).risks['r1']!;
      expect([risk.initial.score, risk.residual?.score]).toEqual([12, 4]);
    });

    it('closing needs the handlingsplan, completed actions and a residual after the last action (named refusals)', () => {
      const close = cmd('close', { summary: 'Klar' });
      expect(refusalOf(when(created, close)).reason).toBe('ACTION_PLAN_REQUIRED');
      const withAction = history([[create()], [addAction()]]);
      expect(refusalOf(when(withAction, close)).reason).toBe('ACTIONS_OPEN');
      const done = history([
        [create()],
        [addAction()],
        [cmd('complete-action', { actionId: 'a1', result: 'Införd' }), later(60)],
      ]);
      expect(refusalOf(when(done, close)).reason).toBe('RESIDUAL_REQUIRED');
      const reassessed = history([
        [create()],
        [addAction()],
        [cmd('complete-action', { actionId: 'a1', result: 'Införd' }), later(60)],
        [cmd('reassess', { riskId: 'r1', probability: 1, severity: 4, rationale: 'ok' }), later(61)],
      ]);
      const closed = eventsOf(when(reassessed, close, later(62)));
      expect(closed.map((e) => e.type)).toEqual(['RiskAssessmentClosed']);
      expect(stateOf([...reassessed, ...closed]).stage).toBe('closed');
      expect(refusalOf(when([...reassessed, ...closed], addAction({ actionId: 'a2' }))).reason).toBe(
        'RISK_ASSESSMENT_ENDED',
      );
    });

    it('a high risk may instead be accepted with a rationale (RA-7)', () => {
      const accepted = history([
        [create()],
        [cmd('accept-risk', { riskId: 'r1', rationale: 'Hanteras i internkontrollen' })],
      ]);
      expect(stateOf(accepted).stage).toBe('following_up');
      expect(eventsOf(when(accepted, cmd('close', { summary: 'Klar' })))[0]!.type).toBe(
        'RiskAssessmentClosed',
      );
    });

    it('completing an action after its due date records it as late and completes its tasks', () => {
      const withTask = history([
        [create()],
        [addAction()],
        [
          cmd(
            'create-task',
            {
              taskId: 't1',
              kind: 'carry_out_risk_action',
              assignee: 'enhetschef',
              unitId: 'solgarden',
              actionId: 'a1',
              dueAt: '2026-12-20T15:00:00.000Z',
            },
            SYSTEM,
          ),
        ],
      ]);
      const events = eventsOf(
        when(
          withTask,
          cmd('complete-action', { actionId: 'a1', result: 'Sent' }),
          new Date('2026-12-22T10:00:00Z'),
        ),
      );
      expect(events.map((e) => e.type)).toEqual(['RiskActionCompleted', 'RiskTaskCompleted']);
      expect(events[0]!.data).toMatchObject({ late: true });
      expect(stateOf([...withTask, ...events]).actions['a1']!.deadlineStatus).toBe('missed');
    });
  });

  describe('process manager commands (deadlines and tasks)', () => {
    const withAction = history([[create()], [addAction()]]);
    const missed = (level: number) =>
      cmd(
        'record-action-missed',
        { actionId: 'a1', escalationLevel: level, escalatedTo: ['division_manager'] },
        SYSTEM,
      );

    it('a miss is refused before the due date, recorded after it, escalates only upwards, and is refused once the action is done', () => {
      expect(refusalOf(when(withAction, missed(1), later(60))).reason).toBe('DEADLINE_NOT_DUE');
      const after = new Date('2026-12-21T00:00:00Z');
      const first = eventsOf(when(withAction, missed(1), after));
      expect(first[0]).toMatchObject({
        type: 'RiskActionDeadlineMissed',
        data: { actionId: 'a1', escalationLevel: 1, escalatedTo: ['division_manager'] },
      });
      const state = stateOf([...withAction, ...first]);
      expect(state.actions['a1']).toMatchObject({ deadlineStatus: 'missed', escalationLevel: 1 });
      expect(refusalOf(when([...withAction, ...first], missed(1), after)).field).toBe('escalationLevel');
      const done = [
        ...withAction,
        ...eventsOf(when(withAction, cmd('complete-action', { actionId: 'a1', result: 'ok' }), later(10))),
      ];
      expect(refusalOf(when(done, missed(1), after)).reason).toBe('DEADLINE_NOT_OPEN');
    });

    it('tasks are created once and completed once', () => {
      const task = cmd(
        'create-task',
        {
          taskId: 't1',
          kind: 'risk_escalation',
          assigneeRole: 'division_manager',
          unitId: 'solgarden',
          actionId: 'a1',
        },
        SYSTEM,
      );
      const created = [...withAction, ...eventsOf(when(withAction, task))];
      expect(refusalOf(when(created, task)).reason).toBe('TASK_ALREADY_EXISTS');
      const completed = [
        ...created,
        ...eventsOf(when(created, cmd('complete-task', { taskId: 't1' }, SYSTEM))),
      ];
      expect(stateOf(completed).tasks['t1']!.status).toBe('done');
      expect(refusalOf(when(completed, cmd('complete-task', { taskId: 't1' }, SYSTEM))).reason).toBe(
        'TASK_ALREADY_DONE',
      );
    });
  });

  describe('proposals from the deviation pattern rule (RA-8, RA-12)', () => {
    const pattern = {
      key: 'unit:solgarden:deviation|fall',
      scope: 'unit' as const,
      caseType: 'deviation' as const,
      category: 'fall',
      caseIds: ['c1', 'c2', 'c3'],
      unitIds: ['solgarden'],
      count: 3,
      windowFrom: '2026-10-01T00:00:00.000Z',
      windowTo: '2026-11-19T00:00:00.000Z',
    };
    const propose = cmd(
      'propose',
      {
        assessmentId: 'ra-2',
        reference: 'RA-2026-0002',
        title: 'Upprepade fall',
        unitId: 'solgarden',
        pattern,
        tasks: [
          { taskId: 't1', assigneeRole: 'unit_manager', unitId: 'solgarden' },
          { taskId: 't2', assigneeRole: 'quality_coordinator', unitId: 'forvaltning' },
        ],
      },
      SYSTEM,
    );

    it('a proposal records the pattern and gives the unit manager and kvalitet a task; starting it completes them', () => {
      const proposed = eventsOf(when([], propose));
      expect(proposed.map((e) => e.type)).toEqual([
        'RiskAssessmentProposed',
        'RiskTaskCreated',
        'RiskTaskCreated',
      ]);
      expect(stateOf(proposed).stage).toBe('proposed');
      expect(
        refusalOf(
          when(proposed, cmd('add-risk', { riskId: 'r9', description: 'x', probability: 1, severity: 1 })),
        ).reason,
      ).toBe('RISK_ASSESSMENT_NOT_STARTED');
      const started = eventsOf(
        when(
          proposed,
          cmd('start', { risks: [{ riskId: 'r1', description: 'Fall', probability: 3, severity: 3 }] }),
        ),
      );
      expect(started.map((e) => e.type)).toEqual([
        'RiskAssessmentStarted',
        'RiskAdded',
        'RiskTaskCompleted',
        'RiskTaskCompleted',
      ]);
      expect(stateOf([...proposed, ...started])).toMatchObject({ stage: 'analysing', owner: 'enhetschef' });
    });

    it('a proposal may be dismissed with a rationale, and then nothing more', () => {
      const proposed = eventsOf(when([], propose));
      expect(refusalOf(when(proposed, cmd('dismiss', { rationale: ' ' }))).reason).toBe('RATIONALE_REQUIRED');
      const dismissed = [
        ...proposed,
        ...eventsOf(when(proposed, cmd('dismiss', { rationale: 'Redan åtgärdat' }))),
      ];
      expect(stateOf(dismissed).stage).toBe('dismissed');
      expect(refusalOf(when(dismissed, cmd('start', {}))).reason).toBe('NOT_A_PROPOSAL');
    });
  });

  describe('properties', () => {
    const factor = fc.integer({ min: 1, max: 4 });

    it('every valid pair scores probability × severity with the default band level; invalid ones are 400 refusals, never a throw', () => {
      fc.assert(
        fc.property(
          fc.oneof(factor, fc.integer(), fc.double(), fc.string(), fc.constant(null)),
          fc.oneof(factor, fc.integer()),
          (p, s) => {
            const result = decideRiskAssessment(
              create({ risks: [{ riskId: 'r', description: 'd', probability: p, severity: s }] }),
              null,
              T0,
            );
            const valid = [p, s].every(
              (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 4,
            );
            expect(result.ok).toBe(valid);
            if (result.ok) {
              const risk = result.events[1]!.data as { score: number; level: string };
              expect(risk.score).toBe((p as number) * (s as number));
              expect(POSSIBLE_RISK_SCORES).toContain(risk.score);
            } else {
              expect(result.refusal.code).toBe('VALIDATION_FAILED');
            }
          },
        ),
      );
    });

    it('any sequence of commands: the version counts the events, a closed assessment accepts nothing from people, and rebuild equals fold', () => {
      const commandArb = fc.oneof(
        fc
          .record({ p: factor, s: factor })
          .map(({ p, s }) =>
            cmd('add-risk', { riskId: `r${p}${s}`, description: 'd', probability: p, severity: s }),
          ),
        factor.map((n) => cmd('record-causes', { riskId: `r${n}${n}`, causes: ['orsak'] })),
        factor.map((n) => addAction({ actionId: `a${n}`, riskId: `r${n}${n}`, causeIndexes: [] })),
        factor.map((n) => cmd('complete-action', { actionId: `a${n}`, result: 'ok' })),
        factor.map((n) =>
          cmd('reassess', { riskId: `r${n}${n}`, probability: 1, severity: 1, rationale: 'ok' }),
        ),
        factor.map((n) => cmd('accept-risk', { riskId: `r${n}${n}`, rationale: 'ok' })),
        fc.constant(cmd('close', { summary: 'klar' })),
      );
      fc.assert(
        fc.property(fc.array(commandArb, { maxLength: 30 }), (commands) => {
          const events = [...eventsOf(decideRiskAssessment(create({ risks: [] }), null, T0))];
          let closed = false;
          commands.forEach((command, i) => {
            const state = rebuildRiskAssessment(events)!;
            const result = decideRiskAssessment(command, state, later(i + 1));
            if (closed) expect(result.ok).toBe(false);
            if (result.ok) {
              events.push(...result.events);
              if (command.type === 'close') closed = true;
            }
          });
          const state = rebuildRiskAssessment(events)!;
          expect(state.version).toBe(events.length);
          for (const risk of Object.values(state.risks))
            expect(POSSIBLE_RISK_SCORES).toContain(risk.initial.score);
          if (closed) {
            expect(state.stage).toBe('closed');
            expect(Object.values(state.actions).every((a) => a.status === 'completed')).toBe(true);
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  it('commands on a missing assessment are 404', () => {
    expect(refusalOf(when([], addAction())).code).toBe('NOT_FOUND');
    expect(MANAGER.username).toBe('enhetschef');
  });
});

describe('risk assessment view', () => {
  it('joins the free text of the events to the state: risks with causes and demands, actions with deadlines, the residual', () => {
    const events = history([
      [create()],
      [addAction()],
      [cmd('complete-action', { actionId: 'a1', result: 'Införd' }), later(60)],
      [
        cmd('reassess', { riskId: 'r1', probability: 1, severity: 4, rationale: 'Dubbelbemanning' }),
        later(61),
      ],
    ]);
    const view = buildRiskAssessmentView(events)!;
    expect(view).toMatchObject({
      id: 'ra-1',
      reference: 'RA-2026-0001',
      title: 'Fall vid förflyttning nattetid',
      stage: 'following_up',
      maxScore: 12,
      maxLevel: 'very_high',
      currentMaxScore: 4,
    });
    expect(view.risks[0]).toMatchObject({
      id: 'r1',
      score: 12,
      level: 'very_high',
      demand: 'Handlingsplan krävs; föreslås till internkontrollplanen',
      actionPlanRequired: true,
      causes: ['Ensam personal nattetid'],
      residual: { score: 4, level: 'medium', rationale: 'Dubbelbemanning' },
    });
    expect(view.actions[0]).toMatchObject({
      id: 'a1',
      title: 'Dubbelbemanning vid förflyttning',
      status: 'completed',
      result: 'Införd',
      causeIndexes: [0],
      deadline: { status: 'met', escalationLevel: 0 },
    });
  });
});
