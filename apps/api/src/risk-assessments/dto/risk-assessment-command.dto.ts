import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_CAUSES,
  MAX_RISKS,
  RISK_ASSESSMENT_TRIGGERS,
  type RiskAssessmentTrigger,
} from '@kvalitet/domain';
import { LONG_TEXT, SHORT_TEXT } from '../../cases/dto/text-limits';
import { Optional } from '../../common/validation/optional';
import {
  IsDateTimeWithOffset,
  IsKnownUnit,
  IsNotBlank,
  IsUsername,
} from '../../common/validation/validators';
import { RequiredText } from '../../common/validation/required-text';
import { OptionalText } from '../../common/validation/optional-text';

const FACTOR_HINT = 'heltal 1–4';

/** Every command body may carry the version the caller saw; a stale one is 409 VERSION_CONFLICT. */
export class RiskAssessmentCommandDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Versionen du såg; en inaktuell version ger 409 VERSION_CONFLICT',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  expectedVersion?: number;
}

class RiskScoreInputDto {
  @ApiProperty({
    minimum: 1,
    maximum: 4,
    example: 3,
    description: `Sannolikhet, ${FACTOR_HINT} (Mycket liten … Mycket stor)`,
  })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  probability!: number;

  @ApiProperty({
    minimum: 1,
    maximum: 4,
    example: 4,
    description: `Allvarlighetsgrad, ${FACTOR_HINT} (Mindre … Katastrofal)`,
  })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  severity!: number;
}

export class NewRiskDto extends RiskScoreInputDto {
  @RequiredText({ maxLength: LONG_TEXT, description: 'Vad kan hända (ur brukarens/patientens perspektiv)' })
  description!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_CAUSES, description: 'Orsaker (RA-4 steg 3)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_CAUSES)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(2000, { each: true })
  causes?: string[];
}

export class CreateRiskAssessmentDto {
  @RequiredText({ maxLength: SHORT_TEXT, example: 'Fall vid förflyttning nattetid' })
  title!: string;

  @ApiProperty({ example: 'solgarden', description: 'Enhetens id (se GET /org/units)' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @ApiProperty({ enum: RISK_ASSESSMENT_TRIGGERS, enumName: 'RiskAssessmentTrigger' })
  @IsDefined()
  @IsIn(RISK_ASSESSMENT_TRIGGERS)
  trigger!: RiskAssessmentTrigger;

  @OptionalText({ maxLength: LONG_TEXT })
  description?: string;

  @ApiProperty({ type: [NewRiskDto], maxItems: MAX_RISKS })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_RISKS)
  @ValidateNested({ each: true })
  @Type(() => NewRiskDto)
  risks!: NewRiskDto[];
}

export class StartRiskAssessmentDto extends RiskAssessmentCommandDto {
  @OptionalText({ maxLength: SHORT_TEXT, description: 'Ny rubrik för förslaget' })
  title?: string;

  @OptionalText({ maxLength: LONG_TEXT })
  description?: string;

  @ApiPropertyOptional({ type: [NewRiskDto], maxItems: MAX_RISKS })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_RISKS)
  @ValidateNested({ each: true })
  @Type(() => NewRiskDto)
  risks?: NewRiskDto[];
}

export class DismissRiskAssessmentDto extends RiskAssessmentCommandDto {
  @ApiProperty({
    maxLength: LONG_TEXT,
    description: 'Varför förslaget inte leder till en riskanalys (RA-12)',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  rationale!: string;
}

export class AddRiskDto extends RiskAssessmentCommandDto {
  @ApiProperty({ minimum: 1, maximum: 4, example: 2 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  probability!: number;

  @ApiProperty({ minimum: 1, maximum: 4, example: 3 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  severity!: number;

  @RequiredText({ maxLength: LONG_TEXT })
  description!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_CAUSES })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_CAUSES)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(2000, { each: true })
  causes?: string[];
}

export class RecordCausesDto extends RiskAssessmentCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsString()
  @MaxLength(100)
  riskId!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_CAUSES })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_CAUSES)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(2000, { each: true })
  causes!: string[];
}

export class AddRiskActionDto extends RiskAssessmentCommandDto {
  @ApiProperty({ format: 'uuid', description: 'Risken som åtgärden gäller' })
  @IsDefined()
  @IsString()
  @MaxLength(100)
  riskId!: string;

  @RequiredText({ maxLength: SHORT_TEXT, example: 'Dubbelbemanning vid förflyttning nattetid' })
  title!: string;

  @ApiProperty({ example: 'enhetschef', description: 'Användarnamn på den som ansvarar för åtgärden' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;

  @ApiProperty({ example: '2026-12-20T16:00:00+01:00', description: 'Slutdatum (tidpunkt med tidszon)' })
  @IsDefined()
  @IsDateTimeWithOffset()
  dueAt!: string;

  @ApiPropertyOptional({
    type: [Number],
    maxItems: MAX_CAUSES,
    description: 'Orsakerna (index i riskens orsakslista) som åtgärden riktar sig mot',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_CAUSES)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_CAUSES, { each: true })
  causeIndexes?: number[];
}

export class CompleteRiskActionDto extends RiskAssessmentCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsString()
  @MaxLength(100)
  actionId!: string;

  @RequiredText({ maxLength: LONG_TEXT, description: 'Vad som gjordes' })
  result!: string;
}

export class ReassessRiskDto extends RiskAssessmentCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsString()
  @MaxLength(100)
  riskId!: string;

  @ApiProperty({ minimum: 1, maximum: 4, example: 1 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  probability!: number;

  @ApiProperty({ minimum: 1, maximum: 4, example: 4 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(4)
  severity!: number;

  @RequiredText({ maxLength: LONG_TEXT, description: 'Varför risken bedöms så efter åtgärderna' })
  rationale!: string;
}

export class AcceptRiskDto extends RiskAssessmentCommandDto {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsString()
  @MaxLength(100)
  riskId!: string;

  @ApiProperty({
    maxLength: LONG_TEXT,
    description: 'Varför risken accepteras eller hanteras i egenkontroll/internkontroll (RA-7)',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  rationale!: string;
}

export class CloseRiskAssessmentDto extends RiskAssessmentCommandDto {
  @RequiredText({ maxLength: LONG_TEXT })
  summary!: string;
}
