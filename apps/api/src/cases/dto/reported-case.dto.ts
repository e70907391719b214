import { ApiPropertyOptional } from '@nestjs/swagger';
import { TextWarningDto } from './text-warning.dto';
import { CaseDto } from './case.dto';

/** The answer to a report: the case, and what the reporter should know about the text they sent. */
export class ReportedCaseDto extends CaseDto {
  @ApiPropertyOptional({
    type: [TextWarningDto],
    description:
      'Varningar om texten (t.ex. ett personnummer i fritexten); utelämnas när inget behöver sägas',
  })
  warnings?: TextWarningDto[];
}
