import { ApiProperty } from '@nestjs/swagger';
import { CASE_TYPES, RETENTION_FROM } from '@kvalitet/domain';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/validation/validators';
import { CaseCommandDto } from './case-command.dto';
import { LONG_TEXT } from './text-limits';

export class LegalHoldDto {
  @ApiProperty({ description: 'Skälet till spärren (fritext; gallras med ärendet)' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty() placedBy!: string;
}

export class RetentionRuleDto {
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) caseType!: string;
  @ApiProperty({ minimum: 1, maximum: 100, description: 'Antal hela år' }) keepYears!: number;
  @ApiProperty({ enum: RETENTION_FROM, description: 'Räknat från avslut (closed) eller anmälan (reported)' })
  from!: string;
}

export class CaseErasureDto {
  @ApiProperty({ type: RetentionRuleDto, description: 'Regeln ärendet gallrades enligt' })
  rule!: RetentionRuleDto;
  @ApiProperty({ description: 'gallring (det dagliga schemat) eller användaren som körde gallringen' })
  erasedBy!: string;
}

/** `POST /cases/{id}/legal-hold` (DATA-7). */
export class PlaceLegalHoldDto extends CaseCommandDto {
  @ApiProperty({ maxLength: LONG_TEXT, description: 'Varför ärendet inte får gallras' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  reason!: string;
}
