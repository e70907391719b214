import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from './validators';

/**
 * A text field that must be sent, must not be blank and holds at most `doc.maxLength` characters:
 * the documented limit is the one enforced. Applied in the order the stacked decorators had, so the
 * field errors come out as before.
 */
export const RequiredText = (doc: ApiPropertyOptions & { maxLength: number }) =>
  applyDecorators(MaxLength(doc.maxLength), IsNotBlank(), IsString(), IsDefined(), ApiProperty(doc));
