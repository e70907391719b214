import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { ARSHJUL_KINDS, ARSHJUL_OWNER_ROLES } from '@kvalitet/domain';
import type { ArshjulKind, ArshjulOwnerRole } from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';
import { RegisterCommandDto } from '../routines/routine.dto';
import { LsTaskDto } from '../routines/register-support/ls-task.dto';
import { IsDate_, IsNotBlank, IsUsername } from '../routines/register-support/validators';

export class ArshjulBoardQueryDto {
  @ApiPropertyOptional({
    description: 'Nämnden; utan den den första nämnd du arbetar för',
    example: 'socialnamnden',
  })
  @Optional()
  @IsString()
  @MaxLength(100)
  board?: string;
}

export class CreateArshjulDto {
  @ApiProperty({
    example: 2027,
    description: 'Året planen gäller; den skapas med katalogens förslag (DL-31)',
  })
  @IsDefined()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ example: 'socialnamnden' })
  @Optional()
  @IsString()
  @MaxLength(100)
  board?: string;
}

export class AddArshjulItemDto extends RegisterCommandDto {
  @ApiProperty({ enum: ARSHJUL_KINDS, enumName: 'ArshjulKind' })
  @IsDefined()
  @IsIn(ARSHJUL_KINDS)
  kind!: ArshjulKind;

  @ApiProperty({ example: 'Dialogmöte med brukarrådet' })
  @IsDefined()
  @IsString()
  @MaxLength(200)
  @IsNotBlank()
  title!: string;

  @ApiPropertyOptional({
    enum: ARSHJUL_OWNER_ROLES,
    enumName: 'ArshjulOwnerRole',
    description: 'Ansvarig roll; eller owner',
  })
  @Optional()
  @IsIn(ARSHJUL_OWNER_ROLES)
  ownerRole?: ArshjulOwnerRole;

  @ApiPropertyOptional({ description: 'Ansvarig person (användarnamn); eller ownerRole' })
  @Optional()
  @IsString()
  @IsUsername()
  owner?: string;

  @ApiProperty({ format: 'date', example: '2027-06-01' })
  @IsDefined()
  @IsDate_()
  dueOn!: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class MoveArshjulItemDto extends RegisterCommandDto {
  @ApiProperty({ format: 'date' })
  @IsDefined()
  @IsDate_()
  dueOn!: string;

  @ApiPropertyOptional({ description: 'Varför datumet flyttas' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CancelArshjulItemDto extends RegisterCommandDto {
  @ApiProperty({ description: 'Varför uppgiften stryks' })
  @IsDefined()
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export class MarkArshjulItemDoneDto extends RegisterCommandDto {
  @ApiProperty({ format: 'date' })
  @IsDefined()
  @IsDate_()
  doneOn!: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ArshjulItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ARSHJUL_KINDS, enumName: 'ArshjulKind' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ARSHJUL_OWNER_ROLES, enumName: 'ArshjulOwnerRole', nullable: true })
  ownerRole!: string | null;
  @ApiProperty({ type: String, nullable: true }) owner!: string | null;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: ['planned', 'done', 'cancelled'] }) status!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) doneOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) doneBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty({ description: 'Planerad och datumet har passerats' }) overdue!: boolean;
  @ApiProperty({ description: 'Får den inloggade markera uppgiften klar' }) mayMarkDone!: boolean;
}

export class ArshjulCompletionDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Uppgifter som inte är strukna' }) total!: number;
  @ApiProperty() done!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ type: [ArshjulItemDto] }) overdue!: ArshjulItemDto[];
}

export class ArshjulDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() boardId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [ArshjulItemDto] }) items!: ArshjulItemDto[];
  @ApiProperty({ type: ArshjulCompletionDto }) completion!: ArshjulCompletionDto;
  @ApiProperty({ description: 'Får den inloggade lägga till, flytta och stryka' }) mayPlan!: boolean;
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty() version!: number;
}

export class ArshjulYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() total!: number;
  @ApiProperty() done!: number;
  @ApiProperty() overdue!: number;
}

export class ArshjulBoardDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class ArshjulYearsDto {
  @ApiProperty() boardId!: string;
  @ApiProperty({ type: [ArshjulBoardDto], description: 'Nämnderna du arbetar för' })
  boards!: ArshjulBoardDto[];
  @ApiProperty({ type: [ArshjulYearDto] }) years!: ArshjulYearDto[];
  @ApiProperty({ description: 'Får den inloggade skapa och planera årshjul' }) mayPlan!: boolean;
}
