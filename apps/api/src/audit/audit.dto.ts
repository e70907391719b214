import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID } from 'class-validator';
import { Optional } from '../common/validation/optional';
import { IsUsername } from '../common/validation/validators';
import { PageQueryDto } from '../cases/dto/case-list.dto';

export class AccessLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Bara läsningar av detta ärende' })
  @Optional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'Bara läsningar gjorda av denna användare' })
  @Optional()
  @IsString()
  @IsUsername()
  username?: string;
}

export class AccessLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'read_case', description: 'read_case, read_events eller command:<kommando>' })
  action!: string;
  @ApiProperty({ example: 'GET /api/v1/cases/:id' }) route!: string;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) items!: AccessLogEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
