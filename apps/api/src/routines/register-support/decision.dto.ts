import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn } from 'class-validator';
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
