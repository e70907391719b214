import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Optional } from './optional';

/**
 * A text field that may be left out (not sent as null) and holds at most `doc.maxLength` characters:
 * the documented limit is the one enforced. Applied in the order the stacked decorators had, so the
 * field errors come out as before.
 */
export const OptionalText = (doc: ApiPropertyOptions & { maxLength: number }) =>
  applyDecorators(MaxLength(doc.maxLength), IsString(), Optional(), ApiPropertyOptional(doc));
