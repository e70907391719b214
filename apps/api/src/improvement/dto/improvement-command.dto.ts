import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IMPROVEMENT_LEVELS, type ImprovementLevel } from '@kvalitet/domain';
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

export class ImprovementCommandDto {
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

export class ImprovementPlanDto {
  @RequiredText({ maxLength: SHORT_TEXT, example: 'Checklista vid överrapportering' })
  title!: string;

  @ApiProperty({
    enum: IMPROVEMENT_LEVELS,
    enumName: 'ImprovementLevel',
    description: 'Det direkta arbetet eller de bakomliggande rutinerna (IMP-1)',
  })
  @IsDefined()
  @IsIn(IMPROVEMENT_LEVELS)
  level!: ImprovementLevel;

  @ApiProperty({ example: 'enhetschef' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;

  @ApiProperty({ example: '2026-12-20T16:00:00+01:00' })
  @IsDefined()
  @IsDateTimeWithOffset()
  dueAt!: string;

  @RequiredText({ maxLength: LONG_TEXT, description: 'Förväntad effekt (följs upp)' })
  expectedEffect!: string;
}

export class ProposeImprovementDto {
  @ApiProperty({ example: 'solgarden' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @RequiredText({ maxLength: SHORT_TEXT })
  title!: string;

  @RequiredText({ maxLength: LONG_TEXT })
  description!: string;

  @OptionalText({ maxLength: LONG_TEXT })
  expectedEffect?: string;
}

export class AssessImprovementDto extends ImprovementCommandDto {
  @ApiProperty({ enum: ['accepted', 'rejected'] })
  @IsDefined()
  @IsIn(['accepted', 'rejected'])
  decision!: 'accepted' | 'rejected';

  @RequiredText({
    maxLength: LONG_TEXT,
    description: 'Återkopplingen till den som lämnade förslaget (IMP-8)',
  })
  feedback!: string;

  @ApiPropertyOptional({ type: ImprovementPlanDto, description: 'Krävs när förslaget antas' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImprovementPlanDto)
  plan?: ImprovementPlanDto;
}

export class ReplanImprovementDto extends ImprovementCommandDto {
  @ApiProperty({ type: ImprovementPlanDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ImprovementPlanDto)
  plan!: ImprovementPlanDto;
}

export class ImplementImprovementDto extends ImprovementCommandDto {
  @RequiredText({ maxLength: LONG_TEXT })
  result!: string;

  @ApiPropertyOptional({
    description: 'När effekten ska följas upp; standard enligt fristpolicyns follow_up (P90D)',
  })
  @Optional()
  @IsDateTimeWithOffset()
  followUpDueAt?: string;
}

export class FollowUpEffectDto extends ImprovementCommandDto {
  @ApiProperty({ description: 'Hade åtgärden avsedd effekt? Nej leder till en ny plan (LC-3)' })
  @IsDefined()
  @IsBoolean()
  effective!: boolean;

  @ApiProperty({
    maxLength: LONG_TEXT,
    description: 'Underlag: omkontroll, kontrollresultat, inga nya avvikelser …',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  evidence!: string;
}

export class ReadFeedbackDto extends ImprovementCommandDto {}

export class ImprovementSourceInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Ärendet vars utredning åtgärden bygger på' })
  @Optional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Riskanalysen åtgärden bygger på' })
  @Optional()
  @IsUUID()
  riskAssessmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Händelseanalysen åtgärden bygger på (RA-11)' })
  @Optional()
  @IsUUID()
  eventAnalysisId?: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 50,
    description: 'Orsakerna (som de registrerats i utredningen/analysen) som åtgärden riktar sig mot',
  })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(2000, { each: true })
  causes!: string[];
}

export class CreateImprovementActionDto {
  @ApiProperty({ example: 'solgarden' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @OptionalText({ maxLength: LONG_TEXT })
  description?: string;

  @ApiProperty({ type: ImprovementSourceInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ImprovementSourceInputDto)
  source!: ImprovementSourceInputDto;

  @ApiProperty({ type: ImprovementPlanDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ImprovementPlanDto)
  plan!: ImprovementPlanDto;
}

export class ShareLessonDto {
  @ApiProperty({ example: 'solgarden', description: 'Enheten där iakttagelsen gjordes' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  sourceUnitId!: string;

  @RequiredText({ maxLength: SHORT_TEXT })
  title!: string;

  @ApiProperty({
    maxLength: LONG_TEXT,
    description: 'Iakttagelsen som andra enheter ska kontrollera hos sig',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  finding!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  sourceCaseId?: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 100, example: ['hemtjanst-norr', 'ekbacken'] })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsKnownUnit({ each: true })
  targetUnitIds!: string[];

  @ApiProperty({ example: '2026-12-20T16:00:00+01:00' })
  @IsDefined()
  @IsDateTimeWithOffset()
  dueAt!: string;
}

export class RecordLessonCheckDto extends ImprovementCommandDto {
  @ApiProperty({ example: 'ekbacken', description: 'Enheten som kontrollerat' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @ApiProperty({ description: 'Är lärdomen tillämplig på enheten?' })
  @IsDefined()
  @IsBoolean()
  applicable!: boolean;

  @RequiredText({ maxLength: LONG_TEXT })
  result!: string;
}
