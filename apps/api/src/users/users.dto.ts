import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../access/roles';
import { PageOf } from '../common/http/page-of.dto';
import { Optional } from '../common/validation/optional';
import { IsKnownUnit } from '../common/validation/validators';
import { PageQueryDto } from '../cases/dto/case-list.dto';

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Söker i namn och användarnamn (alla ord ska finnas med)',
  })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @Optional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Personer som arbetar vid enheten eller ovanför den' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;
}

export class DirectoryUserDto {
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'Namnet som visas för personen' }) name!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles!: Role[];
  @ApiProperty({ type: [String] }) unitIds!: string[];
}

export class UserPageDto extends PageOf(DirectoryUserDto) {}
