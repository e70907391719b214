import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { MEETING_CALENDAR_MAX_ENTRIES } from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';
import { IsWithinAcceptedYears } from '../common/validation/validators';
import { OptionalText } from '../common/validation/optional-text';

export class MeetingDto {
  @ApiProperty({
    example: '2027-01-14',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: 'Mötesdag (Stockholm); rapporten tas fram 07:00 samma dag',
  })
  @IsDefined()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsWithinAcceptedYears()
  date!: string;

  @ApiPropertyOptional({
    example: '09:00',
    pattern: '^\\d{2}:\\d{2}$',
    description: 'Mötets starttid (information)',
  })
  @Optional()
  @IsString()
  @Matches(/^\d{2}:\d{2}$/)
  time?: string;

  @OptionalText({ example: 'Ledningsgrupp – tertialuppföljning', maxLength: 200 })
  title?: string;
}

export class MeetingCalendarDocumentDto {
  @ApiProperty({
    type: [MeetingDto],
    maxItems: MEETING_CALENDAR_MAX_ENTRIES,
    description: 'Hela kalendern (ersätter den sparade); tom lista: varje torsdag',
  })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MEETING_CALENDAR_MAX_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => MeetingDto)
  meetings!: MeetingDto[];

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Den version ändringen bygger på (valfri); en inaktuell version ger 409',
  })
  @Optional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class MeetingCalendarDto {
  @ApiProperty({ minimum: 0, description: 'Kalenderns version; 0 = aldrig sparad' })
  version!: number;

  @ApiProperty({ type: [MeetingDto] })
  meetings!: MeetingDto[];

  @ApiPropertyOptional({ format: 'date-time' })
  changedAt?: string;

  @ApiPropertyOptional({ description: 'Vem som sparade versionen' })
  changedBy?: string;
}

export class MeetingScheduleSyncDto {
  @ApiProperty({ example: 'kvalitet-report-meeting-report' })
  scheduleId!: string;

  @ApiProperty({ description: 'Om Temporal-schemat för mötesrapporten uppdaterades nu' })
  updated!: boolean;

  @ApiProperty({ description: 'Vad som hände med schemat, på svenska' })
  message!: string;
}

export class SavedMeetingCalendarDto extends MeetingCalendarDto {
  @ApiProperty({ type: MeetingScheduleSyncDto })
  schedule!: MeetingScheduleSyncDto;
}

/** The nämnd's calendar (api.md v1.1): the same document; only what an empty list means differs. */
export class BoardMeetingsDocumentDto extends MeetingCalendarDocumentDto {
  @ApiProperty({
    type: [MeetingDto],
    maxItems: MEETING_CALENDAR_MAX_ENTRIES,
    description:
      'Hela kalendern (ersätter den sparade); tom lista: inga sammanträden, och fristen för att informera nämnden får inget datum',
  })
  declare meetings: MeetingDto[];
}

export class BoardMeetingsDto extends MeetingCalendarDto {
  @ApiProperty({ minimum: 1, description: 'Kalenderns version; 1 = demokalendern (aldrig sparad)' })
  declare version: number;
}
