import { isPositiveIsoDuration } from '@kvalitet/domain';
import { IsCalendarDate, simpleConstraint } from '../../common/validation/validators';

export { IsNotBlank, IsKnownUnit, IsUsername } from '../../common/validation/validators';

/** A calendar date `YYYY-MM-DD` in the accepted years (`common/validation/accepted-year-range.ts`). */
export const IsDate_ = IsCalendarDate;

/** A positive ISO-8601 duration such as `P1Y`, `P6M` or `PT1H` (demos). */
export const IsPositiveDuration = simpleConstraint(
  'isPositiveDuration',
  (v) => typeof v === 'string' && v.length <= 40 && isPositiveIsoDuration(v),
);
