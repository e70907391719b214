import { ValidateIf } from 'class-validator';

/**
 * An optional field: absent is fine, but `null` is validated like any other value (and refused by
 * the type checks), unlike class-validator's IsOptional, which lets null through.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
