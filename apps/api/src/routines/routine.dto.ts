import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PROCESS_LEVELS, ROUTINE_KINDS, ROUTINE_STATUSES } from '@kvalitet/domain';
import type { ProcessLevel, RoutineKind, RoutineStatus } from '@kvalitet/domain';
import { PageQueryDto, ToBoolean } from '../cases/dto/case-list.dto';
import { Optional } from '../common/validation/optional';
import { IsBoolean } from 'class-validator';
import { DecisionDto, DecisionField } from './register-support/decision.dto';
import { LsTaskDto } from './register-support/ls-task.dto';
import { IsDate_, IsKnownUnit, IsPositiveDuration, IsUsername } from './register-support/validators';
import { PageOf } from '../common/http/page-of.dto';
import { RequiredText } from '../common/validation/required-text';
import { OptionalText } from '../common/validation/optional-text';

export class RegisterRoutineDto {
  @ApiProperty({
    enum: ROUTINE_KINDS,
    enumName: 'RoutineKind',
    description: 'Process (nivå 1–3) eller rutin (nivå 2–3)',
  })
  @IsDefined()
  @IsIn(ROUTINE_KINDS)
  kind!: RoutineKind;

  @ApiProperty({
    enum: PROCESS_LEVELS,
    description: '1 övergripande/lednings- och stödprocesser, 2 delprocesser, 3 aktiviteter (PR-1)',
  })
  @IsDefined()
  @IsIn(PROCESS_LEVELS)
  level!: ProcessLevel;

  @RequiredText({ example: 'RUT-LS-01', maxLength: 60, description: 'Dokument-id' })
  code!: string;

  @RequiredText({ example: 'Rapportera och utreda lex Sarah', maxLength: 300 })
  title!: string;

  @ApiProperty({ example: 'solgarden' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @ApiProperty({ example: 'enhetschef', description: 'Processägare/dokumentägare (användarnamn)' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;

  @ApiPropertyOptional({ example: 'kvalitet', description: 'Processadministratör (användarnamn)' })
  @Optional()
  @IsString()
  @IsUsername()
  administrator?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Överordnad process' })
  @Optional()
  @IsUUID()
  parentId?: string;

  @ApiProperty({ example: 'P1Y', description: 'Revideringsintervall (ISO-8601), obligatoriskt (PR-5)' })
  @IsDefined()
  @IsString()
  @IsPositiveDuration()
  revisionInterval!: string;

  @ApiPropertyOptional({ type: [String], example: ['regionen'], description: 'Samverkansparter (PR-6)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  cooperation?: string[];
}

export class RegisterCommandDto {
  @ApiPropertyOptional({ minimum: 1, description: 'Versionen du såg; en inaktuell ger 409 VERSION_CONFLICT' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  expectedVersion?: number;
}

export class AdoptRoutineVersionDto extends RegisterCommandDto {
  @RequiredText({ example: '2.0', maxLength: 30 })
  version!: string;

  @DecisionField()
  decision!: DecisionDto;

  @ApiProperty({ example: '2026-03-01', format: 'date' })
  @IsDefined()
  @IsDate_()
  validFrom!: string;

  @RequiredText({ example: 'Reviderad efter IVO:s tillsyn', maxLength: 2000 })
  changeNote!: string;
}

export class ChangeRoutineOwnerDto extends RegisterCommandDto {
  @ApiProperty({ example: 'avdelningschef' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;

  @ApiPropertyOptional({ example: 'kvalitet' })
  @Optional()
  @IsString()
  @IsUsername()
  administrator?: string;
}

export class RepealRoutineDto extends RegisterCommandDto {
  @DecisionField()
  decision!: DecisionDto;

  @RequiredText({ maxLength: 2000 })
  reason!: string;
}

export class RoutineListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROUTINE_KINDS, enumName: 'RoutineKind' })
  @Optional()
  @IsIn(ROUTINE_KINDS)
  kind?: RoutineKind;

  @ApiPropertyOptional({ enum: ROUTINE_STATUSES, enumName: 'RoutineStatus' })
  @Optional()
  @IsIn(ROUTINE_STATUSES)
  status?: RoutineStatus;

  @ApiPropertyOptional({ description: 'Enhet; enheter under den ingår' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Dokumenten under en process (PR-1: nivå 2–3 under nivå 1–2)',
  })
  @Optional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'Bara dokument vars revideringsdatum har passerat' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  revisionOverdue?: boolean;

  @OptionalText({ maxLength: 200, description: 'Söker i dokument-id och titel' })
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Bara dokument som ärendet är kopplat till (PR-8)' })
  @Optional()
  @IsUUID()
  caseId?: string;
}

export class LinkRoutineCaseDto {
  @ApiProperty({ format: 'uuid', description: 'Ärendet som kopplas till processen eller rutinen' })
  @IsDefined()
  @IsUUID()
  caseId!: string;

  @OptionalText({ maxLength: 2000, description: 'Vad ärendet visar om dokumentet' })
  note?: string;
}

export class RequestRoutineReviewDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Det kopplade ärendet som visar att dokumentet inte är ändamålsenligt',
  })
  @IsDefined()
  @IsUUID()
  caseId!: string;

  @RequiredText({ example: 'Rutinen säger inget om nattetid', maxLength: 2000 })
  reason!: string;
}

export class RoutineCaseLinkDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Bara för den som får läsa ärendet',
  })
  caseId!: string | null;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ description: 'Ärendetypen' }) caseType!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Bara för den som får läsa ärendet' })
  note!: string | null;
  @ApiProperty({ format: 'date-time' }) linkedAt!: string;
  @ApiProperty({ type: String, nullable: true }) linkedBy!: string | null;
  @ApiProperty({ description: 'Får anroparen läsa ärendet?' }) readable!: boolean;
}

export class RoutineReviewRequestDto {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ description: 'Ärendenumret' }) caseNumber!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Bara för den som får läsa ärendet' })
  reason!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'När en ny version fastställdes',
  })
  answeredAt!: string | null;
}

export class RoutineChangesQueryDto {
  @ApiProperty({ example: '2026-01-01', format: 'date', description: 'Första beslutsdatum som tas med' })
  @IsDefined()
  @IsDate_()
  from!: string;

  @ApiProperty({ example: '2026-12-31', format: 'date', description: 'Sista beslutsdatum som tas med' })
  @IsDefined()
  @IsDate_()
  to!: string;
}

export const ROUTINE_CHANGE_KINDS = ['adopted', 'revised', 'repealed'] as const;

export class RoutineChangeDto {
  @ApiProperty({ format: 'uuid' }) routineId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ROUTINE_KINDS, enumName: 'RoutineKind' }) kind!: string;
  @ApiProperty({ enum: PROCESS_LEVELS }) level!: number;
  @ApiProperty() unitId!: string;
  @ApiProperty({
    enum: ROUTINE_CHANGE_KINDS,
    description: 'adopted: första versionen; revised: en ny version; repealed: upphävd',
  })
  change!: (typeof ROUTINE_CHANGE_KINDS)[number];
  @ApiProperty({ type: String, nullable: true, description: 'Versionen (saknas vid upphävande)' })
  version!: string | null;
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty({ description: 'Ändringsnotering, eller skälet till upphävandet' }) changeNote!: string;
}

export class RoutineChangesDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [RoutineChangeDto], description: 'I beslutsordning' }) items!: RoutineChangeDto[];
}

export class RoutineVersionDto {
  @ApiProperty() version!: string;
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty() changeNote!: string;
  @ApiProperty({ format: 'date-time' }) adoptedAt!: string;
  @ApiProperty() recordedBy!: string;
}

export class RoutineRepealDto {
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RoutineDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ROUTINE_KINDS, enumName: 'RoutineKind' }) kind!: string;
  @ApiProperty({ enum: PROCESS_LEVELS }) level!: number;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Ägarens namn i katalogen' })
  ownerName!: string | null;
  @ApiProperty({ type: String, nullable: true }) administrator!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Administratörens namn i katalogen' })
  administratorName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty() revisionInterval!: string;
  @ApiProperty({ type: [String] }) cooperation!: string[];
  @ApiProperty({ enum: ROUTINE_STATUSES, enumName: 'RoutineStatus' }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Gällande version' }) currentVersion!:
    string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) nextRevisionDue!: string | null;
  @ApiProperty({ description: 'Revideringsdatumet har passerat (PR-5, AUD-2)' }) revisionOverdue!: boolean;
  @ApiProperty({ type: [RoutineVersionDto] }) versions!: RoutineVersionDto[];
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty({ type: RoutineRepealDto, nullable: true, description: 'Beslutet som upphävde dokumentet' })
  repeal!: RoutineRepealDto | null;
  @ApiProperty({ type: [RoutineCaseLinkDto], description: 'Kopplade ärenden (PR-8)' })
  caseLinks!: RoutineCaseLinkDto[];
  @ApiProperty({ type: [RoutineReviewRequestDto], description: 'Begärda översyner (PR-8)' })
  reviewRequests!: RoutineReviewRequestDto[];
  @ApiProperty() version!: number;
}

export class RoutinePageDto extends PageOf(RoutineDto) {}
