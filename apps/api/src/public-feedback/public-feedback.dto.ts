import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { TextWarningDto } from '../cases/dto/text-warning.dto';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { FEEDBACK_KINDS, type FeedbackKind } from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';
import { IsDateOrDateTime, IsKnownUnit } from '../common/validation/validators';
import { LONG_TEXT, SHORT_TEXT } from '../cases/dto/text-limits';
import { RequiredText } from '../common/validation/required-text';
import { OptionalText } from '../common/validation/optional-text';

export class FeedbackContactDto {
  @OptionalText({ maxLength: SHORT_TEXT, example: 'anna@example.se' })
  email?: string;

  @OptionalText({ maxLength: 50, example: '070-123 45 67' })
  phone?: string;
}

export class PublicFeedbackDto {
  @RequiredText({ minLength: 1, maxLength: LONG_TEXT, description: 'Vad du vill berätta' })
  message!: string;

  @ApiPropertyOptional({
    enum: FEEDBACK_KINDS,
    enumName: 'FeedbackKind',
    description: 'Klagomål, synpunkt eller beröm; behöver inte anges',
  })
  @Optional()
  @IsIn(FEEDBACK_KINDS)
  kind?: FeedbackKind;

  @ApiPropertyOptional({ example: 'solgarden', description: 'Verksamheten det gäller, om du vet' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'När det hände (datum eller tidpunkt med tidszon)',
  })
  @Optional()
  @IsDateOrDateTime()
  occurredAt?: string;

  @OptionalText({ maxLength: SHORT_TEXT, description: 'Ditt namn; utelämna för att vara anonym' })
  name?: string;

  @ApiPropertyOptional({ type: FeedbackContactDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => FeedbackContactDto)
  contact?: FeedbackContactDto;

  @ApiPropertyOptional({ description: 'Vill du ha svar?' })
  @Optional()
  @IsBoolean()
  wantsAnswer?: boolean;

  @ApiPropertyOptional({
    description: 'Jag eller personen det gäller har skyddade personuppgifter (DATA-2)',
  })
  @Optional()
  @IsBoolean()
  protectedIdentity?: boolean;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 10,
    description: 'Bilagor som laddats upp först (POST /public/feedback/attachments); ärendet tar över dem',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class PublicFeedbackReceiptDto {
  @ApiProperty({ example: 'KL-2026-0112', description: 'Ärendenumret att hänvisa till' })
  reference!: string;

  @ApiPropertyOptional({
    type: [TextWarningDto],
    description:
      'Varningar om texten (t.ex. ett personnummer i meddelandet); utelämnas när inget behöver sägas',
  })
  warnings?: TextWarningDto[];
}
