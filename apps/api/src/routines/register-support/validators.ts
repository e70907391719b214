import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isPositiveIsoDuration } from '@kvalitet/domain';
import { IsCalendarDate } from '../../common/validation/validators';

export { IsNotBlank, IsKnownUnit, IsUsername } from '../../common/validation/validators';

function simple(name: string, test: (value: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (object, propertyName) =>
      registerDecorator({
        name,
        target: object.constructor,
        propertyName: String(propertyName),
        options,
        validator: { validate: test },
      });
}

/** A calendar date `YYYY-MM-DD` in the accepted years (`common/validation/accepted-year-range.ts`). */
export const IsDate_ = IsCalendarDate;

/** A positive ISO-8601 duration such as `P1Y`, `P6M` or `PT1H` (demos). */
export const IsPositiveDuration = simple(
  'isPositiveDuration',
  (v) => typeof v === 'string' && v.length <= 40 && isPositiveIsoDuration(v),
);
