import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString } from 'class-validator';
import { ROLES, type Role } from '../access/roles';
import { DEMO_USERS } from '../org/demo-users';

const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

export class DevTokenRequestDto {
  @ApiProperty({ enum: DEMO_USERNAMES, example: 'sas', description: 'En av demoorganisationens användare' })
  @IsDefined()
  @IsString()
  @IsIn(DEMO_USERNAMES)
  username!: string;
}

export class DevTokenResponseDto {
  @ApiProperty({ description: 'JWT (HS256), giltig i 8 timmar' })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ example: 28800 })
  expires_in!: number;
}

export class MeDto {
  @ApiProperty({ example: 'sas' })
  username!: string;

  @ApiProperty({ example: 'Eva Holm' })
  name!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: Role[];

  @ApiProperty({ type: [String], example: ['forvaltning'] })
  unitIds!: string[];
}
