import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString } from 'class-validator';
import { EJ_VERKSTALLT_INSATSER, EJ_VERKSTALLT_LAGRUM, EJ_VERKSTALLT_REASONS } from '@kvalitet/domain';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { PageOf } from '../common/http/page-of.dto';
import { Optional } from '../common/validation/optional';
import { RegisterCommandDto } from '../routines/routine.dto';
import { IsDate_, IsKnownUnit } from '../routines/register-support/validators';

/** A decision not carried out within three months (AUD-25): no person, only lists and dates. */
export class RegisterEjVerkstalltBeslutDto {
  @ApiProperty({ example: 'solgarden', description: 'Enheten som ska verkställa beslutet' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @ApiProperty({ enum: EJ_VERKSTALLT_LAGRUM, enumName: 'EjVerkstalltLagrum' })
  @IsDefined()
  @IsIn(EJ_VERKSTALLT_LAGRUM)
  lagrum!: string;

  @ApiProperty({ enum: EJ_VERKSTALLT_INSATSER, enumName: 'EjVerkstalltInsats' })
  @IsDefined()
  @IsIn(EJ_VERKSTALLT_INSATSER)
  insats!: string;

  @ApiProperty({ example: '2026-03-02', description: 'Beslutsdatum (ÅÅÅÅ-MM-DD)' })
  @IsDefined()
  @IsDate_()
  decisionDate!: string;

  @ApiPropertyOptional({ example: '2026-06-10', nullable: true, description: 'Rapporterat till IVO' })
  @Optional()
  @IsDate_()
  reportedToIvoOn?: string | null;

  @ApiPropertyOptional({ enum: EJ_VERKSTALLT_REASONS, enumName: 'EjVerkstalltReason', nullable: true })
  @Optional()
  @IsIn(EJ_VERKSTALLT_REASONS)
  reason?: string | null;
}

export class RecordEjVerkstalltStatusDto extends RegisterCommandDto {
  @ApiPropertyOptional({ example: '2026-06-10', nullable: true, description: 'Rapporterat till IVO' })
  @Optional()
  @IsDate_()
  reportedToIvoOn?: string | null;

  @ApiPropertyOptional({
    example: '2026-08-15',
    nullable: true,
    description: 'Datum då beslutet verkställdes',
  })
  @Optional()
  @IsDate_()
  verkstalltOn?: string | null;

  @ApiPropertyOptional({ enum: EJ_VERKSTALLT_REASONS, enumName: 'EjVerkstalltReason', nullable: true })
  @Optional()
  @IsIn(EJ_VERKSTALLT_REASONS)
  reason?: string | null;
}

export class EjVerkstalltBeslutDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: EJ_VERKSTALLT_LAGRUM, enumName: 'EjVerkstalltLagrum' }) lagrum!: string;
  @ApiProperty({ enum: EJ_VERKSTALLT_INSATSER, enumName: 'EjVerkstalltInsats' }) insats!: string;
  @ApiProperty({ example: '2026-03-02' }) decisionDate!: string;
  @ApiProperty({ nullable: true, type: String }) reportedToIvoOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) verkstalltOn!: string | null;
  @ApiProperty({ enum: EJ_VERKSTALLT_REASONS, enumName: 'EjVerkstalltReason', nullable: true })
  reason!: string | null;
  @ApiProperty() version!: number;
}

export class EjVerkstalltBeslutPageDto extends PageOf(EjVerkstalltBeslutDto) {}

export class EjVerkstalltBeslutListQueryDto extends PageQueryDto {}
