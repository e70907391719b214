import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional } from '../common/validation/optional';
import { IsUsername } from '../common/validation/validators';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import type { AccessLogKind } from './access-log.service';
import { PageOf } from '../common/http/page-of.dto';

const KINDS: readonly AccessLogKind[] = ['read', 'search'];

export class AccessLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Bara läsningar av detta ärende' })
  @Optional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    example: 'LS-2026-0007',
    description: 'Bara läsningar av ärendet med detta ärendenummer (som människor känner det)',
  })
  @Optional()
  @IsString()
  @MaxLength(40)
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'Bara läsningar gjorda av denna användare' })
  @Optional()
  @IsString()
  @IsUsername()
  username?: string;

  @ApiPropertyOptional({
    enum: KINDS,
    description: 'Bara läsningar av ärenden (read) eller bara sökningar i ärendelistan (search)',
  })
  @Optional()
  @IsIn(KINDS)
  kind?: AccessLogKind;
}

export class AccessLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({
    enum: KINDS,
    description: 'read: en läsning av ett ärende; search: en sökning i ärendelistan',
  })
  kind!: AccessLogKind;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Ärendet som lästes; null för en sökning',
  })
  caseId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'LS-2026-0007',
    description: 'Ärendenumret för ärendet som lästes; null för en sökning',
  })
  caseNumber!: string | null;
  @ApiProperty({
    example: 'read_case',
    description: 'read_case, read_events, command:<kommando> eller search_cases',
  })
  action!: string;
  @ApiProperty({ example: 'GET /api/v1/cases/:id' }) route!: string;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Sökningens text (q) som den skrevs; null för en läsning',
  })
  query!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Antal träffar för en sökning; null för en läsning',
  })
  hits!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Skälet läsaren angav för att läsa fritexten i ett ärende med skyddade personuppgifter; annars null',
  })
  reason!: string | null;
}

export class AccessLogPageDto extends PageOf(AccessLogEntryDto) {}

/** One row of a case's access log (`GET /cases/{id}/access-log`): who, when, what and why. */
export class CaseAccessLogEntryDto extends AccessLogEntryDto {
  @ApiProperty({ type: String, nullable: true, description: 'Läsarens namn (okänt användarnamn: null)' })
  name!: string | null;
}

export class CaseAccessLogPageDto extends PageOf(CaseAccessLogEntryDto) {}
