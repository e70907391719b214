import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, ValidateNested } from 'class-validator';
import { DECIDING_BODIES, type DecidingBody } from '@kvalitet/domain';
import { IsDate_ } from './validators';
import { RequiredText } from '../../common/validation/required-text';

/** The decision that adopted a document or made an appointment (AUD-1, AUD-3, AUD-5, R-15). */
export class DecisionDto {
  @ApiProperty({
    enum: DECIDING_BODIES,
    enumName: 'DecidingBody',
    description: 'Beslutande organ eller befattning',
  })
  @IsDefined()
  @IsIn(DECIDING_BODIES)
  decidedBy!: DecidingBody;

  @ApiProperty({ example: '2026-02-12', format: 'date', description: 'Beslutsdatum' })
  @IsDefined()
  @IsDate_()
  decidedOn!: string;

  @RequiredText({ example: 'SN 2026-02-12 § 14', maxLength: 200, description: 'Paragraf eller diarienummer' })
  reference!: string;
}

/** A decision the command must carry, validated field by field as a DecisionDto. */
export const DecisionField = (doc: { description?: string } = {}) =>
  applyDecorators(
    Type(() => DecisionDto),
    ValidateNested(),
    IsDefined(),
    ApiProperty({ type: DecisionDto, ...doc }),
  );
