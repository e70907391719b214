import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsString } from 'class-validator';
import { INFORMATION_METHODS } from '@kvalitet/domain';
import type { InformationMethod } from '@kvalitet/domain';
import { PageQueryDto, ToBoolean } from '../cases/dto/case-list.dto';
import { Optional } from '../common/validation/optional';
import { RegisterCommandDto } from '../routines/routine.dto';
import { LsTaskDto } from '../routines/register-support/ls-task.dto';
import { IsDate_, IsKnownUnit, IsUsername } from '../routines/register-support/validators';
import { PageOf } from '../common/http/page-of.dto';

export class RegisterEmployeeDto {
  @ApiProperty({ example: 'ny.medarbetare' })
  @IsDefined()
  @IsString()
  @IsUsername()
  username!: string;

  @ApiProperty({ example: 'solgarden' })
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;

  @ApiProperty({ format: 'date', example: '2026-03-02' })
  @IsDefined()
  @IsDate_()
  hiredOn!: string;
}

export class RecordInformationDto extends RegisterCommandDto {
  @ApiProperty({ format: 'date' })
  @IsDefined()
  @IsDate_()
  informedOn!: string;

  @ApiProperty({ enum: INFORMATION_METHODS, enumName: 'InformationMethod' })
  @IsDefined()
  @IsIn(INFORMATION_METHODS)
  method!: InformationMethod;

  @ApiPropertyOptional({
    description: 'Medarbetaren har kvitterat rapporteringsskyldigheten (IMP-9)',
    default: false,
  })
  @Optional()
  @IsBoolean()
  acknowledged?: boolean;
}

export class MoveEmployeeDto extends RegisterCommandDto {
  @ApiProperty()
  @IsDefined()
  @IsString()
  @IsKnownUnit()
  unitId!: string;
}

export class RecordLeavingDto extends RegisterCommandDto {
  @ApiProperty({ format: 'date' })
  @IsDefined()
  @IsDate_()
  leftOn!: string;
}

export class TrainingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Enhet; enheter under den ingår' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Bara de vars information har förfallit' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: ['active', 'left'] })
  @Optional()
  @IsIn(['active', 'left'])
  status?: 'active' | 'left';
}

export class InformationRecordDto {
  @ApiProperty({ format: 'date' }) informedOn!: string;
  @ApiProperty({ enum: INFORMATION_METHODS, enumName: 'InformationMethod' }) method!: string;
  @ApiProperty({ enum: ['at_hire', 'yearly'] }) kind!: string;
  @ApiProperty() acknowledged!: boolean;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class TrainingRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Personens namn, när katalogen känner den' })
  name!: string | null;
  @ApiProperty() unitId!: string;
  @ApiProperty({ format: 'date' }) hiredOn!: string;
  @ApiProperty({ type: [InformationRecordDto] }) informations!: InformationRecordDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) nextDue!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: ['active', 'left'] }) status!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leftOn!: string | null;
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty() version!: number;
}

export class TrainingRecordPageDto extends PageOf(TrainingRecordDto) {}
