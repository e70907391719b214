import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CLASSIFICATION_CODE_MAX_LENGTH,
  CLASSIFICATION_LABEL_MAX_LENGTH,
  CLASSIFICATION_MAX_ENTRIES,
} from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';
import { IsNotBlank } from '../common/validation/validators';

export class ClassificationEntryDto {
  @ApiProperty({
    example: 'läkemedel',
    maxLength: CLASSIFICATION_CODE_MAX_LENGTH,
    description: 'Koden som ärendet och statistiken bär',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(CLASSIFICATION_CODE_MAX_LENGTH)
  code!: string;

  @ApiProperty({
    example: 'Läkemedel',
    maxLength: CLASSIFICATION_LABEL_MAX_LENGTH,
    description: 'Benämningen som visas, även i rapporter till ledning och nämnd',
  })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(CLASSIFICATION_LABEL_MAX_LENGTH)
  label!: string;
}

export class ClassificationsDocumentDto {
  @ApiProperty({
    type: [ClassificationEntryDto],
    maxItems: CLASSIFICATION_MAX_ENTRIES,
    description: 'Kategorier (hela listan; måste innehålla annat)',
  })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(CLASSIFICATION_MAX_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => ClassificationEntryDto)
  categories!: ClassificationEntryDto[];

  @ApiProperty({
    type: [ClassificationEntryDto],
    maxItems: CLASSIFICATION_MAX_ENTRIES,
    description: 'Lagrum (hela listan)',
  })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(CLASSIFICATION_MAX_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => ClassificationEntryDto)
  lagrum!: ClassificationEntryDto[];

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Den version ändringen bygger på (valfri); en inaktuell version ger 409',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}

export class ClassificationsDto {
  @ApiProperty({ minimum: 1, description: 'Listornas version; 1 = demolistorna (inget sparat ännu)' })
  version!: number;

  @ApiProperty({ type: [ClassificationEntryDto] })
  categories!: ClassificationEntryDto[];

  @ApiProperty({ type: [ClassificationEntryDto] })
  lagrum!: ClassificationEntryDto[];

  @ApiPropertyOptional({ format: 'date-time' })
  changedAt?: string;

  @ApiPropertyOptional({ description: 'Vem som sparade versionen' })
  changedBy?: string;
}
