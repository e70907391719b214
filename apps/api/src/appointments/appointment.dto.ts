import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, IsUUID } from 'class-validator';
import { APPOINTMENT_DECISION_TYPES, APPOINTMENT_ROLES } from '@kvalitet/domain';
import type { AppointmentDecisionType, AppointmentRole } from '@kvalitet/domain';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { Optional } from '../common/validation/optional';
import { RegisterCommandDto } from '../routines/routine.dto';
import { DecisionDto, DecisionField } from '../routines/register-support/decision.dto';
import { LsTaskDto } from '../routines/register-support/ls-task.dto';
import { IsDate_, IsKnownUnit, IsUsername } from '../routines/register-support/validators';
import { PageOf } from '../common/http/page-of.dto';
import { RequiredText } from '../common/validation/required-text';
import { OptionalText } from '../common/validation/optional-text';

export class AppointDto {
  @ApiProperty({ enum: APPOINTMENT_ROLES, enumName: 'AppointmentRole' })
  @IsDefined()
  @IsIn(APPOINTMENT_ROLES)
  role!: AppointmentRole;

  @ApiProperty({ example: 'sas', description: 'Den som förordnas (användarnamn)' })
  @IsDefined()
  @IsString()
  @IsUsername()
  holder!: string;

  @ApiPropertyOptional({
    example: 'forvaltning',
    description: 'Enheten förordnandet gäller (standard: hela förvaltningen)',
  })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Processen (för processägare)' })
  @Optional()
  @IsUUID()
  processId?: string;

  @ApiPropertyOptional({
    enum: APPOINTMENT_DECISION_TYPES,
    enumName: 'AppointmentDecisionType',
    description: 'Beslutstypen (för delegat)',
  })
  @Optional()
  @IsIn(APPOINTMENT_DECISION_TYPES)
  decisionType?: AppointmentDecisionType;

  @DecisionField({ description: 'Beslutet som gjorde förordnandet' })
  decision!: DecisionDto;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsDefined()
  @IsDate_()
  validFrom!: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-12-31' })
  @Optional()
  @IsDate_()
  validTo?: string;

  @OptionalText({ example: 'Delegationsordning 2026 p. 4.2', maxLength: 200 })
  delegationReference?: string;
}

export class EndAppointmentDto extends RegisterCommandDto {
  @ApiProperty({ format: 'date' })
  @IsDefined()
  @IsDate_()
  on!: string;

  @RequiredText({ maxLength: 2000 })
  reason!: string;
}

export class AppointmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPOINTMENT_ROLES, enumName: 'AppointmentRole' })
  @Optional()
  @IsIn(APPOINTMENT_ROLES)
  role?: AppointmentRole;

  @ApiPropertyOptional({ enum: ['active', 'ended'] })
  @Optional()
  @IsIn(['active', 'ended'])
  status?: 'active' | 'ended';
}

export class AppointmentScopeDto {
  @ApiProperty() unitId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) processId!: string | null;
  @ApiProperty({ type: String, enum: APPOINTMENT_DECISION_TYPES, nullable: true }) decisionType!:
    string | null;
}

export class AppointmentEndDto {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() by!: string;
}

export class AppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: APPOINTMENT_ROLES, enumName: 'AppointmentRole' }) role!: string;
  @ApiProperty() roleLabel!: string;
  @ApiProperty({ description: 'Användarnamnet, eller rollen när delegationen gäller en roll' })
  holder!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Rollen som har delegationen, när den inte gäller en person (ADR 0034)',
  })
  holderRole!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Personens namn, när katalogen känner den' })
  holderName!: string | null;
  @ApiProperty({
    enum: ['appointment', 'delegation_register'],
    description: 'Var förordnandet sparas: eget förordnande eller en rad i delegationsförteckningen',
  })
  source!: string;
  @ApiProperty({ type: AppointmentScopeDto }) scope!: AppointmentScopeDto;
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo!: string | null;
  @ApiProperty({ type: String, nullable: true }) delegationReference!: string | null;
  @ApiProperty({ enum: ['active', 'ended'] }) status!: string;
  @ApiProperty({ description: 'Gäller i dag' }) inForce!: boolean;
  @ApiProperty({ type: AppointmentEndDto, nullable: true }) ended!: AppointmentEndDto | null;
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty() version!: number;
}

export class AppointmentPageDto extends PageOf(AppointmentDto) {}

export class MissingAppointmentDto {
  @ApiProperty({ example: 'sas' }) key!: string;
  @ApiProperty({ enum: APPOINTMENT_ROLES, enumName: 'AppointmentRole' }) role!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ type: String, enum: APPOINTMENT_DECISION_TYPES, nullable: true }) decisionType!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Vem som måste ha fattat beslutet (t.ex. nämnden)',
  })
  appointedBy!: string | null;
  @ApiProperty() message!: string;
}

export class AppointmentAlertsDto {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ type: [MissingAppointmentDto] }) missing!: MissingAppointmentDto[];
}

export class AlertsQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Dag att pröva (standard: i dag)' })
  @Optional()
  @IsDate_()
  on?: string;
}
