import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_DEADLINE_KINDS,
  CASE_EVENT_TYPES,
  CASE_LINK_RELATIONS,
  CASE_OUTCOMES,
  CASE_STAGES,
  CASE_TASK_KINDS,
  CASE_TYPES,
  CHANNELS,
  DELEGATION_DECISIONS,
  FEEDBACK_KINDS,
  RESPONSE_CHANNELS,
} from '@kvalitet/domain';
import { CASE_COMMANDS } from '../../access/access-policy';
import { ACTION_LEVELS } from './case-command.dto';
import {
  BoardInformationDto,
  IvoDecisionDto,
  JournalNoteDto,
  PatientInformationDto,
  StatutoryStepDto,
} from './statutory-steps-view.dto';
import { CaseErasureDto, LegalHoldDto } from './records.dto';
import type {
  CaseActionView,
  CaseDeadlineView,
  CaseEventView,
  CaseLinkView,
  CaseTaskView,
  CaseView,
} from '../case-view';

export class CaseDeadlineDto implements CaseDeadlineView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_DEADLINE_KINDS, enumName: 'DeadlineKind' }) kind!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({
    enum: ['open', 'met', 'missed', 'cancelled'],
    enumName: 'DeadlineStatus',
    description: 'cancelled: en omklassificering tog ärendet från den väg som hade fristen',
  })
  status!: 'open' | 'met' | 'missed' | 'cancelled';
  @ApiProperty({ description: 'Versionen av fristpolicyn som satte fristen' }) policyVersion!: number;
  @ApiPropertyOptional() actionId?: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) metAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) missedAt?: string;
  @ApiPropertyOptional({ description: 'Uppfylld (status met) först efter att fristen missats' })
  metLate?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) cancelledAt?: string;
  @ApiProperty({ description: '0 tills fristen missats; därefter eskaleringssteget' })
  escalationLevel!: number;
}

export class CaseTaskDto implements CaseTaskView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CASE_TASK_KINDS, enumName: 'TaskKind' }) kind!: string;
  @ApiPropertyOptional() assignee?: string;
  @ApiPropertyOptional() assigneeRole?: string;
  @ApiProperty() unitId!: string;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiProperty({ enum: ['open', 'done'], enumName: 'TaskStatus' }) status!: 'open' | 'done';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional() actionId?: string;
  @ApiPropertyOptional() deadlineId?: string;
}

export class CaseActionDto implements CaseActionView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ACTION_LEVELS, enumName: 'ActionLevel' }) level!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['open', 'completed', 'followed_up'], enumName: 'ActionStatus' }) status!: string;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
  @ApiPropertyOptional() result?: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) followedUpAt?: string;
  @ApiPropertyOptional() effective?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Utredningens orsaker som åtgärden riktar sig mot' })
  causes?: string[];
}

export class CaseReporterDto {
  @ApiPropertyOptional() username?: string;
  @ApiPropertyOptional() name?: string;
}

export class CaseOnBehalfOfDto {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() contact?: string;
}

export class CaseContactDto {
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
}

export class CaseAcknowledgementDto {
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional() note?: string;
}

export class CaseInvestigationDto {
  @ApiProperty() seq!: number;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [String] }) causes!: string[];
  @ApiPropertyOptional() deviationOccurred?: boolean;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** The delegation of the register a decision was made under (AUD-6, api.md v1.1). */
export class CaseDelegationDto {
  @ApiProperty({ enum: DELEGATION_DECISIONS, enumName: 'DelegationDecision' }) decision!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'SN 2025-12-10 § 141',
    description: 'Nämndens beslut',
  })
  boardDecision!: string | null;
}

export class CaseDecisionDto {
  @ApiProperty({ enum: CASE_OUTCOMES, enumName: 'CaseOutcome' }) outcome!: string;
  @ApiProperty() rationale!: string;
  @ApiProperty() requiresIvoReport!: boolean;
  @ApiPropertyOptional({
    type: CaseDelegationDto,
    description: 'Delegationen beslutet fattades med (lex Sarah, lex Maria)',
  })
  delegation?: CaseDelegationDto;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CaseIvoReportDto {
  @ApiProperty() ivoReference!: string;
  @ApiProperty({ description: 'Datum eller tidpunkt då anmälan skickades' }) reportedAt!: string;
  @ApiPropertyOptional({ type: CaseDelegationDto, description: 'Delegationen anmälan gjordes med' })
  delegation?: CaseDelegationDto;
  @ApiProperty() by!: string;
}

export class CaseBreachAssessmentDto {
  @ApiProperty({ description: 'Om incidenten ska anmälas till IMY' }) notifiable!: boolean;
  @ApiProperty() rationale!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CaseResponseDto {
  @ApiProperty({ description: 'När svaret lämnades' }) respondedAt!: string;
  @ApiProperty({ enum: RESPONSE_CHANNELS }) channel!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'Rollen den som svarade hade' }) role!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CaseImyReportDto {
  @ApiProperty({ description: 'Tidpunkt då anmälan skickades till IMY' }) reportedAt!: string;
  @ApiProperty({ type: String, nullable: true }) imyReference!: string | null;
  @ApiProperty() by!: string;
}

export class CaseLinkDto implements CaseLinkView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'LS-2026-0009' }) caseNumber!: string;
  @ApiProperty({
    enum: CASE_LINK_RELATIONS,
    enumName: 'CaseLinkRelation',
    description: 'Från det här ärendets håll: led_from är andra sidan av led_to',
  })
  relation!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ enum: CASE_TYPES, description: 'Eskalering: typen avvikelsen eskalerades till' })
  escalatedTo?: string;
  @ApiPropertyOptional({ description: 'Eskalering: motiveringen' }) rationale?: string;
}

/** A case as `GET /cases/{id}`, `POST /cases` and every command answer it. */
export class CaseClassifyOptionsDto {
  @ApiProperty({ enum: CASE_TYPES, isArray: true, description: 'Typer du får omklassificera ärendet till' })
  types!: string[];

  @ApiProperty({ description: 'Om du får flytta ärendet till en annan enhet (unitId)' })
  moveUnit!: boolean;
}

export class CaseDto implements CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'LS-2026-0007' }) caseNumber!: string;
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) type!: string;
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType', description: 'Typen vid rapporteringen' })
  reportedType!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage' }) stage!: string;
  @ApiProperty({ description: 'Antal händelser; ange som expectedVersion i kommandon' }) version!: number;
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: CHANNELS, enumName: 'CaseChannel' }) channel!: string;
  @ApiProperty({ description: 'Synpunkt från allmänheten som ännu inte klassificerats' })
  unclassified!: boolean;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty({ type: String, nullable: true }) lagrum!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Vad kategorin annat står för i ärendet; visas bara på ärendet, statistiken räknar annat',
  })
  categoryText!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Vilket lagrum när lagrum är annat' })
  lagrumText!: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Datum eller tidpunkt' }) occurredAt!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null när fritexten inte visas (skyddade personuppgifter, se personalDataWithheld)',
  })
  description!: string | null;
  @ApiProperty({ type: String, nullable: true }) immediateActions!: string | null;
  @ApiProperty({ type: CaseReporterDto }) reporter!: CaseReporterDto;
  @ApiProperty({ type: CaseOnBehalfOfDto, nullable: true }) onBehalfOf!: CaseOnBehalfOfDto | null;
  @ApiProperty({ type: String, nullable: true }) personRef!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...FEEDBACK_KINDS, null] }) kind!: string | null;
  @ApiProperty({ type: CaseContactDto, nullable: true }) contact!: CaseContactDto | null;
  @ApiProperty({ type: Boolean, nullable: true }) wantsAnswer!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ type: CaseAcknowledgementDto, nullable: true }) acknowledged!: CaseAcknowledgementDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) investigationStartedAt!: string | null;
  @ApiProperty({ type: CaseInvestigationDto, nullable: true }) investigation!: CaseInvestigationDto | null;
  @ApiProperty({ type: CaseDecisionDto, nullable: true }) decision!: CaseDecisionDto | null;
  @ApiProperty({ type: CaseIvoReportDto, nullable: true }) ivoReport!: CaseIvoReportDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Personuppgiftsincident: när organisationen fick kännedom',
  })
  awareAt!: string | null;
  @ApiProperty({ type: CaseBreachAssessmentDto, nullable: true })
  breachAssessment!: CaseBreachAssessmentDto | null;
  @ApiProperty({ type: CaseImyReportDto, nullable: true }) imyReport!: CaseImyReportDto | null;
  @ApiProperty({
    type: [StatutoryStepDto],
    description: 'Lex Maria, lex Sarah och HSL: de lagstadgade stegen som checklista (tom för andra typer)',
  })
  statutorySteps!: StatutoryStepDto[];
  @ApiProperty({ type: PatientInformationDto, nullable: true })
  patientInformation!: PatientInformationDto | null;
  @ApiProperty({ type: JournalNoteDto, nullable: true }) journalNote!: JournalNoteDto | null;
  @ApiProperty({ type: BoardInformationDto, nullable: true })
  boardInformation!: BoardInformationDto | null;
  @ApiProperty({ type: [IvoDecisionDto] }) ivoDecisions!: IvoDecisionDto[];
  @ApiProperty({ description: 'Rapporterad senare än policyns late_report_after efter händelsen (DL-2)' })
  lateReport!: boolean;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Extern granskning: granskarens datum för svar',
  })
  respondBy!: string | null;
  @ApiProperty({ type: [CaseResponseDto], description: 'Lämnade svar (LC-4 steg 7, DL-13), äldst först' })
  responses!: CaseResponseDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closingSummary!: string | null;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ type: [CaseDeadlineDto] }) deadlines!: CaseDeadlineDto[];
  @ApiProperty({ type: [CaseTaskDto] }) tasks!: CaseTaskDto[];
  @ApiProperty({ type: [CaseActionDto] }) actions!: CaseActionDto[];
  @ApiProperty({ type: [CaseLinkDto], description: 'Länkade ärenden (api.md v1.1 link)' })
  links!: CaseLinkDto[];
  @ApiProperty({ type: LegalHoldDto, nullable: true, description: 'Spärr mot gallring (DATA-7)' })
  legalHold!: LegalHoldDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'När ärendet gallrades; fritext och personuppgifter läses då [raderad] (DATA-2)',
  })
  erasedAt!: string | null;
  @ApiProperty({ type: CaseErasureDto, nullable: true, description: 'Regeln ärendet gallrades enligt' })
  erasure!: CaseErasureDto | null;
  @ApiPropertyOptional({
    enum: CASE_COMMANDS,
    enumName: 'CaseCommand',
    isArray: true,
    description: 'Kommandon du får köra på ärendet',
  })
  allowedCommands?: string[];

  @ApiProperty({
    description: 'Ärendet gäller en person med skyddade personuppgifter (DATA-2)',
  })
  protectedIdentity!: boolean;

  @ApiProperty({
    description:
      'Fritext och namn är utelämnade i svaret (skyddade personuppgifter): beskrivning, åtgärder, namn, kontakt, personreferens och anteckningar är null eller tomma',
  })
  personalDataWithheld!: boolean;

  @ApiProperty({
    description:
      'Utelämnade bara för att skäl saknas: läs igen med ?reason= (3–500 tecken) så visas fritexten och skälet loggas',
  })
  reasonRequired!: boolean;

  @ApiPropertyOptional({
    type: CaseClassifyOptionsDto,
    description: 'Vad du får ändra med classify: typer att omklassificera till, och om du får flytta ärendet',
  })
  classifyOptions?: CaseClassifyOptionsDto;
}

export class CaseEventDto implements CaseEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_EVENT_TYPES, enumName: 'CaseEventType', example: 'CaseReported' }) type!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ description: 'Användarnamn på den som orsakade händelsen' }) actor!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}
