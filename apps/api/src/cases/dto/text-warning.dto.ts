import { ApiProperty } from '@nestjs/swagger';
import type { TextWarning } from '../personnummer-warnings';

export class TextWarningDto implements TextWarning {
  @ApiProperty({ enum: ['PERSONNUMMER_IN_TEXT'], description: 'Stabil kod för varningen' })
  code!: 'PERSONNUMMER_IN_TEXT';
  @ApiProperty({ type: [String], description: 'Fälten vars text verkar innehålla ett personnummer' })
  fields!: string[];
  @ApiProperty({ description: 'Varningen i klartext' })
  message!: string;
}
