import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CODE_VALUES, type ProblemCode } from './problem-code';

export interface ProblemFieldError {
  field: string;
  code: string;
  message: string;
}

/** The body of every error answer (`application/problem+json`, RFC 9457). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: ProblemFieldError[];
  requestId?: string;
}

export class ProblemFieldErrorDto implements ProblemFieldError {
  @ApiProperty({
    description: 'Fältets sökväg i begäran, t.ex. `onBehalfOf.name` eller `deadlines.ivo_report`',
    example: 'type',
  })
  field!: string;

  @ApiProperty({ description: 'Stabil kod för felet (engelska)', example: 'INVALID_ENUM' })
  code!: string;

  @ApiProperty({
    description: 'Meddelande på svenska',
    example: 'Fältet type måste vara något av: complaint, suggestion, praise, …',
  })
  message!: string;
}

export class ProblemDto implements ProblemDetails {
  @ApiProperty({ example: 'urn:kvalitet:problem:validation-failed' })
  type!: string;

  @ApiProperty({ example: 'Ogiltig begäran' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ description: 'Förklaring på svenska', example: 'Begäran innehåller fel; se errors.' })
  detail!: string;

  @ApiProperty({ enum: PROBLEM_CODE_VALUES, enumName: 'ProblemCode', example: 'VALIDATION_FAILED' })
  code!: ProblemCode;

  @ApiPropertyOptional({ type: [ProblemFieldErrorDto] })
  errors?: ProblemFieldErrorDto[];

  @ApiPropertyOptional({ description: 'Begärans id (samma som svarshuvudet X-Request-Id)' })
  requestId?: string;
}
