import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALLOWED_ATTACHMENT_TYPES,
  ATTACHMENT_STEPS,
  type AttachmentContentType,
  type AttachmentStep,
} from '@kvalitet/domain';

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'null tills rapporten som hänvisar till bilagan är skickad',
  })
  caseId!: string | null;
  @ApiProperty({
    enum: ATTACHMENT_STEPS,
    description: 'Steget bilagan hör till: rapport, utredning, åtgärd, extern granskning',
  })
  step!: AttachmentStep;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ALLOWED_ATTACHMENT_TYPES, description: 'Filens verkliga typ, läst ur innehållet' })
  contentType!: AttachmentContentType;
  @ApiProperty({ description: 'Storlek i byte efter att platsuppgifter tagits bort' }) sizeBytes!: number;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedByName!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ description: 'Filen virusskannades innan den sparades' }) scanned!: boolean;
}

export class AttachmentSettingsDto {
  @ApiProperty({ description: 'Största tillåtna filstorlek i byte' }) maxBytes!: number;
  @ApiProperty({ enum: ALLOWED_ATTACHMENT_TYPES, isArray: true }) allowedTypes!: AttachmentContentType[];
  @ApiProperty({ description: 'Bilagor virusskannas på den här installationen' }) scanned!: boolean;
}

export class AttachmentListDto extends AttachmentSettingsDto {
  @ApiProperty({ type: [AttachmentDto] }) items!: AttachmentDto[];
}

/** The multipart body (documentation only: the controller reads it itself). */
export class AttachmentUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'En JPEG-, PNG- eller HEIC-bild eller en PDF',
  })
  file!: unknown;
  @ApiPropertyOptional({ enum: ATTACHMENT_STEPS, default: 'report' })
  step?: AttachmentStep;
}
