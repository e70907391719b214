import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsEmail, IsIn, IsUUID, validateSync } from 'class-validator';
import { Optional } from './optional';
import { toFieldErrors } from './swedish-validation-messages';
import { IsCalendarDate, IsDateOrDateTime, IsDateTimeWithOffset, IsIsoWeek } from './validators';

/** Issue 21: no technical format names, type names or codes reach people in an error. */
const TECHNICAL = [/ISO[- ]?8601/i, /ISO-vecka/i, /\bUUID\b/i, /workingDays/, /\b[a-z]+_[a-z_]+\b/];

class Decision {
  @Optional()
  @IsIn(['allvarligt_missforhallande', 'inga_atgarder'])
  outcome?: string;

  @Optional()
  @IsUUID()
  caseId?: string;

  @Optional()
  @IsDateTimeWithOffset()
  at?: string;

  @Optional()
  @IsDateOrDateTime()
  from?: string;

  @Optional()
  @IsCalendarDate()
  validFrom?: string;

  @Optional()
  @IsIsoWeek()
  week?: string;

  @Optional()
  @IsEmail()
  email?: string;
}

const errorsOf = (plain: Record<string, unknown>) =>
  toFieldErrors(validateSync(plainToInstance(Decision, plain)));

describe('field errors in plain Swedish (issue 21)', () => {
  it('an empty choice is asked for, without listing the codes it could have been', () => {
    expect(errorsOf({ outcome: '' })).toEqual([
      { field: 'outcome', code: 'REQUIRED', message: 'Fältet outcome måste anges.' },
    ]);
    expect(errorsOf({ outcome: null })).toEqual([
      { field: 'outcome', code: 'REQUIRED', message: 'Fältet outcome måste anges.' },
    ]);
  });

  it('bad ids, times, dates and weeks are explained without ISO 8601 or UUID', () => {
    const errors = errorsOf({
      caseId: 'LS-2026-0007',
      at: 'igår',
      from: '20/11/2026',
      validFrom: '2026-13-01',
      week: '2026-W60',
      email: 'anna.example.se',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['at', 'caseId', 'email', 'from', 'validFrom', 'week']);
    for (const { message } of errors) for (const pattern of TECHNICAL) expect(message).not.toMatch(pattern);
    expect(errors.find((e) => e.field === 'validFrom')?.message).toContain('ÅÅÅÅ-MM-DD');
  });
});
