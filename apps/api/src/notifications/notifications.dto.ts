import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../cases/dto/case-list.dto';
import { Optional } from '../common/validation/optional';
import { PageOf } from '../common/http/page-of.dto';

export class MailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Mottagare: användarnamn eller e-postadress. Utan den: din egen post (kvalitetssamordnaren: all post).',
    example: 'ledning',
  })
  @Optional()
  @IsString()
  @Matches(/^[A-Za-z0-9._@+-]{1,200}$/)
  to?: string;
}

export class MailAttachmentDto {
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
}

export class MailDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Idempotensnyckel: samma nyckel skickas en gång' }) key!: string;
  @ApiProperty() from!: string;
  @ApiProperty({ type: [String] }) to!: string[];
  @ApiProperty({ type: [String] }) toUsernames!: string[];
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true }) html!: string | null;
  @ApiProperty({ type: [MailAttachmentDto] }) attachments!: MailAttachmentDto[];
  @ApiProperty({ enum: ['capture', 'smtp'] }) transport!: string;
  @ApiProperty({ enum: ['sending', 'captured', 'sent', 'failed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
}

export class MailPageDto extends PageOf(MailDto) {}
